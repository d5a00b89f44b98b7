using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Evidence;
using Tianmu.Evidence.Export;
using Tianmu.Ingest;
using Tianmu.Server.Evidence;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Evidence;

/// <summary>
/// 刻录光盘 (S17) end to end on the provider under test: a warning's evidence — its frozen data snapshot
/// and an officer's photo — exported through the API as a ZIP and as an ISO image, verified offline
/// against the log's signed tree head, each export in the items' chain of custody, and one flipped byte
/// of an original on the image named by the verifier.
/// </summary>
public sealed class EvidenceExportTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private const string Pool = TestEvidence.Pool;

    [Fact]
    public async Task AWarningsEvidenceExportsAsADiscThatVerifiesOfflineAndFailsOnceModified()
    {
        var (device, _) = await TestDevices.ActiveAsync(app, Pool, "EV-EXP-1", credential: false);
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddHours(-4);
        await using (var db = app.Db())
        {
            db.Readings.AddRange(Enumerable.Range(0, 120).Select(i => new Reading(device, "turbidity", start.AddMinutes(i), i is >= 60 and < 80 ? 2.5 : 0.4, "N", true, start.AddMinutes(i))));
            await db.SaveChangesAsync();
        }

        var warningId = await TestWarnings.RaiseAsync(app, Pool, "浑浊度超标", "POOL-TURBIDITY", device, at: start.AddMinutes(60), end: start.AddMinutes(80));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<EvidenceCollector>().SnapshotsAsync(DateTimeOffset.UtcNow, default);
        }

        byte[] photo = [0x89, 0x50, 0x4E, 0x47, .. System.Text.Encoding.ASCII.GetBytes("export-test-photo-" + Guid.NewGuid())];
        var officer = await app.ClientForAsync("lx.officer1");
        using (var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(photo) { Headers = { ContentType = new("image/png") } }, "file", "现场.png" },
            { new StringContent((await app.EntityIdAsync(Pool)).ToString()), "entityId" },
            { new StringContent("泳池水样照片"), "title" },
            { new StringContent("AudioVisual"), "form" },
            { new StringContent(start.AddMinutes(70).ToString("O", CultureInfo.InvariantCulture)), "factAt" },
            { new StringContent("泳池东侧"), "place" },
            { new StringContent(warningId.ToString()), "warningId" },
        })
        {
            Assert.Equal(HttpStatusCode.Created, (await officer.PostAsync("/api/v1/evidence/", form)).StatusCode);
        }

        // No reason, no export; an unknown format is refused too.
        var noReason = await Problem.ReadAsync(await officer.GetAsync($"/api/v1/evidence/export?warningId={warningId}&format=zip"), HttpStatusCode.BadRequest);
        Assert.Contains("事由", noReason.Body.GetProperty("errors").GetProperty("reason")[0].GetString(), StringComparison.Ordinal);
        await Problem.ReadAsync(await officer.GetAsync($"/api/v1/evidence/export?warningId={warningId}&format=rar&reason=x"), HttpStatusCode.BadRequest);

        var dir = Directory.CreateTempSubdirectory("tianmu-export-test-").FullName;
        try
        {
            var zip = await DownloadAsync(officer, $"/api/v1/evidence/export?warningId={warningId}&format=zip&reason=移送法制审核", Path.Combine(dir, "disc.zip"));
            var report = await PackageVerifier.VerifyAsync(zip, null, default);
            Assert.True(report.Passed, report.FirstFailure?.Problem);
            Assert.Equal(2, report.Manifest!.Items.Count);

            await using (var db = app.Db())
            {
                var ids = await db.EvidenceItems.Where(i => i.WarningId == warningId).Select(i => i.Id).ToListAsync();
                Assert.Equal(2, ids.Count);
                foreach (var id in ids)
                {
                    Assert.True(await db.EvidenceAccess.AnyAsync(a => a.ItemId == id && a.Action == AccessAction.Export && a.Reason == "移送法制审核"));
                }
            }

            var iso = await DownloadAsync(officer, $"/api/v1/evidence/export?warningId={warningId}&format=iso&reason=刻录光盘归档", Path.Combine(dir, "disc.iso"));
            Assert.True((await PackageVerifier.VerifyAsync(iso, null, default)).Passed);

            // One byte of the photo flipped on the image: the verifier names the photo.
            var image = await File.ReadAllBytesAsync(iso);
            var at = image.AsSpan().IndexOf(photo);
            Assert.True(at >= 0, "the original is stored uncompressed on the image");
            image[at + photo.Length - 1] ^= 0x01;
            var modified = Path.Combine(dir, "modified.iso");
            await File.WriteAllBytesAsync(modified, image);
            var failed = await PackageVerifier.VerifyAsync(modified, null, default);
            Assert.False(failed.Passed);
            Assert.Contains("泳池水样照片", failed.FirstFailure!.Subject + failed.FirstFailure.Problem, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        // The list offers the export; the item page shows the item's proof, checked, once a head covers it.
        var pages = await app.CookieClientAsync("lx.officer1");
        Assert.Contains("导出证据光盘", await pages.GetStringAsync($"/evidence?warning={warningId}"), StringComparison.Ordinal);
        await using (var db = app.Db())
        {
            var photoItem = await db.EvidenceItems.SingleAsync(i => i.WarningId == warningId && i.Title == "泳池水样照片");
            Assert.Contains("包含证明有效", await pages.GetStringAsync($"/evidence/{photoItem.Id}"), StringComparison.Ordinal);
        }
    }

    /// <summary>Downloads the export, waiting while the items are still queued for the log (written within seconds).</summary>
    private static async Task<string> DownloadAsync(HttpClient client, string url, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.Conflict && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
            return path;
        }
    }
}
