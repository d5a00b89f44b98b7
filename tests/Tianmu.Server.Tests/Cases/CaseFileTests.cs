using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Cases.Files;
using Tianmu.Documents;
using Tianmu.Evidence;
using Tianmu.Evidence.Export;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Cases.TestCases;

namespace Tianmu.Server.Tests.Cases;

/// <summary>
/// 电子案卷 (行政处罚法 art. 47): the file in the standard order, its contents' page numbers checked against
/// the printed PDF, stored write-once and logged at archiving, exported with the documents and the evidence as a
/// disc that verifies offline, and seen only inside the jurisdiction.
/// </summary>
public sealed partial class CaseFileTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public void TheOrderHasEveryDocumentTypeOnceBetweenCoverContentsAndClosingNote()
    {
        var sections = CaseFileOrder.Sections;
        Assert.Equal(CaseFileSectionKind.Cover, sections[0].Kind);
        Assert.Equal(CaseFileSectionKind.Contents, sections[1].Kind);
        Assert.Equal(CaseFileSectionKind.ClosingNote, sections[^1].Kind);
        Assert.Equal(Enum.GetValues<DocumentType>().Order(), sections.Where(s => s.Document is not null).Select(s => s.Document!.Value).Order());
        Assert.Equal(sections.Count, sections.Select(s => s.Name).Distinct().Count());

        // Procedural order: 受理 → 立案 → 证据 → 调查终结 → 法制审核 → 合议 → 告知 → 陈述申辩 → 听证 → 决定 → 送达 → 执行 → 催告 → 结案.
        int At(string name) => sections.Select((s, i) => (s, i)).Single(x => x.s.Name == name).i;
        string[] procedural = ["案件受理记录", "立案报告", "证据清单", "现场笔录", "询问笔录", "证据先行登记保存决定书", "案件调查终结报告", "法制审核意见书", "合议记录",
            "行政处罚事先告知书", "陈述申辩及复核记录", "听证告知书", "听证笔录", "行政处罚决定书", "送达回执", "送达及执行记录", "催告书", "结案报告", "备考表"];
        Assert.Equal(procedural.Select(At).Order(), procedural.Select(At));
    }

    [Fact]
    public async Task ArchivingStoresAWriteOnceLoggedFileWhoseContentsPointToTheRightPages()
    {
        // Before archiving: a preview, marked as such; no disc yet.
        var officer = await app.ClientForAsync("lx.officer1");
        var open = IdOf(await OpenAsync(officer, await app.EntityIdAsync(Pool), procedure: "Simple"));
        var preview = await officer.GetAsync($"/api/v1/cases/{open}/file");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("application/pdf", preview.Content.Headers.ContentType?.MediaType);
        Assert.Contains("预览", string.Concat(await PagesAsync(await preview.Content.ReadAsByteArrayAsync())), StringComparison.Ordinal);
        Assert.Equal("case_file.not_archived", (await Problem.ReadAsync(await officer.GetAsync($"/api/v1/cases/{open}/export?format=zip&reason=归档"), HttpStatusCode.Conflict)).Code);

        var (id, item) = await ArchivedAsync(app);

        CaseFile file;
        await using (var db = app.Db())
        {
            file = await db.CaseFiles.SingleAsync(f => f.CaseId == id);
            Assert.Equal(1, file.Version);
            Assert.Contains(file.Id.ToString(), (await db.CaseEvents.SingleAsync(e => e.CaseId == id && e.Action == "Archive")).DetailsJson, StringComparison.Ordinal);
        }

        // The archived file is the stored one, not a new rendering.
        var pdf = await officer.GetByteArrayAsync($"/api/v1/cases/{id}/file");
        Assert.Equal(file.PdfSha256, Convert.ToHexStringLower(SHA256.HashData(pdf)));
        var stored = await app.Services.GetRequiredService<IObjectStore>().ReadAsync(file.PdfSha256, default);
        Assert.Equal(pdf, stored);

        // The printed contents: the sections in order, each starting on the page it names, numbered continuously.
        var pages = await PagesAsync(pdf);
        Assert.Equal(file.PageCount, pages.Count);
        Assert.DoesNotContain("预览", string.Concat(pages), StringComparison.Ordinal);
        Assert.Contains("行政处罚案卷", pages[0], StringComparison.Ordinal);
        Assert.Contains("卷内目录", pages[1], StringComparison.Ordinal);
        var rows = TocRow().Matches(pages[1]).Select(m => (No: int.Parse(m.Groups[1].Value), Title: m.Groups[2].Value, From: int.Parse(m.Groups[3].Value), To: m.Groups[4].Success ? int.Parse(m.Groups[4].Value) : int.Parse(m.Groups[3].Value))).ToList();
        Assert.Equal(["证据清单", "当场行政处罚决定书", "送达及执行记录", "结案报告", "备考表"], rows.Select(r => r.Title));
        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.No));
        Assert.Equal(3, rows[0].From);
        for (var i = 0; i < rows.Count; i++)
        {
            var (_, title, from, to) = rows[i];
            Assert.True(from <= to && (i == 0 || from == rows[i - 1].To + 1), $"{title}: {from}-{to}");
            Assert.True(pages[from - 1].Contains(title, StringComparison.Ordinal), $"{title} is not on page {from}:\n{pages[from - 1]}");
            Assert.True(Regex.Replace(pages[from - 1], @"\s", "").Contains($"第{from}页共{pages.Count}页", StringComparison.Ordinal), $"page {from} is not numbered {from} of {pages.Count}:\n{pages[from - 1]}");
        }

        Assert.Equal(pages.Count, rows[^1].To);
        Assert.Contains($"本卷共 {pages.Count} 页", pages[^1], StringComparison.Ordinal);
        var toc = JsonSerializer.Deserialize<List<CaseFileTocEntry>>(file.TocJson, JsonSerializerOptions.Web)!;
        Assert.Equal(rows.Select(r => (r.Title, r.From, r.To)), toc.Select(t => (t.Title, t.From, t.To)));
        await using (var db = app.Db())
        {
            var sha = (await db.EvidenceItems.SingleAsync(i => i.Id == item)).Sha256;
            Assert.Contains(sha[..32], Regex.Replace(pages[2], @"\s", ""), StringComparison.Ordinal);
        }

        // Write-once, and a leaf of the evidence log.
        await using (var db = app.Db())
        {
            var idParam = db.Database.IsNpgsql() ? (object)file.Id : file.Id.ToString().ToUpperInvariant();
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE case_files SET page_count = 1 WHERE id = {0}", idParam));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM case_files WHERE id = {0}", idParam));
            Assert.Equal(file.PdfSha256, (await db.CaseFiles.SingleAsync(f => f.Id == file.Id)).PdfSha256);
        }

        var leaf = await LeafAsync(CaseFileLeafSource.KindName, file.Id.ToString());
        var data = CaseFileLeafSource.Leaf(file);
        Assert.Contains(leaf.LeafHash, new[] { Tianmu.Evidence.Log.LogHasher.Sha256.HashLeaf(data), Tianmu.Evidence.Log.LogHasher.Sm3.HashLeaf(data) });

        // Read-only: nothing more is relied on or drafted.
        var other = (await Evidence.TestEvidence.UploadAsync(app, "lx.officer1", await app.EntityIdAsync(Pool), [.. Guid.NewGuid().ToByteArray()])).GetProperty("id").GetGuid();
        Assert.Equal("case.wrong_stage", (await Problem.ReadAsync(await officer.PostAsJsonAsync($"/api/v1/cases/{id}/evidence", new { itemIds = new[] { other } }), HttpStatusCode.Conflict)).Code);
        Assert.Equal("case.archived", (await Problem.ReadAsync(await officer.PostAsJsonAsync($"/api/v1/cases/{id}/documents", new { type = "InquiryRecord" }), HttpStatusCode.Conflict)).Code);
        await using (var db = app.Db())
        {
            db.CaseEvidence.Add(new Tianmu.Cases.CaseEvidence(id, other, "测试", DateTimeOffset.UtcNow));
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task TheCaseDiscHoldsTheFileTheDocumentsAndTheEvidenceAndVerifiesOffline()
    {
        var (id, item) = await ArchivedAsync(app);
        var officer = await app.ClientForAsync("lx.officer1");

        // Another county's officer sees neither the file nor the disc.
        var outsider = await app.ClientForAsync("ls.officer1");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/cases/{id}/file")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/cases/{id}/export?format=zip&reason=查看")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync($"/api/v1/cases/{id}/export?format=zip")).StatusCode);

        var dir = Directory.CreateTempSubdirectory("tianmu-casefile-test-").FullName;
        try
        {
            var zip = await DownloadAsync(officer, $"/api/v1/cases/{id}/export?format=zip&reason=刻录光盘归档", Path.Combine(dir, "case.zip"));
            var report = await PackageVerifier.VerifyAsync(zip, null, default);
            Assert.True(report.Passed, report.FirstFailure?.Problem);
            var items = report.Manifest!.Items;
            await using (var db = app.Db())
            {
                var file = await db.CaseFiles.SingleAsync(f => f.CaseId == id);
                var documents = await db.Documents.Where(d => d.CaseId == id && d.Status == DocumentStatus.Issued).ToListAsync();
                Assert.Equal(2, documents.Count);
                var evidence = await db.EvidenceItems.SingleAsync(i => i.Id == item);
                Assert.Contains(items, i => i.Sha256 == file.PdfSha256 && i.LeafKey is null && i.Title.StartsWith("案卷", StringComparison.Ordinal));
                foreach (var d in documents)
                {
                    Assert.Contains(items, i => i.Sha256 == d.PdfSha256 && i.LeafKey == "pdfSha256");
                    Assert.Contains(items, i => i.Sha256 == d.SignatureSha256 && i.LeafKey == "signatureSha256");
                }

                Assert.Contains(items, i => i.Sha256 == evidence.Sha256 && i.Id == item.ToString());
                Assert.Equal(1 + (2 * documents.Count) + 1, items.Count);
                Assert.True(await db.EvidenceAccess.AnyAsync(a => a.ItemId == item && a.Action == AccessAction.Export && a.Reason == "刻录光盘归档"));
            }

            // The page twin, signed in with the cookie, gives the ISO image.
            var pages = await app.CookieClientAsync("lx.officer1");
            Assert.Contains("导出案卷光盘", await pages.GetStringAsync($"/cases/{id}"), StringComparison.Ordinal);
            Assert.Equal("application/pdf", (await pages.GetAsync($"/cases/{id}/file")).Content.Headers.ContentType?.MediaType);
            var iso = await DownloadAsync(pages, $"/cases/{id}/export?format=iso&reason=刻录光盘归档", Path.Combine(dir, "case.iso"));
            var isoReport = await PackageVerifier.VerifyAsync(iso, null, default);
            Assert.True(isoReport.Passed, isoReport.FirstFailure?.Problem);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The leaf of kind and ref, once the appender has written it (within seconds).</summary>
    private async Task<Tianmu.Evidence.Log.LogLeaf> LeafAsync(string kind, string reference)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var db = app.Db();
            if (await db.LogLeaves.AsNoTracking().FirstOrDefaultAsync(l => l.Kind == kind && l.Ref == reference) is { } leaf)
            {
                return leaf;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no {kind} leaf for {reference}");
            await Task.Delay(250);
        }
    }

    /// <summary>Downloads the export, waiting while its leaves are still queued for the log.</summary>
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

            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
            return path;
        }
    }

    /// <summary>The PDF's pages as pdftotext -layout prints them (a form feed ends each page).</summary>
    private static async Task<List<string>> PagesAsync(byte[] pdf)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, pdf);
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", path, "-"]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return [.. text.Split('\f').SkipLast(1)];
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A 卷内目录 line: 序号, 文书名称, 文号 or —, 日期 or —, 页号 (n or n-m).</summary>
    [GeneratedRegex(@"^\s*(\d+)\s+(\S+)\s+\S+\s+\S+\s+(\d+)(?:-(\d+))?\s*$", RegexOptions.Multiline)]
    private static partial Regex TocRow();
}
