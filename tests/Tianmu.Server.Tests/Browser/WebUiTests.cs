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
        await Expect(page.Locator(".facts").First).ToContainTextAsync("136****2222"); // the entity's facts; the credit panel has its own

        // Editing without retyping the phone keeps it.
        await page.GetByRole(AriaRole.Link, new() { Name = "修改", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("名称", new() { Exact = true })).ToHaveValueAsync("历下清波游泳馆");
        await page.GetByLabel("地址").FillAsync("历下区解放东路 19 号");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.Locator(".alert-ok")).ToHaveTextAsync("已保存。");
        await Expect(page.Locator(".facts").First).ToContainTextAsync("历下区解放东路 19 号");
        await Expect(page.Locator(".facts").First).ToContainTextAsync("136****2222");
    });

    [Fact]
    public Task ADeviceGoesFromRegistrationToActiveWithTheEntitysSignature() => app.WithPageAsync("device-flow", async page =>
    {
        await app.LoginAsync(page, "lx.officer1");
        await page.GotoAsync(app.BaseUrl + "/entities?q=济南泉城游泳馆");
        await page.GetByRole(AriaRole.Link, new() { Name = "济南泉城游泳馆有限公司" }).ClickAsync();
        await BrowserApp.FollowAsync(page, "登记设备", "/devices/new");

        // A camera in a changing room is refused (S5) and the form keeps what was typed.
        await page.GetByLabel("设备类型").SelectOptionAsync(new SelectOptionValue { Label = "视频监控及边缘AI盒" });
        await page.GetByLabel("生产厂家").FillAsync("海康威视");
        await page.GetByLabel("型号", new() { Exact = true }).FillAsync("DS-2CD3T46");
        await page.GetByLabel("出厂编号").FillAsync("CAM-UI-1");
        await page.GetByLabel("场所类型").SelectOptionAsync(new SelectOptionValue { Label = "更衣室" });
        await page.GetByLabel("安装位置").FillAsync("女更衣室入口");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await Expect(page.Locator(".alert-error")).ToContainTextAsync("第五条");
        await Expect(page.GetByLabel("生产厂家")).ToHaveValueAsync("海康威视");

        await page.GetByLabel("设备类型").SelectOptionAsync(new SelectOptionValue { Label = "水质在线监测仪" });
        await page.GetByLabel("生产厂家").FillAsync("力合科技");
        await page.GetByLabel("型号", new() { Exact = true }).FillAsync("LFWQ-200");
        await page.GetByLabel("出厂编号").FillAsync("WQ-UI-1");
        await page.GetByLabel("场所类型").SelectOptionAsync(new SelectOptionValue { Label = "水处理间/设备机房" });
        await page.GetByLabel("安装位置").FillAsync("水处理间东墙");
        await page.GetByLabel("监测参数编码").FillAsync("free_chlorine");
        await page.GetByLabel("参数名称").FillAsync("游离性余氯");
        await page.GetByLabel("单位", new() { Exact = true }).FillAsync("mg/L");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("已登记");
        var deviceUrl = page.Url;
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "启用" })).ToHaveCountAsync(0); // not before review
        await LogoutAsync(page);

        await app.LoginAsync(page, "lx.reviewer");
        await page.GotoAsync(deviceUrl);
        await page.GetByLabel("审核意见").FillAsync("设备符合国家标准，位置合理");
        await page.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("已审核");
        await LogoutAsync(page);

        await app.LoginAsync(page, "ent.demo");
        await BrowserApp.FollowAsync(page, "设备", "/portal/devices");
        await page.GetByRole(AriaRole.Link, new() { Name = "阅读并签署确认书" }).ClickAsync();
        await Expect(page.Locator("#confirmation-text")).ToContainTextAsync("将作为卫生健康行政执法的证据使用");
        await page.GetByLabel("本单位已阅读并确认上述内容").CheckAsync();
        await page.GetByLabel("登录密码").FillAsync(Demo.DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "签署确认书" }).ClickAsync();
        await Expect(page.Locator(".alert-ok")).ToContainTextAsync("本单位已于");
        await LogoutAsync(page);

        await app.LoginAsync(page, "lx.officer1");
        await page.GotoAsync(deviceUrl);
        await page.GetByLabel("现场公告照片").SetInputFilesAsync(new FilePayload { Name = "notice.jpg", MimeType = "image/jpeg", Buffer = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3] });
        await page.GetByLabel("公布的位置").FillAsync("济南泉城游泳馆 水处理间东墙");
        await page.GetByRole(AriaRole.Button, new() { Name = "公告并公布位置" }).ClickAsync();
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("已公告");
        var photo = await page.APIRequest.GetAsync(app.BaseUrl + await page.GetByRole(AriaRole.Link, new() { Name = "公告照片" }).GetAttributeAsync("href"));
        Assert.Equal(200, photo.Status); // the page's link works with the sign-in cookie
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 }, await photo.BodyAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "启用", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("启用");
        await Expect(page.Locator(".steps li.done")).ToHaveCountAsync(5);
        await LogoutAsync(page);

        await page.GotoAsync(app.BaseUrl + "/public/devices?agency=370102");
        await Expect(page.Locator("table")).ToContainTextAsync("济南泉城游泳馆 水处理间东墙");
    });

    private static async Task LogoutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await page.WaitForURLAsync(LoginUrl());
    }

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
