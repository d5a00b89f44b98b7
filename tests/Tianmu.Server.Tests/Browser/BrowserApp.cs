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

    /// <summary>API clients of this fixture (e.g. a device pushing readings) talk to the real port, like the browser.</summary>
    protected override Uri ClientBaseAddress => new(BaseUrl);

    /// <summary>A fresh 1366×768 page (the common government laptop screen); on failure a screenshot is kept.</summary>
    public async Task WithPageAsync(string name, Func<IPage, Task> steps)
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var pending = new System.Collections.Concurrent.ConcurrentDictionary<IRequest, DateTime>();
        page.Request += (_, r) => pending[r] = DateTime.UtcNow;
        page.RequestFinished += (_, r) => pending.TryRemove(r, out DateTime _);
        page.RequestFailed += (_, r) => pending.TryRemove(r, out DateTime _);
        try
        {
            await steps(page);
            if (Environment.GetEnvironmentVariable("TIANMU_SCREENSHOTS_ALL") == "1")
            {
                await ShotAsync(page, name);
            }
        }
        catch (Exception e)
        {
            await ShotAsync(page, name + "-failed");
            var unfinished = string.Join("; ", pending.Select(p => $"{p.Key.Method} {p.Key.Url} since {(DateTime.UtcNow - p.Value).TotalSeconds:F1}s"));
            throw new InvalidOperationException($"Browser step failed at {page.Url}; unfinished requests: [{unfinished}]", e);
        }
    }

    /// <summary>Follows a navigation link and waits until its page has loaded.</summary>
    public static async Task FollowAsync(IPage page, string linkName, string path)
    {
        var link = page.GetByRole(AriaRole.Link, new() { Name = linkName, Exact = true });
        await SettledAsync(page);
        await link.ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path, new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            // Seen under load: a click that never navigated. Clicking again is what a person would do;
            // a link that is really broken still fails below.
            await link.ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
        }

        await SettledAsync(page);
    }

    /// <summary>Waits until the page has loaded, its requests are done and its fonts are in place, so nothing shifts under a click.</summary>
    public static async Task SettledAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
    }

    public async Task LoginAsync(IPage page, string user, string password = Demo.DemoData.Password)
    {
        await page.GotoAsync(BaseUrl + "/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(BaseUrl + "/");
        await SettledAsync(page);
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

/// <summary>Browser tests run on their own, after the parallel classes: a starved test server makes clicks time out.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "browser";
}
