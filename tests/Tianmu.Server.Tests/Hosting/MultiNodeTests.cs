using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Tianmu.Server.Hosting;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Hosting;

/// <summary>
/// Several server nodes on one database (BRIEF "Shape of the software"): they start together
/// without doing start-up work twice, and a session or token from one node is honoured by another.
/// </summary>
public sealed class MultiNodeTests : TwoNodes
{
    [Fact]
    public async Task StartUpWorkRacingOnOneDatabaseIsDoneOnce()
    {
        var settings = B.Services.GetRequiredService<TianmuSettings>();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => StartupTasks.RunAsync(B.Services, settings))));

        await using var db = Database.Context();
        Assert.Equal(1, await db.Users.CountAsync(u => u.UserName == "admin"));
        Assert.Equal(6, await db.Agencies.CountAsync());
        Assert.Equal(30, await db.Entities.CountAsync());
        Assert.Equal(3, await db.CalendarYears.CountAsync()); // 2025, 2026 and the provisional 2027
    }

    [Fact]
    public async Task ACookieFromOneNodeIsHonouredByTheOther()
    {
        var onA = A.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var form = await onA.GetAsync("/login");
        var antiforgery = Cookies(form).Single();
        var token = Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = "jn.head",
                ["Input.Password"] = Demo.DemoData.Password,
            }),
        };
        post.Headers.Add(HeaderNames.Cookie, antiforgery);
        var cookie = Cookies(await onA.SendAsync(post)).Single(c => c.StartsWith("tianmu.auth=", StringComparison.Ordinal));

        var onB = B.Anonymous();
        onB.DefaultRequestHeaders.Add(HeaderNames.Cookie, cookie);
        var page = await onB.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task ATokenFromOneNodeIsHonouredByTheOther()
    {
        var token = await TianmuApp.IssueTokenAsync(A.Anonymous(), "jn.officer1", Demo.DemoData.Password);
        var onB = B.Anonymous();
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/v1/me")).StatusCode);
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues(HeaderNames.SetCookie, out var values) ? values.Select(c => c.Split(';')[0]) : [];
}
