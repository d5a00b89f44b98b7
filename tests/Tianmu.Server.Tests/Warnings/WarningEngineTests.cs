using System.Net;
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
        Assert.Contains("0.1", warning.EvidenceJson);
        Assert.DoesNotContain("0.5", warning.EvidenceJson);

        // Evaluating again, or receiving the same readings again, raises nothing new.
        Assert.Equal(0, await EvaluateAsync(device));
        await TestDevices.PushAsync(app, device, secret, TestDevices.Batch([.. Pattern(90, 1)]));
        Assert.Equal(0, await EvaluateAsync(device));
        Assert.Single(await WarningsAsync(device, "POOL-FCL-LOW"));
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

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<WarningEngine>().EvaluateAsync(device, default, Tianmu.Warnings.Rules.RuleKind.MissingData));
        }

        var warning = Assert.Single(await WarningsAsync(device, "POOL-SILENT"));
        Assert.Equal(Tianmu.Warnings.Rules.WarningCategory.Device, warning.Category);
        Assert.StartsWith("游离性余氯", warning.Summary);
        Assert.Null(warning.EpisodeEnd); // still silent
    }
}
