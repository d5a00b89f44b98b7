using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Browser;

/// <summary>
/// The server on a real Kestrel port and Debian's Chromium driven by Playwright (its own browser
/// download cannot run here). A missing Chromium fails the tests; it is never a silent skip.
/// </summary>
public sealed class BrowserApp : TianmuApp
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    public static string ChromiumPath => Environment.GetEnvironmentVariable("TIANMU_CHROMIUM") ?? "/usr/bin/chromium";

    public override async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium not found at {ChromiumPath}: install Debian's 'chromium' package (./test.sh does).");
        }

        await base.InitializeAsync();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    protected override void BeforeStart() => UseKestrel(0);

    /// <summary>A fresh 1366×768 page (the common government laptop screen); on failure a screenshot is kept.</summary>
    public async Task WithPageAsync(string name, Func<IPage, Task> steps)
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        try
        {
            await steps(page);
            if (Environment.GetEnvironmentVariable("TIANMU_SCREENSHOTS_ALL") == "1")
            {
                await ShotAsync(page, name);
            }
        }
        catch
        {
            await ShotAsync(page, name + "-failed");
            throw;
        }
    }

    public async Task LoginAsync(IPage page, string user, string password = Demo.DemoData.Password)
    {
        await page.GotoAsync(BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(BaseUrl + "/");
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        var dir = Environment.GetEnvironmentVariable("TIANMU_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    protected override async Task BeforeDisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
