using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tianmu.Notifications;
using Tianmu.Server.Payments;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Payments.TestPayments;

namespace Tianmu.Server.Tests.Payments;

/// <summary>
/// The party's payments: its own entities' notices only (another's is 404), and the simulated payment page that pays
/// a case end to end — password re-confirmed, callback signed and verified like the platform's, case executed.
/// </summary>
public sealed partial class PaymentPortalTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public async Task TheEntitySeesOnlyItsOwnEntitiesNotices()
    {
        var own = await ServedAsync(app, Own, 300m);
        var other = await ServedAsync(app, Other, 300m);
        var ownCode = await CodeAsync(app, own);
        var otherCode = await CodeAsync(app, other);
        var entity = await app.ClientForAsync("ent.demo");

        var list = await entity.GetFromJsonAsync<JsonElement>("/api/v1/portal/payments");
        var codes = list.EnumerateArray().Select(n => n.GetProperty("code").GetString()).ToList();
        Assert.Contains(ownCode, codes);
        Assert.DoesNotContain(otherCode, codes);
        Assert.All(list.EnumerateArray(), n => Assert.Equal(Own, n.GetProperty("entityName").GetString()));

        var mine = await entity.GetFromJsonAsync<JsonElement>($"/api/v1/portal/payments/{ownCode}");
        Assert.Equal(300m, mine.GetProperty("amountDueToday").GetDecimal());
        var hidden = await Problem.ReadAsync(await entity.GetAsync($"/api/v1/portal/payments/{otherCode}"), HttpStatusCode.NotFound);
        Assert.Equal("not_found", hidden.Code);
        Assert.DoesNotContain("明湖", hidden.Body.GetRawText(), StringComparison.Ordinal);

        var web = await app.CookieClientAsync("ent.demo");
        var page = await web.GetStringAsync($"/pay/{otherCode}");
        Assert.Contains("缴款通知不存在", page, StringComparison.Ordinal);
        Assert.DoesNotContain("明湖", page, StringComparison.Ordinal);
        var token = Antiforgery().Match(await web.GetStringAsync($"/pay/{ownCode}")).Groups[1].Value; // the other page has no form to take one from
        var forged = await web.PostAsync($"/pay/{otherCode}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "pay",
            ["__RequestVerificationToken"] = token,
            ["password"] = DemoPassword,
        }));
        Assert.DoesNotContain("已支付", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.Db();
        Assert.False(await db.Payments.AnyAsync(p => p.Code == otherCode));

        // Staff outside the case's jurisdiction do not see its notice either.
        var outside = await (await app.ClientForAsync("szq.officer1")).GetAsync($"/api/v1/cases/{own}/payment");
        Assert.Equal("not_found", (await Problem.ReadAsync(outside, HttpStatusCode.NotFound)).Code);
    }

    [Fact]
    public async Task TheSimulatedPagePaysACaseEndToEnd()
    {
        var id = await ServedAsync(app, Own, 650m);
        var web = await app.CookieClientAsync("ent.demo");
        var payments = await web.GetStringAsync("/portal/payments");
        var code = Regex.Match(payments, "href=\"/pay/(\\d{20})\"").Groups[1].Value;
        Assert.Equal(await CodeAsync(app, id), code);
        await using var db = app.Db();
        var noncesBefore = await db.PaymentNonces.CountAsync();

        var page = await web.GetStringAsync($"/pay/{code}");
        Assert.Contains("650.00", page, StringComparison.Ordinal);
        var wrong = await PostPayAsync(web, code, page, "not-the-password");
        Assert.Contains("密码不正确", wrong, StringComparison.Ordinal);
        Assert.False(await db.Payments.AnyAsync(p => p.Code == code));

        var paid = await PostPayAsync(web, code, wrong, DemoPassword);
        Assert.Contains("已支付 650.00 元", paid, StringComparison.Ordinal);
        Assert.Contains("应缴款项已全部缴清", paid, StringComparison.Ordinal);

        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Code == code);
        Assert.Equal(PaymentPortal.SimulatedChannel, payment.Channel);
        Assert.Equal(650m, payment.Applied);
        Assert.Equal(noncesBefore + 1, await db.PaymentNonces.CountAsync()); // it went through the callback's signature check
        Assert.Equal("Executed", (await CaseAsync(app, id)).GetProperty("summary").GetProperty("stage").GetString());
        Assert.True(await db.Notifications.AnyAsync(n => n.Source == PaymentTexts.ReceivedSource(payment.Id) && n.Kind == NotificationKind.PaymentReceived));

        var after = await web.GetStringAsync("/portal/payments");
        Assert.Contains(payment.TransactionId, after, StringComparison.Ordinal);
        var staffPage = await (await app.CookieClientAsync("lx.officer1")).GetStringAsync($"/cases/{id}");
        Assert.Contains(code, staffPage, StringComparison.Ordinal);
        Assert.Contains(payment.TransactionId, staffPage, StringComparison.Ordinal);
    }

    private const string DemoPassword = Demo.DemoData.Password;

    private static async Task<string> PostPayAsync(HttpClient web, string code, string page, string password)
    {
        var response = await web.PostAsync($"/pay/{code}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "pay",
            ["__RequestVerificationToken"] = Antiforgery().Match(page).Groups[1].Value,
            ["password"] = password,
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 500)]}");
        return body;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
