using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Server.Auth;
using Tianmu.Server.Demo;
using Tianmu.Server.Tests.Support;
using Tianmu.Tests.Support;
using static Tianmu.Server.Tests.Portal.TestPortal;

namespace Tianmu.Server.Tests.Portal;

/// <summary>A server whose sign-in cookies tell time by a clock the test moves (the rest of the server keeps real time).</summary>
public sealed class SessionApp : TianmuApp
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void Configure(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.Configure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o => o.TimeProvider = Clock));
}

/// <summary>
/// Sessions expire and logins lock (issue 8 §6): a party's portal session ends after 30 minutes without a request,
/// any session 12 hours after sign-in; five wrong passwords lock the account for the login page, the token endpoint
/// and the password re-confirmation alike — one count for all three.
/// </summary>
public sealed class PortalSessionTests(SessionApp app) : IClassFixture<SessionApp>
{
    [Fact]
    public async Task APartysSessionEndsAfterThirtyIdleMinutesButLastsWhileUsed()
    {
        var browser = await app.CookieClientAsync("ent.demo");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/portal")).StatusCode);
        for (var i = 0; i < 4; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20)); // 80 minutes in all, never 30 idle
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/portal/cases")).StatusCode);
        }

        app.Clock.Advance(SessionLifetime.PartyIdle + TimeSpan.FromMinutes(1));
        var expired = await browser.GetAsync("/portal");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.Contains("/login", expired.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffKeepTheWorkingDaySessionButNoSessionOutlivesTwelveHours()
    {
        var browser = await app.CookieClientAsync("lx.officer1");
        app.Clock.Advance(TimeSpan.FromMinutes(45)); // idle longer than a party may be
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/cases")).StatusCode);
        for (var hour = 0; hour < 11; hour++)
        {
            app.Clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/cases")).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(30)); // 12 h 15 min after signing in, though used every hour
        var expired = await browser.GetAsync("/cases");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.Contains("/login", expired.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiveWrongPasswordsOnTheLoginPageLockTheAccountForThePageAndTheTokenEndpoint()
    {
        await PartyAsync(app, "ent.lock.page", Quancheng);
        for (var i = 0; i < 5; i++)
        {
            var page = await LoginPageAsync("ent.lock.page", "wrong-password");
            Assert.Contains(i < 4 ? "用户名或密码不正确" : "账户已临时锁定", page, StringComparison.Ordinal);
        }

        var right = await LoginPageAsync("ent.lock.page", DemoData.Password);
        Assert.Contains("账户已临时锁定", right, StringComparison.Ordinal);
        var token = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username = "ent.lock.page", password = DemoData.Password });
        Assert.Equal("account_locked", (await Problem.ReadAsync(token, HttpStatusCode.Unauthorized)).Code);
    }

    [Fact]
    public async Task FiveWrongPasswordsAtTheTokenEndpointLockTheLoginPageToo()
    {
        await PartyAsync(app, "ent.lock.token", Quancheng);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username = "ent.lock.token", password = "wrong-password" });
            Assert.Equal(i < 4 ? "invalid_credentials" : "account_locked", (await Problem.ReadAsync(wrong, HttpStatusCode.Unauthorized)).Code);
        }

        Assert.Contains("账户已临时锁定", await LoginPageAsync("ent.lock.token", DemoData.Password), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPasswordsAtReconfirmationLockTheAccountLikeFailedLogins()
    {
        var party = await PartyAsync(app, "ent.lock.reconfirm", Quancheng);
        var warning = await TestWarnings.RaiseAsync(app, Quancheng, "锁定测试：浑浊度高于上限");
        for (var i = 0; i < 5; i++)
        {
            var wrong = await party.PostAsJsonAsync($"/api/v1/portal/warnings/{warning}/responses", new { kind = "Confirm", password = "wrong-password" });
            Assert.Equal("auth.reconfirm_failed", (await Problem.ReadAsync(wrong, HttpStatusCode.Forbidden)).Code);
        }

        // The fifth wrong try locked the account: its token stops working, and the right password no longer signs in.
        var right = await party.PostAsJsonAsync($"/api/v1/portal/warnings/{warning}/responses", new { kind = "Confirm", password = DemoData.Password });
        Assert.Equal("unauthenticated", (await Problem.ReadAsync(right, HttpStatusCode.Unauthorized)).Code);
        await using (var db = app.Db())
        {
            Assert.False(await db.WarningResponses.AnyAsync(r => r.WarningId == warning));
        }

        Assert.Contains("账户已临时锁定", await LoginPageAsync("ent.lock.reconfirm", DemoData.Password), StringComparison.Ordinal);
    }

    /// <summary>Posts the login form; the page's answer (a redirect means signed in).</summary>
    private async Task<string> LoginPageAsync(string userName, string password)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostAsync("/login", await WebLogin.LoginFormAsync(client, userName, password));
        return response.StatusCode == HttpStatusCode.Redirect ? "signed in" : await response.Content.ReadAsStringAsync();
    }
}
