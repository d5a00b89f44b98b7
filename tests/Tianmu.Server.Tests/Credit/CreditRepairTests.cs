using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Credit;
using Tianmu.Server.Demo;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Credit.TestCredit;
using static Tianmu.Server.Tests.Portal.TestPortal;

namespace Tianmu.Server.Tests.Credit;

/// <summary>
/// Credit repair (信用修复, issue 9 §2): the entity applies naming one fact of its explanation that lowers its score, with a
/// statement, a file and its password; an officer of its jurisdiction approves or refuses once, with a reason; the entity
/// sees the outcome. Audited both ways.
/// </summary>
public sealed class CreditRepairTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public async Task TheEntityAppliesAnOfficerApprovesWithAReasonAndTheEntitySeesTheOutcome()
    {
        var warning = await TestWarnings.RaiseAsync(app, Quancheng, "修复测试：浑浊度高于上限");
        var device = Guid.CreateVersion7();
        await GradeAsync(app, Quancheng, Today, 82, Warning(warning, -8), Device(device, 0));
        var entity = await app.ClientForAsync("ent.demo");

        // The explanation: the warning's fact links to the entity's own warning page.
        var mine = await entity.GetFromJsonAsync<JsonElement>("/api/v1/portal/credit");
        var grade = Assert.Single(mine.GetProperty("grades").EnumerateArray());
        Assert.Equal("B", grade.GetProperty("grade").GetString());
        var fact = grade.GetProperty("contributions")[0].GetProperty("facts")[0];
        Assert.Equal($"/portal/warnings/{warning}", fact.GetProperty("link").GetString());

        // A fact that does not lower the score is not for repair; a wrong password keeps nothing.
        var notLowering = await entity.PostAsJsonAsync("/api/v1/portal/credit/repairs", new { factKind = "device", factId = device, statement = "设备正常。", password = DemoData.Password });
        Assert.Equal("credit_repair.not_lowering", (await Problem.ReadAsync(notLowering, HttpStatusCode.UnprocessableEntity)).Code);
        var wrong = await entity.PostAsJsonAsync("/api/v1/portal/credit/repairs", new { factKind = "warning", factId = warning, statement = "已整改。", password = "not-it" });
        Assert.Equal("auth.reconfirm_failed", (await Problem.ReadAsync(wrong, HttpStatusCode.Forbidden)).Code);
        var blank = await entity.PostAsJsonAsync("/api/v1/portal/credit/repairs", new { factKind = "warning", factId = warning, statement = " ", password = DemoData.Password });
        Assert.True((await Problem.ReadAsync(blank, HttpStatusCode.BadRequest)).Body.GetProperty("errors").TryGetProperty("statement", out _));

        using var application = new MultipartFormDataContent
        {
            { new StringContent("warning"), "factKind" }, { new StringContent(warning.ToString()), "factId" },
            { new StringContent("已更换过滤砂并加大换水量，浑浊度连续 30 日合格。"), "statement" }, { new StringContent(DemoData.Password), "password" },
            { new ByteArrayContent(Snapshots.Jpeg("view")) { Headers = { ContentType = new("image/jpeg") } }, "files", "整改照片.jpg" },
        };
        var applied = await entity.PostAsync("/api/v1/portal/credit/repairs", application);
        Assert.True(applied.StatusCode == HttpStatusCode.Created, await applied.Content.ReadAsStringAsync());
        var repair = await applied.Content.ReadFromJsonAsync<JsonElement>();
        var id = repair.GetProperty("id").GetGuid();
        Assert.Equal("Pending", repair.GetProperty("status").GetString());
        var sha = repair.GetProperty("attachments")[0].GetProperty("sha256").GetString()!;
        var again = await entity.PostAsJsonAsync("/api/v1/portal/credit/repairs", new { factKind = "warning", factId = warning, statement = "再次申请。", password = DemoData.Password });
        Assert.Equal("credit_repair.already_applied", (await Problem.ReadAsync(again, HttpStatusCode.Conflict)).Code);

        // Officers of another district neither list it nor decide it; the entity's own officer reads the file.
        var other = await app.ClientForAsync("szq.officer1");
        Assert.DoesNotContain(id.ToString(), await other.GetStringAsync("/api/v1/credit/repairs?status=Pending&pageSize=200"), StringComparison.Ordinal);
        await Problem.ReadAsync(await other.PostAsJsonAsync($"/api/v1/credit/repairs/{id}/decision", new { approve = true, reason = "同意" }), HttpStatusCode.NotFound);
        var officer = await app.ClientForAsync("lx.officer1");
        Assert.Contains(id.ToString(), await officer.GetStringAsync("/api/v1/credit/repairs?status=Pending&pageSize=200"), StringComparison.Ordinal);
        Assert.Equal(Snapshots.Jpeg("view"), await officer.GetByteArrayAsync($"/api/v1/credit/repairs/{id}/attachments/{sha}"));

        // A decision needs its reason, and is taken once.
        var noReason = await officer.PostAsJsonAsync($"/api/v1/credit/repairs/{id}/decision", new { approve = true, reason = "  " });
        Assert.Equal("credit_repair.reason_required", (await Problem.ReadAsync(noReason, HttpStatusCode.UnprocessableEntity)).Code);
        var approved = await officer.PostAsJsonAsync($"/api/v1/credit/repairs/{id}/decision", new { approve = true, reason = "现场核实浑浊度已连续合格，同意修复。" });
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
        var twice = await (await app.ClientForAsync("lx.head")).PostAsJsonAsync($"/api/v1/credit/repairs/{id}/decision", new { approve = false, reason = "不同意" });
        var conflict = await Problem.ReadAsync(twice, HttpStatusCode.Conflict);
        Assert.Equal("credit_repair.already_decided", conflict.Code);
        Assert.Contains("已同意修复", conflict.Detail, StringComparison.Ordinal);

        await using (var db = app.Db())
        {
            var stored = await db.CreditRepairs.SingleAsync(r => r.Id == id);
            Assert.Equal(CreditRepairStatus.Approved, stored.Status);
            Assert.True(stored.RepairsOn(Today));
            Assert.False(stored.RepairsOn(Today.AddDays(-1))); // earlier grades still count the fact
            var actions = await db.AuditRecords.Where(a => a.EntityId == id.ToString()).Select(a => new { a.Action, a.ActorName }).ToListAsync();
            Assert.Contains(actions, a => a.Action == "credit_repair.applied" && a.ActorName == "ent.demo");
            Assert.Contains(actions, a => a.Action == "credit_repair.approved" && a.ActorName == "lx.officer1");
        }

        var outcome = (await entity.GetFromJsonAsync<JsonElement>("/api/v1/portal/credit")).GetProperty("repairs").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal("Approved", outcome.GetProperty("status").GetString());
        Assert.Equal("现场核实浑浊度已连续合格，同意修复。", outcome.GetProperty("decisionReason").GetString());
        Assert.Contains("申请信用修复", await entity.GetStringAsync("/api/v1/portal/activity"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEntityNeverSeesAnothersGradeNorAppliesForItsFacts()
    {
        var theirs = await TestWarnings.RaiseAsync(app, Minghu, "隔离测试：明湖的预警");
        await GradeAsync(app, Minghu, Today, 55, Warning(theirs, -45, "明湖的预警"));
        var entity = await app.ClientForAsync("ent.demo");

        var mine = await entity.GetStringAsync("/api/v1/portal/credit");
        Assert.DoesNotContain(theirs.ToString(), mine, StringComparison.Ordinal);
        Assert.DoesNotContain("明湖", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("明湖", (await entity.GetFromJsonAsync<JsonElement>("/api/v1/portal/summary")).GetProperty("credit").GetRawText(), StringComparison.Ordinal);
        var refused = await entity.PostAsJsonAsync("/api/v1/portal/credit/repairs", new { factKind = "warning", factId = theirs, statement = "代为申请。", password = DemoData.Password });
        await Problem.ReadAsync(refused, HttpStatusCode.NotFound);
        await using var db = app.Db();
        Assert.False(await db.CreditRepairs.AnyAsync(r => r.FactId == theirs));
    }

    [Fact]
    public async Task TheHomeShowsTheCurrentGradeTheLatestComputationOfTheLatestDay()
    {
        var party = await PartyAsync(app, "ent.shungeng", "济南舜耕大酒店有限公司");
        var before = (await party.GetFromJsonAsync<JsonElement>("/api/v1/portal/summary")).GetProperty("credit");
        Assert.False(before.GetProperty("available").GetBoolean());

        await GradeAsync(app, "济南舜耕大酒店有限公司", Today.AddDays(-1), 95);
        await GradeAsync(app, "济南舜耕大酒店有限公司", Today, 65);
        await GradeAsync(app, "济南舜耕大酒店有限公司", Today.AddDays(-2), 40);
        var credit = (await party.GetFromJsonAsync<JsonElement>("/api/v1/portal/summary")).GetProperty("credit");
        Assert.True(credit.GetProperty("available").GetBoolean());
        Assert.Equal("C", credit.GetProperty("grade").GetString());
        var row = Assert.Single(credit.GetProperty("grades").EnumerateArray());
        Assert.Equal("High", row.GetProperty("risk").GetString());
        Assert.Equal(65, row.GetProperty("score").GetDouble());
        Assert.Equal(CreditModels.Default.Version, row.GetProperty("modelVersion").GetInt32());

        // Staff read the same row, and the one stored for a past day; a day without one is recomputed, not stored.
        var officer = await app.ClientForAsync("lx.officer2");
        var id = await app.EntityIdAsync("济南舜耕大酒店有限公司");
        var now = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/entities/{id}/credit");
        Assert.Equal(("C", true), (now.GetProperty("grade").GetString(), now.GetProperty("stored").GetBoolean()));
        Assert.Equal(CreditModels.Default.Band("C")!.InspectionsPerYear, now.GetProperty("supervision").GetProperty("inspectionsPerYear").GetInt32());
        var past = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/entities/{id}/credit?asOf={Today.AddDays(-1):yyyy-MM-dd}");
        Assert.Equal(("A", true), (past.GetProperty("grade").GetString(), past.GetProperty("stored").GetBoolean()));
        Assert.Equal(CreditModels.Default.Band("A")!.Description, past.GetProperty("bandDescription").GetString());
        var unstored = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/entities/{id}/credit?asOf={Today.AddDays(-10):yyyy-MM-dd}");
        Assert.False(unstored.GetProperty("stored").GetBoolean());
        Assert.Equal(JsonValueKind.Null, unstored.GetProperty("id").ValueKind);
        Assert.Equal($"{Today.AddDays(-10):yyyy-MM-dd}", unstored.GetProperty("asOf").GetString());
        await Problem.ReadAsync(await (await app.ClientForAsync("szq.officer1")).GetAsync($"/api/v1/entities/{id}/credit"), HttpStatusCode.NotFound);

        // The entity page's date picker: a stored day shows its row; a day without one the recomputed grade, labelled so.
        var pages = await app.CookieClientAsync("lx.officer2");
        var storedDay = await pages.GetStringAsync($"/entities/{id}?creditAsOf={Today.AddDays(-1):yyyy-MM-dd}");
        Assert.Contains(CreditModels.Default.Band("A")!.Description, storedDay, StringComparison.Ordinal);
        Assert.DoesNotContain("重新计算", storedDay, StringComparison.Ordinal);
        Assert.Contains($"{Today.AddDays(-10):yyyy-MM-dd} 当日没有保存的评价", await pages.GetStringAsync($"/entities/{id}?creditAsOf={Today.AddDays(-10):yyyy-MM-dd}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffSeeTheExplanationWithLinksToTheFactsPages()
    {
        var warning = await TestWarnings.RaiseAsync(app, "济南奥体游泳健身有限公司", "解释测试：余氯低于下限");
        var caseId = Guid.CreateVersion7();
        await GradeAsync(app, "济南奥体游泳健身有限公司", Today, 70, Warning(warning, -10), Case(caseId, -20));
        var id = await app.EntityIdAsync("济南奥体游泳健身有限公司");
        var grade = await (await app.ClientForAsync("lx.reviewer")).GetFromJsonAsync<JsonElement>($"/api/v1/entities/{id}/credit");
        var links = grade.GetProperty("contributions").EnumerateArray().SelectMany(c => c.GetProperty("facts").EnumerateArray()).Select(f => f.GetProperty("link").GetString()).ToList();
        Assert.Equal([$"/warnings/{warning}", $"/cases/{caseId}"], links);
        Assert.Equal(70, grade.GetProperty("score").GetDouble());
        Assert.Equal("一般风险", grade.GetProperty("riskName").GetString());
    }
}
