using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Server.Tests.Support;
using Tianmu.Server.Warnings;
using Tianmu.Warnings;

namespace Tianmu.Server.Tests.Warnings;

/// <summary>
/// Readings pushed by a pool's analyser raise warnings from the pool-water rule pack that the
/// catalog item 鲁-GGCS-001 names (GB 37488-2019: free chlorine 0.3–1.0 mg/L for at least 15 minutes).
/// </summary>
public sealed class WarningEngineTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private const string Pool = "济南奥体游泳健身有限公司";

    private static DateTimeOffset Ago(int minutes) => DateTimeOffset.UtcNow.AddMinutes(-minutes).ToOffset(TimeSpan.FromHours(8));

    /// <summary>Free chlorine each minute from 90 to 1 minutes ago: a 5-minute spike (70–66) and a 30-minute low (50–21).</summary>
    private static IEnumerable<(DateTimeOffset, string, double?, string?)> Pattern(int from, int to, string flag = "N") =>
        Enumerable.Range(to, from - to + 1).Reverse().Select(m => (Ago(m), "free_chlorine", (double?)(m is (<= 70 and >= 66) or (<= 50 and >= 21) ? 0.1 : 0.5), (string?)flag));

    private async Task<List<Warning>> WarningsAsync(Guid device, string rule)
    {
        await using var db = app.Db();
        return await db.Warnings.Where(w => w.DeviceId == device && w.RuleCode == rule).ToListAsync();
    }

    private async Task<int> EvaluateAsync(Guid device)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WarningEngine>().EvaluateAsync(device, default);
    }

    [Fact]
    public async Task ALowChlorineEpisodeRaisesOneWarningAndAShortSpikeNone()
    {
        var (device, secret) = await TestDevices.ActiveAsync(app, Pool, "WRN-1");

        // The recent half first, then the older half late: evaluation is by device time, not arrival.
        Assert.Equal(HttpStatusCode.OK, (await TestDevices.PushAsync(app, device, secret, TestDevices.Batch([.. Pattern(45, 1)]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestDevices.PushAsync(app, device, secret, TestDevices.Batch([.. Pattern(90, 46)]))).StatusCode);

        // The ingest path queues the device; the worker raises the warning without anyone asking.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await WarningsAsync(device, "POOL-FCL-LOW")).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        await EvaluateAsync(device); // settle: both batches evaluated
        var warning = Assert.Single(await WarningsAsync(device, "POOL-FCL-LOW"));
        Assert.Equal(WarningStatus.New, warning.Status);
        Assert.Equal("gb37488-2019/pool-water", warning.PackCode);
        Assert.Contains("GB 37488-2019", warning.Clause);
        Assert.NotNull(warning.EpisodeEnd); // chlorine recovered 20 minutes ago
        Assert.True(warning.EpisodeStart <= Ago(44) && warning.EpisodeStart >= Ago(51), $"episode start {warning.EpisodeStart}");
        var values = JsonDocument.Parse(warning.EvidenceJson).RootElement.EnumerateArray().Select(s => s.GetProperty("v").GetDouble()).ToList();
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.Equal(0.1, v)); // only the low readings, none of the 0.5 around them

        // Evaluating again, or receiving the same readings again, raises nothing new.
        Assert.Equal(0, await EvaluateAsync(device));
        await TestDevices.PushAsync(app, device, secret, TestDevices.Batch([.. Pattern(90, 1)]));
        Assert.Equal(0, await EvaluateAsync(device));
        Assert.Single(await WarningsAsync(device, "POOL-FCL-LOW"));
    }

    [Fact]
    public async Task ReadingsAnotherNodeStoresLateInsideTheHeldWindowAreSeenOnceTheWindowIsCounted()
    {
        // Low chlorine 46 and 29–21 minutes ago: the 17-minute silence breaks the run (no reading is
        // evidence that it stayed low), so neither part lasts 15 minutes. The engine now holds them.
        var (device, secret) = await TestDevices.ActiveAsync(app, Pool, "WRN-6");
        var low = new[] { 46 }.Concat(Enumerable.Range(21, 9)).Select(m => (Ago(m), "free_chlorine", (double?)0.1, (string?)"N"));
        Assert.Equal(HttpStatusCode.OK, (await TestDevices.PushAsync(app, device, secret, TestDevices.Batch([.. low]))).StatusCode);
        await EvaluateAsync(device);
        Assert.Empty(await WarningsAsync(device, "POOL-FCL-LOW"));

        // Another node stores the readings of the silence (45–30 minutes ago): nothing is handed to this
        // node and every one is older than the newest held, yet once the window is next counted against
        // the store it sees one 25-minute run.
        await using (var db = app.Db())
        {
            db.Readings.AddRange(Enumerable.Range(30, 16).Select(m => new Tianmu.Ingest.Reading(device, "free_chlorine", Ago(m).ToUniversalTime(), 0.1, "N", true, DateTimeOffset.UtcNow)));
            await db.SaveChangesAsync();
        }

        await Task.Delay(SeriesWindow.CheckEvery);
        await EvaluateAsync(device);
        var warning = Assert.Single(await WarningsAsync(device, "POOL-FCL-LOW"));
        Assert.True(warning.EpisodeStart <= Ago(45), $"episode start {warning.EpisodeStart}");
    }

    [Fact]
    public async Task ReadingsThisNodeReceivesLateAreSeenByTheVeryNextEvaluation()
    {
        // As above, but the late readings come through this node's ingest, which hands them to the
        // engine: older than the newest held, so the window is read afresh at once, without waiting
        // for the next count.
        var (device, secret) = await TestDevices.ActiveAsync(app, Pool, "WRN-6B");
        var low = new[] { 46 }.Concat(Enumerable.Range(21, 9)).Select(m => (Ago(m), "free_chlorine", (double?)0.1, (string?)"N"));
        Assert.Equal(HttpStatusCode.OK, (await TestDevices.PushAsync(app, device, secret, TestDevices.Batch([.. low]))).StatusCode);
        await EvaluateAsync(device);
        Assert.Empty(await WarningsAsync(device, "POOL-FCL-LOW"));

        var silence = Enumerable.Range(30, 16).Select(m => (Ago(m), "free_chlorine", (double?)0.1, (string?)"N"));
        Assert.Equal(HttpStatusCode.OK, (await TestDevices.PushAsync(app, device, secret, TestDevices.Batch([.. silence]))).StatusCode);
        await EvaluateAsync(device);
        var warning = Assert.Single(await WarningsAsync(device, "POOL-FCL-LOW"));
        Assert.True(warning.EpisodeStart <= Ago(45), $"episode start {warning.EpisodeStart}");
    }

    [Fact]
    public async Task ReadingsUnusableAsEvidenceNeverRaiseAViolationWarning()
    {
        // Flagged as maintenance (M) on an active device, and normal readings on a device not yet active.
        var (maintained, secret) = await TestDevices.ActiveAsync(app, Pool, "WRN-2");
        await TestDevices.PushAsync(app, maintained, secret, TestDevices.Batch([.. Pattern(90, 1, "M")]));
        var (inactive, secret2) = await TestDevices.ActiveAsync(app, Pool, "WRN-3", activate: false);
        await TestDevices.PushAsync(app, inactive, secret2, TestDevices.Batch([.. Pattern(90, 1)]));

        Assert.Equal(0, await EvaluateAsync(maintained));
        Assert.Equal(0, await EvaluateAsync(inactive));
        await using var db = app.Db();
        Assert.False(await db.Warnings.AnyAsync(w => (w.DeviceId == maintained || w.DeviceId == inactive) && w.Category == Tianmu.Warnings.Rules.WarningCategory.Violation));
    }

    [Fact]
    public async Task ADeviceSilentLongerThanAllowedRaisesADeviceWarningEvenBeyondTheWindow()
    {
        // Z12: data must be continuous; the pool pack allows 30 minutes of silence. The last reading
        // lies before the look-back window, and the silence is still measured from it.
        var (device, secret) = await TestDevices.ActiveAsync(app, Pool, "WRN-4");
        var old = Enumerable.Range(0, 5).Select(i => (DateTimeOffset.UtcNow.AddHours(-30).AddMinutes(i), "free_chlorine", (double?)0.5, (string?)"N"));
        Assert.Equal(HttpStatusCode.OK, (await TestDevices.PushAsync(app, device, secret, TestDevices.Batch([.. old]))).StatusCode);

        // The worker, queued by the push, may get there first: the warning counts, not who raised it.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WarningEngine>().EvaluateAsync(device, default, Tianmu.Warnings.Rules.RuleKind.MissingData);
        }

        var warning = Assert.Single(await WarningsAsync(device, "POOL-SILENT"));
        Assert.Equal(Tianmu.Warnings.Rules.WarningCategory.Device, warning.Category);
        Assert.StartsWith("游离性余氯", warning.Summary);
        Assert.Null(warning.EpisodeEnd); // still silent

        // The device had kept its data and now sends it late: the silence is over, the warning stays
        // open for the officer but no longer continues.
        // Every 10 minutes for the last 3 hours: the look-back window (2 h) now holds no gap at all.
        var recent = Enumerable.Range(0, 18).Select(i => (DateTimeOffset.UtcNow.AddMinutes(-180 + (i * 10)), "free_chlorine", (double?)0.5, (string?)"N"));
        await TestDevices.PushAsync(app, device, secret, TestDevices.Batch([.. recent]));
        await EvaluateAsync(device);
        var after = Assert.Single(await WarningsAsync(device, "POOL-SILENT"));
        Assert.NotNull(after.EpisodeEnd);
        Assert.True(after.IsOpen);
    }

    [Fact]
    public async Task OfficersSignForCheckAndOrderRectificationAndLateOnesAreEscalated()
    {
        var (device, secret) = await TestDevices.ActiveAsync(app, Pool, "WRN-5");
        await TestDevices.PushAsync(app, device, secret, TestDevices.Batch([.. Pattern(90, 1)]));
        await EvaluateAsync(device);
        var id = (await WarningsAsync(device, "POOL-FCL-LOW")).Single().Id;
        var officer = await app.ClientForAsync("lx.officer1");
        Task<HttpResponseMessage> Act(string action, string? note = null, DateOnly? rectifyBy = null) =>
            officer.PostAsJsonAsync($"/api/v1/warnings/{id}/actions", new { action, note, rectifyBy });

        var skipped = await Problem.ReadAsync(await Act("OrderRectification", rectifyBy: DateOnly.FromDateTime(DateTime.Today).AddDays(7)), HttpStatusCode.Conflict);
        Assert.Equal("请先签收该预警。", skipped.Body.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Act("SignFor")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Act("StartChecking")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Act("DismissAsFalseAlarm")).StatusCode); // a reason is required
        Assert.Equal(HttpStatusCode.BadRequest, (await Act("OrderRectification")).StatusCode);  // and a deadline
        var ordered = await (await Act("OrderRectification", "首次发现，责令立即投加消毒剂", DateOnly.FromDateTime(DateTime.Today).AddDays(3))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("RectificationOrdered", ordered.GetProperty("status").GetString());
        Assert.Contains("lx.officer1", ordered.GetProperty("handledBy").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("ls.officer1")).GetAsync($"/api/v1/warnings/{id}")).StatusCode);

        // A warning nobody signed for within its limit (8 h for a general one) goes to the head.
        var late = await TestWarnings.RaiseAsync(app, Pool, "pH 6.5 低于下限 7.0", "POOL-PH", device, at: DateTimeOffset.UtcNow.AddHours(-10));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<WarningEscalation>().EscalateAsync(default) >= 1);
        }

        var view = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/warnings/{late}");
        Assert.True(view.GetProperty("responseOverdue").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, view.GetProperty("escalatedAt").ValueKind);
    }
}
