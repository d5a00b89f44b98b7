using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Tianmu.Documents;
using Tianmu.Server.Documents;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Documents;

/// <summary>Drafting and issuing through the API, and reading a PDF's text with poppler's pdftotext.</summary>
internal static class TestDocuments
{
    public const string Pool = "济南泉城游泳馆有限公司"; // 历下 (济历), 公共场所

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Every field a penalty decision needs to be issued.</summary>
    public static Dictionary<string, string> PenaltyFields(string facts = "2026年11月3日10时，你单位游泳池水游离性余氯浓度为0.15 mg/L，低于标准限值0.3 mg/L。") => new()
    {
        [DocumentFields.Facts] = facts,
        [DocumentFields.Evidence] = "1. 在线监测数据快照；\n2. 现场笔录。",
        [DocumentFields.Basis] = "《公共场所卫生管理条例实施细则》第三十六条",
        [DocumentFields.DiscretionReason] = "首次违法，已及时整改。",
        [DocumentFields.Penalty] = "警告，并处罚款人民币壹仟元整（¥1,000.00）。",
        [DocumentFields.Payment] = "自收到本决定书之日起十五日内缴至指定银行。",
        [DocumentFields.Remedy] = "如不服本决定，可在收到之日起六十日内申请行政复议，或六个月内提起行政诉讼。",
    };

    public static async Task<DocumentView> DraftAsync(HttpClient client, DocumentType type, Guid entityId, Dictionary<string, string>? fields = null, Guid? caseId = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/documents", new { type = type.ToString(), entityId, caseId, fields });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<DocumentView>(Json))!;
    }

    public static async Task<DocumentView> IssueAsync(HttpClient client, Guid id)
    {
        var response = await client.PostAsync($"/api/v1/documents/{id}/issue", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<DocumentView>(Json))!;
    }

    /// <summary>Fields every type requires, filled with its label (for types whose content the test does not care about).</summary>
    public static Dictionary<string, string> RequiredFields(DocumentType type) =>
        DocumentTypes.Of(type).Fields.Where(f => f.Required).ToDictionary(f => f.Key, f => "测试" + f.Label);

    public static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, StandardOutputEncoding = System.Text.Encoding.UTF8 };
            start.ArgumentList.Add("-enc");
            start.ArgumentList.Add("UTF-8");
            start.ArgumentList.Add(file);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Waits (≤ 15 s) for the log appender to take the issued document in as a leaf.</summary>
    public static async Task<Tianmu.Evidence.Log.LogLeaf?> LeafAsync(TianmuApp app, Guid id)
    {
        var reference = id.ToString();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await using var db = app.Db();
            var leaf = await db.LogLeaves.AsNoTracking().SingleOrDefaultAsync(l => l.Kind == DocumentLeafSource.KindName && l.Ref == reference);
            if (leaf is not null || DateTime.UtcNow > deadline)
            {
                return leaf;
            }

            await Task.Delay(200);
        }
    }
}
