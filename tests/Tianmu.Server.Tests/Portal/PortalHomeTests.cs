using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Server.Demo;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Portal.TestPortal;

namespace Tianmu.Server.Tests.Portal;

/// <summary>The portal home (GET /portal, GET /api/v1/portal/summary) and the activity record (/portal/activity).</summary>
public sealed class PortalHomeTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private static readonly string Password = DemoData.Password;

    [Fact]
    public async Task TheSummaryCountsTheEntitysDevicesWarningsRectificationsDocumentsAndSaysTheEntityIsNotGradedYet()
    {
        var entity = await app.ClientForAsync("ent.demo");
        var before = await entity.GetFromJsonAsync<JsonElement>("/api/v1/portal/summary");
        await TestDevices.ActiveAsync(app, Quancheng, "HOME-1", credential: false);
        var warning = await TestWarnings.RaiseAsync(app, Quancheng, "首页测试：浑浊度高于上限");
        var rectifyBy = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(5);
        var officer = await app.ClientForAsync("lx.officer2");
        foreach (var step in new object[] { new { action = "SignFor" }, new { action = "StartChecking" }, new { action = "OrderRectification", note = "限期整改", rectifyBy } })
        {
            Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/warnings/{warning}/actions", step)).StatusCode);
        }

        var document = await DocumentServedAsync(app, Quancheng, "行政处罚决定书（首页测试）");
        await DocumentServedAsync(app, Minghu, "别家的文书"); // another entity's

        var s = await entity.GetFromJsonAsync<JsonElement>("/api/v1/portal/summary");
        Assert.Equal([Quancheng], s.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        var devices = s.GetProperty("devices");
        Assert.Equal(before.GetProperty("devices").GetProperty("total").GetInt32() + 1, devices.GetProperty("total").GetInt32());
        Assert.Contains(devices.GetProperty("byStatus").EnumerateArray(), t => t.GetProperty("key").GetString() == "Active" && t.GetProperty("count").GetInt32() >= 1);

        var warnings = s.GetProperty("warnings");
        Assert.Equal(before.GetProperty("warnings").GetProperty("open").GetInt32() + 1, warnings.GetProperty("open").GetInt32());
        var order = Assert.Single(warnings.GetProperty("rectifications").EnumerateArray(), r => r.GetProperty("warningId").GetGuid() == warning);
        Assert.Equal(rectifyBy.ToString("yyyy-MM-dd"), order.GetProperty("rectifyBy").GetString());
        Assert.Equal(5, order.GetProperty("daysLeft").GetInt32());
        var byMonth = warnings.GetProperty("byMonth");
        Assert.Equal(6, byMonth.GetProperty("months").GetArrayLength());
        Assert.Equal(DateTime.UtcNow.AddHours(8).ToString("yyyy-MM"), byMonth.GetProperty("months")[5].GetString());
        Assert.True(byMonth.GetProperty("series").EnumerateArray().Sum(x => x.GetProperty("data")[5].GetInt32()) >= 1);

        var documents = s.GetProperty("documents");
        Assert.Equal(before.GetProperty("documents").GetProperty("received").GetInt32() + 1, documents.GetProperty("received").GetInt32());
        Assert.Equal(document, documents.GetProperty("latest")[0].GetProperty("id").GetGuid());
        Assert.Equal($"/portal/documents/{document}", documents.GetProperty("latest")[0].GetProperty("link").GetString());
        Assert.DoesNotContain("别家的文书", s.GetRawText(), StringComparison.Ordinal);

        var credit = s.GetProperty("credit");
        Assert.False(credit.GetProperty("available").GetBoolean());
        Assert.Equal(JsonValueKind.Null, credit.GetProperty("grade").ValueKind);
        Assert.Empty(credit.GetProperty("grades").EnumerateArray());
        Assert.Equal(0m, s.GetProperty("amounts").GetProperty("total").GetDecimal());

        // The page shows the same, with the chart's data and links to the other portal pages.
        var page = await (await app.CookieClientAsync("ent.demo")).GetStringAsync("/portal");
        Assert.Contains("本单位首页", page, StringComparison.Ordinal);
        Assert.Contains("本单位尚未评定信用等级", page, StringComparison.Ordinal); // until the scoring run grades it (graded: CreditRepairTests)
        Assert.Contains($"href=\"/portal/documents/{document}\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/portal/warnings/{warning}\"", page, StringComparison.Ordinal);
        Assert.Contains("data-chart=", page, StringComparison.Ordinal);
        foreach (var link in new[] { "/portal/devices", "/portal/self-reports", "/portal/cases", "/portal/documents", "/portal/payments", "/portal/messages", "/portal/activity", "/portal/credit" })
        {
            Assert.Contains($"href=\"{link}\"", page, StringComparison.Ordinal); // the navigation's 本单位 group and the cards
        }

        var list = await (await app.CookieClientAsync("ent.demo")).GetStringAsync("/portal/devices");
        Assert.Contains("本单位设备", list, StringComparison.Ordinal);
        Assert.Contains("机房", list, StringComparison.Ordinal); // the device's site
    }

    [Fact]
    public async Task TheActivityRecordSaysWhatTheEntitysUsersDidAndNothingOfOtherEntities()
    {
        var own = await TestWarnings.RaiseAsync(app, Quancheng, "操作记录测试：pH 低于下限", "POOL-PH");
        var other = await TestWarnings.RaiseAsync(app, Minghu, "操作记录测试：明湖的预警");
        var entity = await app.ClientForAsync("ent.demo");
        Assert.Equal(HttpStatusCode.Created, (await entity.PostAsJsonAsync($"/api/v1/portal/warnings/{own}/responses", new { kind = "Contest", text = "设备校准中", password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await entity.PostAsJsonAsync($"/api/v1/portal/warnings/{own}/responses", new { kind = "Confirm", password = "wrong-password" })).StatusCode);

        // A user acting for both pools answers on each: 泉城 sees the answer about 泉城, never the one about 明湖.
        var group = await PartyAsync(app, "ent.group", Quancheng, Minghu);
        Assert.Equal(HttpStatusCode.Created, (await group.PostAsJsonAsync($"/api/v1/portal/warnings/{other}/responses", new { kind = "Confirm", password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await group.PostAsJsonAsync($"/api/v1/portal/warnings/{own}/responses", new { kind = "Explain", text = "集团统一说明", password = Password })).StatusCode);
        var minghu = await PartyAsync(app, "ent.minghu.activity", Minghu);

        string rule;
        await using (var db = app.Db())
        {
            rule = await db.Warnings.Where(w => w.Id == own).Select(w => w.RuleName).SingleAsync();
        }

        var record = await entity.GetFromJsonAsync<JsonElement>("/api/v1/portal/activity?pageSize=100");
        var items = record.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("what").GetString() == $"回应预警：陈述申辩/异议（预警“{rule}”）" && i.GetProperty("action").GetString() == "warning_response.created"
            && i.GetProperty("userName").GetString()!.Contains("ent.demo", StringComparison.Ordinal) && i.GetProperty("entityName").GetString() == Quancheng);
        Assert.Contains(items, i => i.GetProperty("what").GetString() == "密码验证失败（登录或再次确认密码）");
        Assert.Contains(items, i => i.GetProperty("userName").GetString()!.Contains("ent.group", StringComparison.Ordinal) && i.GetProperty("what").GetString()!.StartsWith("回应预警：说明情况", StringComparison.Ordinal));
        Assert.DoesNotContain(items, i => i.GetProperty("userName").GetString()!.Contains("ent.group", StringComparison.Ordinal) && i.GetProperty("what").GetString()!.Contains("确认属实", StringComparison.Ordinal));
        Assert.DoesNotContain(items, i => i.GetProperty("action").GetString() == "auth.token_issued" && i.GetProperty("userName").GetString()!.Contains("ent.group", StringComparison.Ordinal));
        Assert.All(items, i => Assert.NotEqual(Minghu, i.GetProperty("entityName").GetString()));
        Assert.Equal(items.Select(i => i.GetProperty("id").GetInt64()).OrderDescending(), items.Select(i => i.GetProperty("id").GetInt64())); // newest first

        // 明湖's own user sees the group's answer about 明湖, and nothing ent.demo did.
        var theirs = (await minghu.GetFromJsonAsync<JsonElement>("/api/v1/portal/activity?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(theirs, i => i.GetProperty("what").GetString()!.StartsWith("回应预警：确认属实", StringComparison.Ordinal));
        Assert.DoesNotContain(theirs, i => i.GetProperty("userName").GetString()!.Contains("ent.demo", StringComparison.Ordinal));

        // Paged by cursor: page after page, newest first, each action once.
        var seen = new List<long>();
        string? before = null;
        for (var pages = 0; pages < 50; pages++)
        {
            var page = await entity.GetFromJsonAsync<JsonElement>($"/api/v1/portal/activity?pageSize=2{(before is null ? "" : "&before=" + before)}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            if (page.GetProperty("before").ValueKind == JsonValueKind.Null)
            {
                break;
            }

            before = page.GetProperty("before").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(items.Select(i => i.GetProperty("id").GetInt64()), seen);

        var html = await (await app.CookieClientAsync("ent.demo")).GetStringAsync("/portal/activity");
        Assert.Contains("回应预警：陈述申辩/异议", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRecordNamesTheServiceAddressConfirmationTheFirstOpeningOfAServedDocumentAndAPayment()
    {
        await Service.TestService.SignAsync(app, "ent.demo", Service.TestService.AllAddresses);
        var officer = await app.ClientForAsync("lx.officer1");
        var decided = await Service.TestService.DecidedAsync(app, Quancheng);
        var document = await Cases.TestCases.IssueAsync(officer, decided, "PenaltyDecision");
        var decision = document.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/v1/documents/{decision}/service/electronic", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("ent.demo")).GetAsync($"/api/v1/portal/documents/{decision}")).StatusCode);

        // Paid on the simulated payment page, as the party's user.
        var code = await Payments.TestPayments.CodeAsync(app, await Payments.TestPayments.ServedAsync(app, Quancheng, 300m));
        var web = await app.CookieClientAsync("ent.demo");
        var form = await web.GetStringAsync($"/pay/{code}");
        var paid = await web.PostAsync($"/pay/{code}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "pay",
            ["__RequestVerificationToken"] = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value,
            ["password"] = Password,
        }));
        Assert.Contains("已支付", await paid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var items = (await (await app.ClientForAsync("ent.demo")).GetFromJsonAsync<JsonElement>("/api/v1/portal/activity?pageSize=100")).GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("entityName").GetString() == Quancheng).Select(i => i.GetProperty("what").GetString()).ToList();
        Assert.Contains("签署送达地址确认书：送达地址“历下区泉城路 88 号”", items);
        Assert.Contains($"查阅电子送达的文书（首次打开）：《行政处罚决定书》{document.GetProperty("number").GetString()}", items);
        Assert.Contains(items, w => w!.StartsWith("缴纳罚款：", StringComparison.Ordinal) && w.Contains(code, StringComparison.Ordinal));
    }
}
