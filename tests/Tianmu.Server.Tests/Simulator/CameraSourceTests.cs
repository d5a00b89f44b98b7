using System.Security.Cryptography;
using Tianmu.Devices.Camera;
using Tianmu.Ingest.AiEvents;
using Tianmu.Simulator.Devices;
using Tianmu.Simulator.Signals;

namespace Tianmu.Server.Tests.Simulator;

/// <summary>The simulated AI camera: its schedule, the covered episode, and snapshots the server's analysis reads as the same scene or as a covered lens.</summary>
public sealed class CameraSourceTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(90);
    private static readonly Episode Covered = new(EpisodeKind.Covered, null, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(10));

    private static CameraSchedule Schedule(TimeSpan interval) => new("cam-device", [Covered], Anchor, Period, interval);

    [Fact]
    public void PatrolsFollowTheIntervalLiveAndEveryFiveMinutesInHistory()
    {
        var schedule = Schedule(TimeSpan.FromSeconds(60));
        var live = schedule.Between(Anchor, Anchor.AddHours(1), history: false).Where(s => s.Type == "patrol").ToList();
        var history = schedule.Between(Anchor, Anchor.AddHours(1), history: true).Where(s => s.Type == "patrol").ToList();
        Assert.Equal(60, live.Count);
        Assert.Equal(12, history.Count);
        Assert.All(history, s => Assert.Contains(live, l => l.Id == s.Id)); // a back-filled patrol is the live one, id and all
        Assert.All(live, s => Assert.Equal(1.0, s.Confidence));
    }

    [Fact]
    public void WindowsSplitTheDayWithoutGapsOrRepeatsAndIdsAreStable()
    {
        var schedule = Schedule(TimeSpan.FromSeconds(60));
        var whole = schedule.Between(Anchor, Anchor.AddHours(24), history: false);
        var pieces = Enumerable.Range(0, 24 * 360).SelectMany(i => schedule.Between(Anchor.AddSeconds(10 * i), Anchor.AddSeconds(10 * (i + 1)), history: false)).ToList();
        Assert.Equal(whole.Select(s => s.Id), pieces.Select(s => s.Id));
        Assert.Equal(whole.Count, whole.Select(s => s.Id).Distinct().Count());
        Assert.Equal(whole, Schedule(TimeSpan.FromSeconds(60)).Between(Anchor, Anchor.AddHours(24), history: false)); // a restart repeats the same events
        Assert.All(whole, s => Assert.Matches("^[A-Za-z0-9._:-]{1,64}$", s.Id)); // the server's event id rule
    }

    [Fact]
    public void ViolationsAreTheClinicsAndNeverWhileCovered()
    {
        var schedule = Schedule(TimeSpan.FromSeconds(60));
        var day = schedule.Between(Anchor.AddHours(-12), Anchor.AddHours(12), history: false);
        var violations = day.Where(s => s.Type != "patrol").ToList();
        Assert.InRange(violations.Count, 20, 80); // about 0.3 of 144 ten-minute slots
        Assert.Equal(["no_mask", "waste_store_unattended"], violations.Select(v => v.Type).Distinct().Order());
        Assert.All(violations, v => Assert.True(AiEventTypes.Find(v.Type)!.Violation));
        Assert.All(violations, v => Assert.InRange(v.Confidence, 0.79, 0.95));
        Assert.All(violations, v => Assert.False(v.Covered || schedule.IsCovered(v.Time)));
    }

    [Fact]
    public void TheLensIsCoveredOnlyDuringTheEpisode()
    {
        var schedule = Schedule(TimeSpan.FromSeconds(60));
        var patrols = schedule.Between(Anchor, Anchor.Add(Period), history: false).Where(s => s.Type == "patrol").ToList();
        var covered = patrols.Where(s => s.Covered).Select(s => s.Time).ToList();
        Assert.Equal(10, covered.Count);
        Assert.Equal(Anchor.AddMinutes(3), covered.Min());
        Assert.Equal(Anchor.AddMinutes(12), covered.Max());
        Assert.True(schedule.IsCovered(Anchor.Add(Period).AddMinutes(5))); // and again one period later
        Assert.Contains(schedule.Between(Anchor.AddMinutes(-40), Anchor.AddMinutes(20), history: true), s => s.Covered); // the history sees it too
    }

    [Fact]
    public async Task SnapshotsReadAsTheSameSceneUntilTheLensIsCovered()
    {
        var log = new List<string>();
        var images = await CameraImages.DrawAsync(log.Add, CancellationToken.None);
        Assert.True(images is not null, string.Join("; ", log));
        var shots = Schedule(TimeSpan.FromSeconds(60)).Between(Anchor, Anchor.AddMinutes(15), history: false).Where(s => s.Type == "patrol").ToList();
        var files = shots.Select(images.Of).ToList();
        Assert.Equal(files.Count, files.Select(f => Convert.ToHexString(SHA256.HashData(f))).Distinct().Count()); // each event its own original
        Assert.All(files, f => Assert.True(MediaRules.Matches("image/jpeg", f)));

        using var decoder = new FfmpegFrameDecoder();
        async Task<GreyFrame> Frame(byte[] jpeg) => (await decoder.DecodeAsync(jpeg, CancellationToken.None)).Value!;
        var baseline = CameraBaseline.From(await Frame(files[0])).Value!;
        foreach (var (shot, file) in shots.Zip(files).Skip(1))
        {
            var finding = CameraIntegrity.Assess(baseline, await Frame(file));
            Assert.True(shot.Covered ? finding.Condition == CameraCondition.Obstructed : finding.IsOk, $"{shot.Time:HH:mm} covered={shot.Covered}: {finding.Condition} {finding.Reason}");
        }

        Assert.Contains(shots, s => s.Covered);
    }
}
