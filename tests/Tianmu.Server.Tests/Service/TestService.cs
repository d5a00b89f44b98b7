using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Cases;
using Tianmu.Entities;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Demo;
using Tianmu.Server.Service;
using Tianmu.Server.Tests.Accountability;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Service;

/// <summary>Service helpers: cases at the stage a document is served, confirmations signed through the portal, the completion job's round.</summary>
public static partial class TestService
{
    /// <summary>济南泉城游泳馆有限公司 — ent.demo acts for it (历下, 济历).</summary>
    public const string Pool = "济南泉城游泳馆有限公司";

    /// <summary>ent.minghu acts for this one: the other party of the isolation tests.</summary>
    public const string OtherPool = "济南明湖水上运动中心";

    public static DateOnly Today => TestDuties.Today;

    /// <summary>A general-procedure case of <paramref name="entity"/> decided (a warning and a 1,000 元 fine) on <paramref name="decidedOn"/>.</summary>
    public static Task<Guid> DecidedAsync(TianmuApp app, string entity, DateOnly? decidedOn = null)
    {
        var on = decidedOn ?? Today;
        return TestDuties.CaseOfAsync(app, entity, "送达测试：游泳池水余氯不足", on.AddDays(-20), (CaseAction.File, on.AddDays(-19)), (CaseAction.Decide, on));
    }

    /// <summary>A general-procedure case approved today with a penalty proposed: the prior notice is next (art. 44).</summary>
    public static async Task<Guid> ApprovedAsync(TianmuApp app, string entity)
    {
        var id = await TestDuties.CaseOfAsync(app, entity, "送达测试：事先告知", Today.AddDays(-20), (CaseAction.File, Today.AddDays(-19)));
        await using var db = app.Db();
        var c = await db.Cases.SingleAsync(x => x.Id == id);
        c.RecordConclusion("经调查，余氯持续不足。", CaseOutcome.Penalty, new Penalty(true, 1000m), "一般情节", false, false);
        c.MoveTo(CaseStage.Approved, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>
    /// Makes sure ent.minghu (the demo devices' account of 明湖, not seeded without them) exists and acts for
    /// <see cref="OtherPool"/>: the other party of the isolation tests.
    /// </summary>
    public static async Task OtherPartyAsync(TianmuApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        if (await users.FindByNameAsync("ent.minghu") is not null)
        {
            return;
        }

        var user = new User(Guid.CreateVersion7(), "ent.minghu", "明湖水上运动中心 管理员", null, DateTimeOffset.UtcNow);
        user.SetRoles([Role.EntityUser]);
        Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<TianmuDb>();
        db.EntityUsers.Add(new EntityUser(await db.Entities.Where(e => e.Name == OtherPool).Select(e => e.Id).SingleAsync(), user.Id));
        await db.SaveChangesAsync();
    }

    /// <summary>Signs a confirmation through the portal as <paramref name="user"/>: preview, then sign with the text's hash and the password.</summary>
    public static async Task<JsonElement> SignAsync(TianmuApp app, string user, object terms)
    {
        if (user == "ent.minghu")
        {
            await OtherPartyAsync(app);
        }

        var client = await app.ClientForAsync(user);
        var preview = await client.PostAsJsonAsync("/api/v1/portal/service-address/preview", terms);
        Assert.True(preview.StatusCode == HttpStatusCode.OK, await preview.Content.ReadAsStringAsync());
        var text = await preview.Content.ReadFromJsonAsync<JsonElement>();
        var signed = await client.PostAsJsonAsync("/api/v1/portal/service-address", Merge(terms, new { textHash = text.GetProperty("textHash").GetString(), agree = true, password = DemoData.Password }));
        Assert.True(signed.StatusCode == HttpStatusCode.Created, await signed.Content.ReadAsStringAsync());
        return await signed.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Electronic consent with the portal account, a phone and an e-mail address.</summary>
    public static object AllAddresses => new
    {
        address = "历下区泉城路 88 号",
        method = "Electronic",
        electronicConsent = true,
        portal = true,
        phone = "13812345678",
        email = "office@quancheng.example.cn",
    };

    /// <summary>The completion job's round, run now.</summary>
    public static async Task<int> CompleteDueAsync(TianmuApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceDesk>().CompleteDueAsync(default);
    }

    /// <summary>Posts a page's form: the fields (with <c>_handler</c> naming the form) and the page's antiforgery token.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient web, string path, string page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Token(page);
        return web.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>The antiforgery token a page rendered into its forms.</summary>
    public static string Token(string page) => Antiforgery().Match(page).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    public static Dictionary<string, object?> Merge(object a, object b)
    {
        var result = JsonSerializer.SerializeToElement(a).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        foreach (var p in JsonSerializer.SerializeToElement(b).EnumerateObject())
        {
            result[p.Name] = p.Value;
        }

        return result;
    }
}

/// <summary>A clock the test moves forward (service deemed after 30 days), on top of the real time.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

/// <summary>
/// A server whose clock the test moves and whose background delivery and completion are off: the test runs the
/// completion job's round itself at the moment it chooses.
/// </summary>
public sealed class ServiceClockApp : TianmuApp
{
    public ShiftedClock Clock { get; } = new();

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Tianmu:Sms:PollSeconds", "0");
        builder.UseSetting("Tianmu:Service:CompletionSeconds", "0");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
