using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tianmu.Server.Tests.Browser;

/// <summary>Walks the web UI as a county officer and as a city administrator, in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class WebUiTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public Task OfficerSeesTheirOwnJurisdictionOnly() => app.WithPageAsync("officer", async page =>
    {
        await app.LoginAsync(page, "lx.officer1");
        await Expect(page.Locator("h1")).ToHaveTextAsync("工作台");
        await Expect(page.Locator(".topbar")).ToContainTextAsync("济南市历下区卫生健康局");
        await Expect(page.Locator(".topbar")).ToContainTextAsync("执法人员");
        await Expect(page.Locator("nav")).Not.ToContainTextAsync("审计日志"); // officers do not see overseers' pages

        await BrowserApp.FollowAsync(page, "监管对象名录", "/entities");
        await Expect(page.Locator("table")).ToContainTextAsync("济南泉城游泳馆有限公司");
        await Expect(page.Locator("table")).Not.ToContainTextAsync("青岛");
        await page.GetByLabel("类别").SelectOptionAsync(new SelectOptionValue { Label = "生活饮用水" });
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(2);

        await page.GotoAsync(app.BaseUrl + "/admin/users");
        await Expect(page.Locator("h1")).ToHaveTextAsync("无权访问");
    });

    [Fact]
    public Task OfficerComputesADeadlineOnTheCalendarPage() => app.WithPageAsync("calendar", async page =>
    {
        await app.LoginAsync(page, "lx.officer1");
        await BrowserApp.FollowAsync(page, "工作日历", "/calendar");
        await page.GetByLabel("起算日").FillAsync("2026-09-18");
        await page.GetByLabel("天数").FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "计算" }).ClickAsync();
        await Expect(page.Locator("#due")).ToContainTextAsync("2026-09-29");
        await Expect(page.Locator("body")).ToContainTextAsync("国庆节调休上班");
    });

    [Fact]
    public Task AdministratorCreatesAUserAndFindsItInTheAuditTrail() => app.WithPageAsync("admin", async page =>
    {
        await app.LoginAsync(page, "jn.admin");
        await BrowserApp.FollowAsync(page, "机构", "/admin/agencies");
        await Expect(page.Locator("table")).ToContainTextAsync("济南市历下区卫生健康局");
        await Expect(page.Locator("table")).Not.ToContainTextAsync("青岛市");

        await BrowserApp.FollowAsync(page, "用户", "/admin/users");
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync("lx.officer7");
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync("王小明");
        await page.Locator("#u-agency").SelectOptionAsync(new SelectOptionValue { Label = "济南市历下区卫生健康局" });
        await page.Locator("#u-role").SelectOptionAsync(new SelectOptionValue { Label = "执法人员" });
        await page.GetByLabel("执法证号").FillAsync("37010777");
        await page.GetByLabel("手机号").FillAsync("13800001111");
        await page.GetByLabel("初始密码").FillAsync("Officer@2026x");
        await page.GetByRole(AriaRole.Button, new() { Name = "新建" }).ClickAsync();
        await Expect(page.Locator(".alert-ok")).ToContainTextAsync("已新建用户 lx.officer7");

        await page.GotoAsync(app.BaseUrl + "/admin/users?q=lx.officer7");
        var row = page.Locator("tr", new() { HasText = "lx.officer7" });
        await Expect(row).ToContainTextAsync("138****1111");
        await row.GetByRole(AriaRole.Button, new() { Name = "停用" }).ClickAsync();
        await Expect(page.Locator(".alert-ok")).ToContainTextAsync("已停用用户 lx.officer7");

        await BrowserApp.FollowAsync(page, "审计日志", "/audit");
        await page.GetByLabel("操作人").FillAsync("jn.admin");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(page.Locator("table")).ToContainTextAsync("user.created");
        await Expect(page.Locator("table")).ToContainTextAsync("user.updated");
    });

    [Fact]
    public Task AdministratorChangesAUsersRolesOnTheDetailPage() => app.WithPageAsync("user-detail", async page =>
    {
        await app.LoginAsync(page, "jn.admin");
        await page.GotoAsync(app.BaseUrl + "/admin/users?q=lx.reviewer");
        await page.GetByRole(AriaRole.Link, new() { Name = "lx.reviewer" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("杨帆");
        await page.GetByLabel("执法人员").CheckAsync();
        await page.Locator("#e-credential").FillAsync("37010555");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.Locator(".alert-ok")).ToHaveTextAsync("已保存。");
        await Expect(page.Locator(".facts")).ToContainTextAsync("法制审核员、执法人员");

        // Taking every role away is refused with the reason, and nothing changes.
        await page.GetByLabel("执法人员").UncheckAsync();
        await page.GetByLabel("法制审核员").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.Locator(".alert-error")).ToContainTextAsync("请至少选择一个角色");
        await Expect(page.Locator(".facts")).ToContainTextAsync("法制审核员、执法人员");
    });

    [Fact]
    public Task OfficerRegistersAnEntity() => app.WithPageAsync("register-entity", async page =>
    {
        await app.LoginAsync(page, "lx.officer2");
        await BrowserApp.FollowAsync(page, "监管对象名录", "/entities");
        await BrowserApp.FollowAsync(page, "登记监管对象", "/entities/new");
        await page.GetByLabel("名称", new() { Exact = true }).FillAsync("历下清波游泳馆");
        await page.GetByLabel("统一社会信用代码").FillAsync("91370102MA9CCCC0" + "1X"); // wrong check character first
        await page.GetByLabel("类别 / 子类别").SelectOptionAsync(new SelectOptionValue { Label = "公共场所 · 游泳场所" });
        await page.GetByLabel("地址").FillAsync("历下区解放东路 9 号");
        await page.GetByLabel("联系电话").FillAsync("13611112222");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await Expect(page.Locator(".alert-error")).ToContainTextAsync("GB 32100-2015");

        var code = "91370102MA9CCCC01" + Tianmu.Entities.CreditCode.CheckCharacter("91370102MA9CCCC01");
        await page.GetByLabel("统一社会信用代码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await Expect(page.Locator(".alert-ok")).ToHaveTextAsync("已登记。");
        await Expect(page.Locator("h1")).ToHaveTextAsync("历下清波游泳馆");
        await Expect(page.Locator(".facts")).ToContainTextAsync("136****2222");
    });

    [Fact]
    public Task WrongPasswordShowsAPlainMessage() => app.WithPageAsync("bad-login", async page =>
    {
        await page.GotoAsync(app.BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync("lx.officer2");
        await page.GetByLabel("密码").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.Locator(".alert-error")).ToHaveTextAsync("用户名或密码不正确。");
    });

    [Fact]
    public Task SignOutReturnsToLogin() => app.WithPageAsync("logout", async page =>
    {
        await app.LoginAsync(page, "jn.head");
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(LoginUrl());
        await page.GotoAsync(app.BaseUrl + "/audit");
        await Expect(page).ToHaveURLAsync(LoginUrl());
    });

    [GeneratedRegex("/login")]
    private static partial Regex LoginUrl();
}
