using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Evidence;
using Tianmu.Server.Evidence;
using Tianmu.Server.Hosting;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Evidence;

/// <summary>
/// Review gating (art. 41: an unreviewed or failing record is not evidence) and retention (S17: at least a
/// year, legal holds keep items, expiry leaves the row and a tombstone and removes only the bytes).
/// </summary>
public sealed class EvidenceReviewAndRetentionTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private const string Pool = TestEvidence.Pool;

    private static readonly string[] AllPoints = [.. ReviewChecklist.Items.Select(i => i.Code)];

    [Fact]
    public async Task OnlyAnItemWhoseLatestReviewPassedMayBeReliedOn()
    {
        var entity = await app.EntityIdAsync(Pool);
        var id = (await TestEvidence.UploadAsync(app, "lx.officer1", entity, [0x89, 0x50, 0x4E, 0x47, 42])).GetProperty("id").GetGuid();
        await using var scope = app.Services.CreateAsyncScope();
        var reviews = scope.ServiceProvider.GetRequiredService<EvidenceReviewDesk>();
        Assert.Equal([id], (await reviews.RelianceAsync([id], default)).NotReviewed);

        var officer = await app.ClientForAsync("lx.officer1");
        var incomplete = await officer.PostAsJsonAsync($"/api/v1/evidence/{id}/reviews", new { passed = true, confirmed = new[] { "hash_verified" } });
        Assert.Equal("evidence.review_incomplete", (await Problem.ReadAsync(incomplete, HttpStatusCode.UnprocessableEntity)).Code);
        var noReason = await officer.PostAsJsonAsync($"/api/v1/evidence/{id}/reviews", new { passed = false });
        await Problem.ReadAsync(noReason, HttpStatusCode.BadRequest);
        var reader = await app.ClientForAsync("jn.reviewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync($"/api/v1/evidence/{id}/reviews", new { passed = true, confirmed = AllPoints })).StatusCode);
        Assert.False((await reviews.RelianceAsync([id], default)).AllPassed);

        var passed = await officer.PostAsJsonAsync($"/api/v1/evidence/{id}/reviews", new { passed = true, confirmed = AllPoints });
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        Assert.True((await reviews.RelianceAsync([id], default)).AllPassed);
        Assert.False((await reviews.RelianceAsync([id, Guid.NewGuid()], default)).AllPassed); // an unknown item is never relied on

        // A later review that fails it takes over: the latest conclusion counts.
        var failed = await (await app.ClientForAsync("lx.officer2")).PostAsJsonAsync($"/api/v1/evidence/{id}/reviews", new { passed = false, reason = "拍摄时间与事实不符" });
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        var reliance = await reviews.RelianceAsync([id], default);
        Assert.False(reliance.AllPassed);
        Assert.Equal([id], reliance.Failed);
        var sheet = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/evidence/{id}/review");
        Assert.Equal(2, sheet.GetProperty("history").GetArrayLength());
        Assert.Equal("拍摄时间与事实不符", sheet.GetProperty("history")[0].GetProperty("reason").GetString());
        Assert.False(sheet.GetProperty("reliable").GetBoolean());
    }

    [Fact]
    public async Task AReviewCannotPassWhatTheSystemFoundWrong()
    {
        // A device not yet active when the item was captured: the checklist says so and a pass is refused.
        var (device, _) = await TestDevices.ActiveAsync(app, Pool, "EV-INACTIVE", activate: false, credential: false);
        await using var scope = app.Services.CreateAsyncScope();
        var state = await scope.ServiceProvider.GetRequiredService<EvidenceRecorder>().DeviceStateAsync(device, DateTimeOffset.UtcNow, default);
        Assert.False(DeviceStateAtCapture.FromJson(state)!.Usable);

        var entity = await app.EntityIdAsync(Pool);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent([7, 7, 7, 7, 1]), "file", "a.bin" },
            { new StringContent(entity.ToString()), "entityId" },
            { new StringContent("设备截图"), "title" },
            { new StringContent("ElectronicData"), "form" },
            { new StringContent(DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O")), "factAt" },
            { new StringContent("机房"), "place" },
            { new StringContent(device.ToString()), "deviceId" },
        };
        var officer = await app.ClientForAsync("lx.officer1");
        var created = await (await officer.PostAsync("/api/v1/evidence/", form)).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var refused = await officer.PostAsJsonAsync($"/api/v1/evidence/{id}/reviews", new { passed = true, confirmed = AllPoints });
        var problem = await Problem.ReadAsync(refused, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("evidence.review_contradicted", problem.Code);
        Assert.Contains("设备已通过法制和技术审核", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetentionExpiresOnlyUnheldItemsLeavingTombstonesAndReportsWhatIsDue()
    {
        var old = DateTimeOffset.UtcNow.AddDays(-400);
        var loose = await TestEvidence.RecordAsync(app, Pool, [1, 1, 1, 1, 1], old);
        var held = await TestEvidence.RecordAsync(app, Pool, [2, 2, 2, 2, 2], old);
        var archivedLong = await TestEvidence.RecordAsync(app, Pool, [3, 3, 3, 3, 3], old);
        var archivedShort = await TestEvidence.RecordAsync(app, Pool, [4, 4, 4, 4, 4], old);
        var soon = await TestEvidence.RecordAsync(app, Pool, [5, 5, 5, 5, 5], DateTimeOffset.UtcNow.AddDays(-350));
        Assert.Equal(old.AddDays(365).UtcTicks, loose.RetentionUntil.UtcTicks);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var holds = scope.ServiceProvider.GetRequiredService<EvidenceHolds>();
            Assert.Equal(1, (await holds.PlaceAsync([held.Id], "case:A", "立案", "test", default)).Value);
            Assert.Equal(0, (await holds.PlaceAsync([held.Id], "case:A", "立案", "test", default)).Value); // placed once
            await holds.PlaceAsync([archivedLong.Id], "case:B", "立案", "test", default);
            await holds.PlaceAsync([archivedShort.Id], "case:C", "立案", "test", default);
            Assert.Equal(1, await holds.ReleaseAsync("case:B", DateTimeOffset.UtcNow.AddYears(30), "test", default)); // archived: the archive's retention
            Assert.Equal(1, await holds.ReleaseAsync("case:C", DateTimeOffset.UtcNow.AddDays(-1), "test", default));
        }

        var admin = await app.ClientForAsync("sd.admin");
        var expiring = await admin.GetFromJsonAsync<JsonElement>("/api/v1/evidence/expiring");
        var due = expiring.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(soon.Id, due);
        Assert.Contains(loose.Id, due);
        Assert.DoesNotContain(held.Id, due);
        Assert.DoesNotContain(archivedLong.Id, due);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<EvidenceRetention>().RunAsync(default);
        }

        await using var db = app.Db();
        var rows = await db.EvidenceItems.AsNoTracking().Where(i => new[] { loose.Id, held.Id, archivedLong.Id, archivedShort.Id, soon.Id }.Contains(i.Id)).ToDictionaryAsync(i => i.Id);
        Assert.Equal(5, rows.Count); // rows stay
        Assert.NotNull(rows[loose.Id].ExpiredAt);
        Assert.NotNull(rows[archivedShort.Id].ExpiredAt);
        Assert.Null(rows[held.Id].ExpiredAt);
        Assert.Null(rows[archivedLong.Id].ExpiredAt);
        Assert.Null(rows[soon.Id].ExpiredAt);
        Assert.False(File.Exists(TestEvidence.PathOf(app, loose.Sha256)));
        Assert.False(File.Exists(TestEvidence.PathOf(app, archivedShort.Sha256)));
        Assert.True(File.Exists(TestEvidence.PathOf(app, held.Sha256)));
        Assert.True(File.Exists(TestEvidence.PathOf(app, soon.Sha256)));
        // Tombstones queued for the log, or already leaves once the appender has run.
        var tombstones = await db.Database.SqlQueryRaw<string>(
            "SELECT ref AS \"Value\" FROM log_queue WHERE kind = 'evidence-tombstone' UNION ALL SELECT ref AS \"Value\" FROM log_leaves WHERE kind = 'evidence-tombstone'").ToListAsync();
        Assert.Contains(loose.Id.ToString(), tombstones, StringComparer.OrdinalIgnoreCase);
        Assert.Contains(archivedShort.Id.ToString(), tombstones, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(held.Id.ToString(), tombstones, StringComparer.OrdinalIgnoreCase);

        var gone = await (await app.ClientForAsync("lx.officer1")).GetAsync($"/api/v1/evidence/{loose.Id}/content?reason=复核");
        Assert.Equal("evidence.expired", (await Problem.ReadAsync(gone, HttpStatusCode.Conflict)).Code);
        Assert.True((await db.EvidenceAccess.AsNoTracking().Where(a => a.ItemId == loose.Id).ToListAsync()).All(a => a.Outcome == AccessOutcome.Expired));
        var leaf = System.Text.Encoding.UTF8.GetString(EvidenceTombstoneLeafSource.Leaf(rows[loose.Id]));
        Assert.StartsWith($"{{\"kind\":\"evidence-tombstone\",\"ref\":\"{loose.Id}\"", leaf, StringComparison.Ordinal);
    }

    [Fact]
    public void ARetentionShorterThanAYearStopsStartUp()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tianmu:Evidence:RetentionDays"] = "180" }).Build();
        var problem = Assert.Throws<ConfigurationProblem>(() => EvidenceOptions.From(configuration));
        Assert.Contains("第十七条", problem.Message, StringComparison.Ordinal);
        Assert.Equal(730, EvidenceOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tianmu:Evidence:RetentionDays"] = "730" }).Build()).RetentionDays);
    }
}
