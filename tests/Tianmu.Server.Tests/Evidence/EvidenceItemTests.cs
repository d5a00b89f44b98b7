using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Evidence;
using Tianmu.Ingest;
using Tianmu.Server.Evidence;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Evidence;

/// <summary>
/// Evidence items on the provider under test: data snapshots frozen canonically once a warning's window
/// is complete, tampering refused on read with the item named, no way to edit or delete an original,
/// custody logged, and jurisdiction.
/// </summary>
public sealed class EvidenceItemTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private const string Pool = TestEvidence.Pool;

    [Fact]
    public async Task WarningWindowIsFrozenOnceIntoACanonicalSnapshotWithItsGaps()
    {
        var (device, _) = await TestDevices.ActiveAsync(app, Pool, "EV-SNAP-1", credential: false);
        var raised = DateTimeOffset.UtcNow.AddHours(-3);
        var start = new DateTimeOffset(raised.Year, raised.Month, raised.Day, raised.Hour, raised.Minute, 0, TimeSpan.Zero).AddMinutes(-60);
        // One reading a minute for two hours, except a 20-minute silence; values chosen to test the number format.
        double[] values = [0.5, 1.25, 0.1 + 0.2, 2, 1e-7];
        var times = Enumerable.Range(0, 120).Where(i => i is < 50 or >= 70).Select(i => start.AddMinutes(i)).ToList();
        await using (var db = app.Db())
        {
            db.Readings.AddRange(times.Select((t, i) => new Reading(device, "turbidity", t, values[i % values.Length], "N", true, t)));
            await db.SaveChangesAsync();
        }

        var warningId = await TestWarnings.RaiseAsync(app, Pool, "浑浊度超标", "POOL-TURBIDITY", device, at: start.AddMinutes(70), end: start.AddMinutes(80));
        await using var scope = app.Services.CreateAsyncScope();
        var collector = scope.ServiceProvider.GetRequiredService<EvidenceCollector>();
        await collector.SnapshotsAsync(DateTimeOffset.UtcNow, default);
        await collector.SnapshotsAsync(DateTimeOffset.UtcNow, default); // a second round (or node) makes no second item

        await using var check = app.Db();
        var item = await check.EvidenceItems.AsNoTracking().SingleAsync(i => i.WarningId == warningId);
        Assert.Equal(CaptureMethod.OnlineMonitoring, item.CaptureMethod);
        Assert.Equal(DataSnapshot.MediaType, item.MediaType);
        var bytes = await scope.ServiceProvider.GetRequiredService<IObjectStore>().ReadAsync(item.Sha256, default);
        var doc = JsonDocument.Parse(bytes!).RootElement;
        Assert.Equal("POOL-TURBIDITY", doc.GetProperty("rule").GetProperty("code").GetString());
        Assert.Equal(1.0, doc.GetProperty("rule").GetProperty("max").GetDouble());

        // The window is the episode (start = raised − 40 min) padded by 30 minutes each side; the readings inside it,
        // written in one fixed form: UTC to the microsecond, shortest round-trip numbers.
        var (from, to) = (start.AddMinutes(70 - 40 - 30), start.AddMinutes(80 + 30));
        var expected = string.Join(",", times.Select((t, i) => (t, v: values[i % values.Length])).Where(x => x.t >= from && x.t <= to)
            .Select(x => $"{{\"t\":\"{x.t.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}.000000Z\",\"v\":{x.v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)},\"q\":\"N\",\"u\":true}}"));
        Assert.Contains($"\"readings\":[{expected}]", System.Text.Encoding.UTF8.GetString(bytes!), StringComparison.Ordinal);
        Assert.Contains("0.30000000000000004", System.Text.Encoding.UTF8.GetString(bytes!), StringComparison.Ordinal);

        var continuity = ContinuityReport.FromJson(item.ContinuityJson)!;
        Assert.False(continuity.Continuous);
        var gap = Assert.Single(continuity.Gaps, g => g.From > from && g.To < to);
        Assert.Equal(start.AddMinutes(49), gap.From);
        Assert.Equal(start.AddMinutes(70), gap.To);
        Assert.Equal(60, continuity.ExpectedIntervalSeconds);
        Assert.True(DeviceStateAtCapture.FromJson(item.DeviceStateJson)!.Usable);

        // Frozen again from the same data, the document is byte for byte the same.
        var warning = await check.Warnings.AsNoTracking().SingleAsync(w => w.Id == warningId);
        var readings = await check.Readings.AsNoTracking().Where(r => r.DeviceId == device && r.DeviceTime >= from && r.DeviceTime <= to).ToListAsync();
        var again = DataSnapshot.Write(warning, Tianmu.Warnings.Rules.RulePacks.Find(warning.PackCode)!.Rules.Single(r => r.Code == warning.RuleCode), device,
            readings, Continuity.Series(readings.Select(r => r.DeviceTime), from, to));
        Assert.Equal(bytes, again);
        // The item page draws the frozen numbers with the rule's limit band, and records the view.
        var page = await (await app.CookieClientAsync("lx.officer1")).GetStringAsync($"/evidence/{item.Id}");
        Assert.Contains("data-series=", page, StringComparison.Ordinal);
        Assert.Contains("有中断", page, StringComparison.Ordinal);
        Assert.True(await check.EvidenceAccess.AnyAsync(a => a.ItemId == item.Id && a.Action == AccessAction.View));

        // Queued for the evidence log in the inserting transaction and appended by the log's job: the
        // leaf is the hash of what the leaf source gives for the item now.
        var @ref = item.Id.ToString();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        Tianmu.Evidence.Log.LogLeaf? leaf;
        while ((leaf = await check.LogLeaves.AsNoTracking().SingleOrDefaultAsync(l => l.Kind == "evidence" && l.Ref == @ref)) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.NotNull(leaf);
        var leaves = await new EvidenceLeafSource().LeafDataAsync(check, [@ref], default);
        Assert.StartsWith($"{{\"kind\":\"evidence\",\"ref\":\"{item.Id}\",\"sha256\":\"{item.Sha256}\"", System.Text.Encoding.UTF8.GetString(leaves[@ref]), StringComparison.Ordinal);
        Assert.Equal(Tianmu.Evidence.Log.LogHasher.Sha256.HashLeaf(leaves[@ref]), leaf.LeafHash);
    }

    [Fact]
    public async Task AFlippedByteIsReportedAsTamperingNamingTheItem()
    {
        var entity = await app.EntityIdAsync(Pool);
        var created = await TestEvidence.UploadAsync(app, "lx.officer1", entity, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4, 5, 6], title: "篡改测试照片");
        var id = created.GetProperty("id").GetGuid();
        var officer = await app.ClientForAsync("lx.officer1");

        var refused = await Problem.ReadAsync(await officer.GetAsync($"/api/v1/evidence/{id}/content"), HttpStatusCode.BadRequest);
        Assert.True(refused.Body.GetProperty("errors").TryGetProperty("reason", out _));
        var ok = await officer.GetAsync($"/api/v1/evidence/{id}/content?reason=立案审查");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        string sha;
        await using (var db = app.Db())
        {
            sha = (await db.EvidenceItems.SingleAsync(i => i.Id == id)).Sha256;
        }

        var path = TestEvidence.PathOf(app, sha);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // the store leaves it read-only
        }

        var bytes = await File.ReadAllBytesAsync(path);
        bytes[5] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        var tampered = await officer.GetAsync($"/api/v1/evidence/{id}/content?reason=立案审查");
        var problem = await Problem.ReadAsync(tampered, HttpStatusCode.Conflict);
        Assert.Equal("evidence.tampered", problem.Code);
        Assert.Contains(id.ToString(), problem.Detail, StringComparison.Ordinal);
        Assert.Contains("篡改测试照片", problem.Detail, StringComparison.Ordinal);

        var custody = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/evidence/{id}/custody");
        var outcomes = custody.EnumerateArray().Select(e => (e.GetProperty("actionName").GetString(), e.GetProperty("outcome").GetString(), e.GetProperty("reason").GetString())).ToList();
        Assert.Contains(("下载", "哈希不符，拒绝提供", "立案审查"), outcomes);
        Assert.Contains(("下载", "已提供", "立案审查"), outcomes);
        var sheet = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/evidence/{id}/review");
        var hash = sheet.GetProperty("found").GetProperty("points").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "hash_verified");
        Assert.False(hash.GetProperty("found").GetBoolean());
    }

    [Fact]
    public async Task NoEndpointAndNoStatementEditsOrDeletesAnOriginal()
    {
        var routes = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.Contains("evidence", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).ToHashSet();
        Assert.Empty(routes.Intersect(["PUT", "PATCH", "DELETE"]));

        var item = await TestEvidence.RecordAsync(app, Pool, [9, 9, 9, 1], DateTimeOffset.UtcNow);
        await using var db = app.Db();
        var id = item.Id.ToString();
        var idParam = db.Database.IsNpgsql() ? (object)item.Id : item.Id.ToString().ToUpperInvariant();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE evidence_items SET sha256 = 'x' WHERE id = {0}", idParam));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE evidence_items SET title = 'x', expired_at = retention_until WHERE id = {0}", idParam));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM evidence_items WHERE id = {0}", idParam));
        Assert.Equal(item.Sha256, (await db.EvidenceItems.AsNoTracking().SingleAsync(i => i.Id == item.Id)).Sha256);

        // The one change allowed is recording expiry, once.
        Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("UPDATE evidence_items SET expired_at = retention_until WHERE id = {0}", idParam));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE evidence_items SET expired_at = collected_at WHERE id = {0}", idParam));
        // Queued for the log (or, once the appender has run, already a leaf).
        Assert.True(await db.Database.SqlQueryRaw<int>(
            "SELECT 1 AS \"Value\" FROM log_queue WHERE kind = 'evidence-tombstone' AND ref = {0} UNION ALL SELECT 1 AS \"Value\" FROM log_leaves WHERE kind = 'evidence-tombstone' AND ref = {0}",
            id).AnyAsync());

        // Reviews and the chain of custody are appended only.
        db.EvidenceAccess.Add(new EvidenceAccess(item.Id, AccessAction.View, "测试", AccessOutcome.Served, null, "test", DateTimeOffset.UtcNow));
        db.EvidenceReviews.Add(new EvidenceReview(Guid.CreateVersion7(), item.Id, false, "测试", "{}", await app.UserIdAsync("lx.officer1"), "test", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM evidence_access WHERE item_id = {0}", idParam));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE evidence_access SET reason = 'x' WHERE item_id = {0}", idParam));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM evidence_reviews WHERE item_id = {0}", idParam));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE evidence_reviews SET passed = {1} WHERE item_id = {0}", idParam, true));
    }

    [Fact]
    public async Task OfficersSeeOnlyTheirJurisdictionAndEveryViewIsLogged()
    {
        var entity = await app.EntityIdAsync(Pool);
        var created = await TestEvidence.UploadAsync(app, "lx.officer1", entity, [0x89, 0x50, 0x4E, 0x47, 7, 7, 7]);
        var id = created.GetProperty("id").GetGuid();

        var outsider = await app.ClientForAsync("ls.officer1");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/evidence/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/evidence/{id}/content?reason=x")).StatusCode);
        var theirs = await outsider.GetFromJsonAsync<JsonElement>("/api/v1/evidence/");
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);

        var officer = await app.ClientForAsync("lx.officer2");
        var detail = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/evidence/{id}?reason=核对要素");
        Assert.Equal("张三 370102199001011234", detail.GetProperty("persons").GetString());
        await using var db = app.Db();
        var stored = await db.EvidenceItems.AsNoTracking().SingleAsync(i => i.Id == id);
        Assert.DoesNotContain("张三", stored.PersonsCipher, StringComparison.Ordinal); // personal data at rest is encrypted
        Assert.DoesNotContain(await db.AuditRecords.AsNoTracking().Select(a => a.Changes).ToListAsync(), c => c != null && c.Contains("370102199001011234", StringComparison.Ordinal));
        var views = await db.EvidenceAccess.AsNoTracking().Where(a => a.ItemId == id && a.Action == AccessAction.View).ToListAsync();
        Assert.Contains(views, v => v.Reason == "核对要素" && v.UserName.Contains("lx.officer2", StringComparison.Ordinal));
    }
}
