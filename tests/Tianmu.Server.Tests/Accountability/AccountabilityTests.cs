using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tianmu.Cases;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Accountability.TestDuties;

namespace Tianmu.Server.Tests.Accountability;

/// <summary>
/// The accountability report (S18/S19, Z21/Z22): items past their limit with no action, or acted on late, are flagged
/// against the people who could act and their agency; items handled within every limit say 依法履职（免责）.
/// </summary>
public sealed class AccountabilityTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public async Task OverdueLateAndInTimeItemsAreJudgedPerOfficerAndAgency()
    {
        var now = DateTimeOffset.UtcNow;
        var warning = await TestWarnings.RaiseAsync(app, Pool, "浑浊度超标（未签收）", at: now.AddDays(-3)); // sign-for limit at most 24 h
        var lateClue = await ClueAsync(app, "SD-ACC-LATE", now.AddDays(-20), handled: now.AddDays(-10)); // due 5 days after receipt
        var notFiled = await CaseAsync(app, "逾期未立案", Today.AddDays(-60));
        var byTheBook = await CaseAsync(app, "依法办结", Today.AddDays(-40), (CaseAction.File, Today.AddDays(-39)), (CaseAction.Decide, Today.AddDays(-20)), (CaseAction.RecordService, Today.AddDays(-18)));

        var head = await app.ClientForAsync("lx.head");
        var report = await ReadAsync(head, "");

        var w = Item(report, warning);
        Assert.Equal("Flagged", w.GetProperty("verdict").GetString());
        var signFor = w.GetProperty("periods")[0];
        Assert.Equal("Overdue", signFor.GetProperty("state").GetString());
        Assert.Equal(new HashSet<string> { "吴琳", "黄磊" }, Names(signFor).ToHashSet()); // every officer of 历下区 could have signed for it (S18/Z21)

        var clue = Item(report, lateClue);
        Assert.Equal("Flagged", clue.GetProperty("verdict").GetString());
        Assert.Equal("Late", clue.GetProperty("periods")[1].GetProperty("state").GetString());

        var filing = Item(report, notFiled);
        Assert.Equal("Flagged", filing.GetProperty("verdict").GetString());
        Assert.Equal("立案（或不予立案）", filing.GetProperty("periods")[0].GetProperty("step").GetString());
        Assert.Equal("Overdue", filing.GetProperty("periods")[0].GetProperty("state").GetString());
        Assert.Equal(["陈静"], Names(filing.GetProperty("periods")[0]));

        var clean = Item(report, byTheBook);
        Assert.True(clean.GetProperty("verdict").GetString() == "Compliant", clean.ToString());
        Assert.Equal("依法履职（免责）", clean.GetProperty("verdictName").GetString());
        Assert.Equal(3, clean.GetProperty("periods").GetArrayLength());
        Assert.Contains(clean.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("what").GetString()!.Contains("送达"));

        var huang = report.GetProperty("byOfficer").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "黄磊");
        Assert.True(huang.GetProperty("overdue").GetInt32() >= 1); // the unsigned warning
        Assert.True(huang.GetProperty("late").GetInt32() >= 1); // the clue he handled late
        Assert.True(huang.GetProperty("compliant").GetInt32() >= 1); // the case handled in time
        var lixia = Assert.Single(report.GetProperty("byAgency").EnumerateArray(), a => a.GetProperty("name").GetString()!.Contains("历下"));
        Assert.True(lixia.GetProperty("flagged").GetInt32() >= 3);

        // Filtered by officer: the filing duty was the head's, so it is not 黄磊's.
        var mine = await ReadAsync(head, $"&officerId={await app.UserIdAsync("lx.officer1")}");
        Assert.DoesNotContain(mine.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == notFiled);
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == warning);

        var csv = await head.GetAsync($"/api/v1/accountability/export?from={Today.AddDays(-90):yyyy-MM-dd}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("依法履职（免责）", text);
        Assert.Contains("逾期未履职", text);
    }

    [Fact]
    public async Task AnInspectorSeesOnlyHisJurisdictionAndAnOfficerIsRefused()
    {
        var warning = await TestWarnings.RaiseAsync(app, Pool, "余氯不足（督查范围）", rule: "POOL-PH", at: DateTimeOffset.UtcNow.AddDays(-2));

        var province = await ReadAsync(await app.ClientForAsync("sd.inspector"), "&kind=warning");
        Assert.Contains(province.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == warning);

        // An inspector of 青岛 (370200) does not see 济南历下's warning.
        var admin = await app.ClientForAsync("sd.admin");
        var created = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "qd.inspector",
            displayName = "督查员",
            agencyId = await app.AgencyIdAsync("370200"),
            roles = new[] { "Inspector" },
            phone = "13800000001",
            password = "Inspect@2026x",
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var qingdao = await ReadAsync(await app.ClientForAsync("qd.inspector", "Inspect@2026x"), "&kind=warning");
        Assert.DoesNotContain(qingdao.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == warning);
        Assert.All(qingdao.GetProperty("byAgency").EnumerateArray(), a => Assert.DoesNotContain("历下", a.GetProperty("name").GetString()));
        var outside = await (await app.ClientForAsync("qd.inspector", "Inspect@2026x")).GetAsync($"/api/v1/accountability?agencyId={await app.AgencyIdAsync("370102")}");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);

        var officer = await app.ClientForAsync("lx.officer1");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/v1/accountability")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/v1/accountability/export")).StatusCode);
    }

    [Fact]
    public async Task BadFiltersAreRefusedInChinese()
    {
        var head = await app.ClientForAsync("lx.head");
        var kind = await Problem.ReadAsync(await head.GetAsync("/api/v1/accountability?kind=device"), HttpStatusCode.BadRequest);
        Assert.Contains("kind", kind.Body.GetRawText());
        await Problem.ReadAsync(await head.GetAsync("/api/v1/accountability?from=2026-06-01&to=2026-01-01"), HttpStatusCode.BadRequest);
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/accountability?from={Today.AddDays(-90):yyyy-MM-dd}{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement Item(JsonElement report, Guid id) =>
        report.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);

    private static string[] Names(JsonElement period) => [.. period.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("name").GetString()!)];
}
