using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Server.Tests.Support;
using Tianmu.Server.Warnings;

namespace Tianmu.Server.Tests.Warnings;

/// <summary>
/// Two server nodes on one database (issue 5: "two server nodes on one PostgreSQL raising no duplicate
/// warning"). Each node has its own queue, worker and in-memory windows; only the database is shared,
/// so the one-open-warning index is what keeps a violation to one warning. Runs on both providers:
/// on SQLite the two nodes share one database file, as the other multi-node tests do.
/// </summary>
public sealed class TwoNodeWarningTests : TwoNodes
{
    private const string Pool = "济南奥体游泳健身有限公司";

    private static DateTimeOffset Ago(int minutes) => DateTimeOffset.UtcNow.AddMinutes(-minutes);

    [Fact]
    public async Task BatchesOfOneViolationSplitBetweenTwoNodesRaiseOneWarning()
    {
        // 40 minutes of low free chlorine in batches of 5 readings, alternately to each node, all at once:
        // both nodes queue the device and evaluate it, each seeing more of the run as batches land.
        var (device, secret) = await TestDevices.ActiveAsync(A, Pool, "MN-WRN-1");
        var batches = Enumerable.Range(1, 40).Reverse().Chunk(5)
            .Select(minutes => TestDevices.Batch([.. minutes.Select(m => (Ago(m), "free_chlorine", (double?)0.1, (string?)"N"))])).ToList();
        var answers = await Task.WhenAll(batches.Select((batch, i) => TestDevices.PushAsync(i % 2 == 0 ? A : B, device, secret, batch)));
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await CountAsync(device) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // Both nodes evaluate it again at the same time, a few times over: still one.
        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(EvaluateAsync(A, device), EvaluateAsync(B, device));
        }

        Assert.Equal(1, await CountAsync(device));
    }

    [Fact]
    public async Task TwoNodesFindingTheSameNewEpisodeAtOnceRaiseItOnce()
    {
        // The readings are stored without queuing anyone (as if ingested elsewhere earlier), then both
        // nodes evaluate each device at the same moment: both find the episode and try to raise it.
        var devices = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var (device, _) = await TestDevices.ActiveAsync(A, Pool, $"MN-WRN-R{i}");
            devices.Add(device);
            await using var db = Database.Context();
            db.Readings.AddRange(Enumerable.Range(1, 30).Select(m => new Tianmu.Ingest.Reading(device, "free_chlorine", Ago(m), 0.1, "N", true, DateTimeOffset.UtcNow)));
            await db.SaveChangesAsync();
        }

        var raised = await Task.WhenAll(devices.SelectMany(d => new[] { EvaluateAsync(A, d), EvaluateAsync(B, d) }));

        foreach (var device in devices)
        {
            Assert.Equal(1, await CountAsync(device));
        }

        Assert.Equal(devices.Count, raised.Sum()); // each device's warning raised by exactly one node
    }

    private async Task<int> CountAsync(Guid device)
    {
        await using var db = Database.Context();
        return await db.Warnings.CountAsync(w => w.DeviceId == device && w.RuleCode == "POOL-FCL-LOW");
    }

    /// <summary>The node's engine, counting only the low-chlorine warnings it raised.</summary>
    private static async Task<int> EvaluateAsync(TianmuApp node, Guid device)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WarningEngine>().EvaluateAsync(device, default, Tianmu.Warnings.Rules.RuleKind.Threshold);
    }
}
