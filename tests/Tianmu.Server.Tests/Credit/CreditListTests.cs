using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Credit.TestCredit;

namespace Tianmu.Server.Tests.Credit;

/// <summary>
/// The staff's credit views (issue 9 §5): grade distribution per region and category, movements between successive
/// computations per month, CSV, and the key-supervision list kept by hand with reasons (S20/Z24 list automatically;
/// officers add and remove), all within the caller's jurisdiction.
/// </summary>
public sealed class CreditListTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private const string Hotel = "济南舜耕大酒店有限公司";
    private const string Clinic = "济南历下仁和门诊部";
    private const string Bath = "济南清泉沐浴中心"; // 市中区

    [Fact]
    public async Task DistributionCountsEachEntitysCurrentGradePerRegionAndCategoryAndMovementsCountEachChange()
    {
        var month = new DateOnly(Today.Year, Today.Month, 1);
        await GradeAsync(app, Hotel, month.AddMonths(-2), 95);  // A
        await GradeAsync(app, Hotel, month.AddMonths(-1), 75);  // → B: down, last month
        await GradeAsync(app, Hotel, month, 75);                // B again: no change
        await GradeAsync(app, Clinic, month.AddMonths(-1), 50); // D
        await GradeAsync(app, Clinic, month, 92);               // → A: up, this month
        await GradeAsync(app, Bath, month, 61);                 // C, 市中区

        var city = await app.ClientForAsync("jn.head");
        var d = await city.GetFromJsonAsync<JsonElement>("/api/v1/credit/distribution");
        Assert.Equal(["A", "B", "C"], d.GetProperty("grades").EnumerateArray().Select(g => g.GetString()!).ToArray());
        Assert.Equal(3, d.GetProperty("total").GetInt32()); // current grades only: one per entity
        var lixia = d.GetProperty("byAgency").EnumerateArray().Single(r => r.GetProperty("name").GetString()!.Contains("历下区", StringComparison.Ordinal));
        Assert.Equal([1, 1, 0], lixia.GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()).ToArray());
        var places = d.GetProperty("byCategory").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "PublicPlace");
        Assert.Equal("公共场所", places.GetProperty("name").GetString());
        Assert.Equal([0, 1, 1], places.GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()).ToArray());

        // A district sees its own entities only.
        var district = await (await app.ClientForAsync("lx.officer1")).GetFromJsonAsync<JsonElement>("/api/v1/credit/distribution");
        Assert.Equal(2, district.GetProperty("total").GetInt32());

        var m = await city.GetFromJsonAsync<JsonElement>("/api/v1/credit/movements?months=3");
        Assert.Equal(month.ToString("yyyy-MM"), m.GetProperty("months")[2].GetString());
        Assert.Equal([0, 0, 1], m.GetProperty("up").EnumerateArray().Select(c => c.GetInt32()).ToArray());
        Assert.Equal([0, 1, 0], m.GetProperty("down").EnumerateArray().Select(c => c.GetInt32()).ToArray());
        var moves = m.GetProperty("moves").EnumerateArray().ToList();
        Assert.Equal(2, moves.Count);
        Assert.Equal("D → A", $"{moves[0].GetProperty("from").GetString()} → {moves[0].GetProperty("to").GetString()}");
        Assert.True(moves[0].GetProperty("up").GetBoolean());

        var csv = Csv.Parse(await city.GetStringAsync("/api/v1/credit/export?table=regions"));
        Assert.Equal(["地区（监管机构）", "A", "B", "C", "合计"], csv[0]);
        Assert.Contains(csv, r => r[0].Contains("市中区", StringComparison.Ordinal) && r[3] == "1");
        var movements = Csv.Parse(await city.GetStringAsync("/api/v1/credit/export?table=movements&months=3"));
        Assert.Equal(3, movements.Count);
        Assert.Contains(movements, r => r[1] == Hotel && r[2] == "A" && r[3] == "B" && r[4] == "下降");
        Assert.Equal("validation_failed", (await Problem.ReadAsync(await city.GetAsync("/api/v1/credit/export?table=nope"), HttpStatusCode.BadRequest)).Code);

        // The pages: the overview's charts carry the figures; the entity page's panel shows the grade now and on a past day.
        var pages = await app.CookieClientAsync("lx.officer1");
        var overview = await pages.GetStringAsync("/credit");
        Assert.Contains("id=\"chart-regions\"", overview, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/entities/{await app.EntityIdAsync(Clinic)}\">{Clinic}</a>", overview, StringComparison.Ordinal);
        Assert.DoesNotContain(Bath, overview, StringComparison.Ordinal);
        var hotel = await app.EntityIdAsync(Hotel);
        Assert.Contains("守法信用一般（70–89 分）", await pages.GetStringAsync($"/entities/{hotel}"), StringComparison.Ordinal);
        Assert.Contains("守法信用良好", await pages.GetStringAsync($"/entities/{hotel}?creditAsOf={month.AddMonths(-2):yyyy-MM-dd}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficersListAndRemoveEntitiesByHandWithReasonsWithinTheirJurisdiction()
    {
        var entity = await app.EntityIdAsync("济南康宁口腔诊所");
        var officer = await app.ClientForAsync("lx.officer1");
        var noReason = await officer.PostAsJsonAsync("/api/v1/credit/key-supervision", new { entityId = entity, reason = "" });
        Assert.True((await Problem.ReadAsync(noReason, HttpStatusCode.BadRequest)).Body.GetProperty("errors").TryGetProperty("reason", out _));
        await Problem.ReadAsync(await (await app.ClientForAsync("szq.officer1")).PostAsJsonAsync("/api/v1/credit/key-supervision", new { entityId = entity, reason = "越权列入" }), HttpStatusCode.NotFound);

        var listed = await officer.PostAsJsonAsync("/api/v1/credit/key-supervision", new { entityId = entity, reason = "一年内三次拒不整改消毒不合格问题" });
        Assert.True(listed.StatusCode == HttpStatusCode.Created, await listed.Content.ReadAsStringAsync());
        var entry = await listed.Content.ReadFromJsonAsync<JsonElement>();
        var id = entry.GetProperty("id").GetGuid();
        Assert.Equal("黄磊（lx.officer1）", entry.GetProperty("listedBy").GetString());
        Assert.True(entry.GetProperty("active").GetBoolean());
        var twice = await officer.PostAsJsonAsync("/api/v1/credit/key-supervision", new { entityId = entity, reason = "再次列入" });
        Assert.Equal("key_supervision.already_listed", (await Problem.ReadAsync(twice, HttpStatusCode.Conflict)).Code);
        Assert.Contains(id.ToString(), await officer.GetStringAsync("/api/v1/credit/key-supervision?pageSize=200"), StringComparison.Ordinal);
        Assert.DoesNotContain(id.ToString(), await (await app.ClientForAsync("szq.officer1")).GetStringAsync("/api/v1/credit/key-supervision?all=true&pageSize=200"), StringComparison.Ordinal);

        var head = await app.ClientForAsync("lx.head");
        var blank = await head.PostAsJsonAsync($"/api/v1/credit/key-supervision/{id}/removal", new { reason = " " });
        Assert.Equal("key_supervision.reason_required", (await Problem.ReadAsync(blank, HttpStatusCode.UnprocessableEntity)).Code);
        var removed = await head.PostAsJsonAsync($"/api/v1/credit/key-supervision/{id}/removal", new { reason = "已整改并安装在线监测，自我监测真实有效（Z4）" });
        Assert.True(removed.IsSuccessStatusCode, await removed.Content.ReadAsStringAsync());
        Assert.False((await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("active").GetBoolean());
        var again = await head.PostAsJsonAsync($"/api/v1/credit/key-supervision/{id}/removal", new { reason = "再次移出" });
        Assert.Equal("key_supervision.already_removed", (await Problem.ReadAsync(again, HttpStatusCode.Conflict)).Code);

        Assert.DoesNotContain(id.ToString(), await officer.GetStringAsync("/api/v1/credit/key-supervision?pageSize=200"), StringComparison.Ordinal);
        Assert.Contains(id.ToString(), await officer.GetStringAsync("/api/v1/credit/key-supervision?all=true&pageSize=200"), StringComparison.Ordinal);
        await using var db = app.Db();
        var actions = await db.AuditRecords.Where(a => a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync();
        Assert.Equal(["key_supervision.listed", "key_supervision.removed"], actions.Order().ToArray());
    }
}
