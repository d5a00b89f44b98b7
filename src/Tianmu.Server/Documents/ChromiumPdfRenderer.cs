using System.Diagnostics;
using System.Threading.Channels;

namespace Tianmu.Server.Documents;

/// <summary>Prints an HTML document to PDF.</summary>
public interface IPdfRenderer
{
    Task<byte[]> RenderAsync(string html, CancellationToken ct);
}

/// <summary>No PDF can be made now (no browser, or it cannot start); drafts are unaffected.</summary>
public sealed class PdfUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Tianmu:Pdf — where Chromium is, how many pages render at once, how long one render may take.</summary>
public sealed record PdfSettings(string ChromiumPath = "/usr/bin/chromium", int Pages = 3, int TimeoutSeconds = 30)
{
    public static PdfSettings From(IConfiguration configuration)
    {
        var defaults = new PdfSettings();
        var path = configuration["Tianmu:Pdf:ChromiumPath"] is { Length: > 0 } p ? p : defaults.ChromiumPath;
        return new PdfSettings(path, Number(configuration, "Tianmu:Pdf:Pages", defaults.Pages, 1, 16), Number(configuration, "Tianmu:Pdf:TimeoutSeconds", defaults.TimeoutSeconds, 1, 600));
    }

    private static int Number(IConfiguration configuration, string key, int fallback, int min, int max) => configuration[key] switch
    {
        null or "" => fallback,
        var v when int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max => n,
        var v => throw new Hosting.ConfigurationProblem($"{key} 的值“{v}”无效，须为 {min} 到 {max} 之间的整数。"),
    };
}

/// <summary>
/// PDF by headless Chromium over the DevTools protocol: one browser per node, launched at the first render and
/// kept warm, with a small pool of page targets each rendering one document at a time (set the content,
/// wait for the fonts, print). A browser that died is started again at the next render (one retry per render);
/// it is closed at shutdown. A render that takes too long takes the browser down with it, so a stuck page
/// never lingers in the pool.
/// </summary>
public sealed class ChromiumPdfRenderer(PdfSettings settings, ILogger<ChromiumPdfRenderer> logger) : IPdfRenderer, IAsyncDisposable
{
    /// <summary>A4 in inches; margins close to the 公文 layout (GB/T 9704): 2.5 cm top and bottom, 2.8 cm left, 2.6 cm right.</summary>
    private static readonly object PrintOptions = new
    {
        landscape = false,
        printBackground = true,
        displayHeaderFooter = true,
        headerTemplate = "<span></span>",
        footerTemplate = "<div style=\"width:100%;text-align:center;font-size:9pt;font-family:'Noto Serif CJK SC',serif;\">第 <span class=\"pageNumber\"></span> 页 共 <span class=\"totalPages\"></span> 页</div>",
        paperWidth = 8.27,
        paperHeight = 11.69,
        marginTop = 0.98,
        marginBottom = 0.98,
        marginLeft = 1.10,
        marginRight = 1.02,
        preferCSSPageSize = false,
    };

    private readonly SemaphoreSlim starting = new(1, 1);
    private Browser? browser;
    private bool disposed;

    /// <summary>The running browser's process id (tests kill it to check the restart).</summary>
    internal int? BrowserProcessId => browser?.ProcessId;

    public async Task<byte[]> RenderAsync(string html, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await BrowserAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
            try
            {
                return await current.RenderAsync(html, PrintOptions, timeout.Token);
            }
            catch (BrowserGoneException e) when (attempt == 0)
            {
                logger.LogWarning(e, "Chromium went away during a render; starting it again");
                await RetireAsync(current);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                await RetireAsync(current);
                throw new PdfUnavailableException($"生成 PDF 超时（{settings.TimeoutSeconds} 秒），请稍后重试。");
            }
            catch (BrowserGoneException e)
            {
                await RetireAsync(current);
                throw new PdfUnavailableException("Chromium 在生成 PDF 时退出，请稍后重试。", e);
            }
        }
    }

    private async Task<Browser> BrowserAsync(CancellationToken ct)
    {
        if (browser is { Alive: true } running)
        {
            return running;
        }

        await starting.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (browser is { Alive: true } other)
            {
                return other;
            }

            if (browser is not null)
            {
                await browser.DisposeAsync();
                browser = null;
            }

            if (!File.Exists(settings.ChromiumPath))
            {
                throw new PdfUnavailableException($"未找到 Chromium（{settings.ChromiumPath}），无法生成 PDF；请安装 chromium 或配置 Tianmu:Pdf:ChromiumPath。文书草稿不受影响。");
            }

            browser = await Browser.LaunchAsync(settings, logger, ct);
            return browser;
        }
        finally
        {
            starting.Release();
        }
    }

    private async Task RetireAsync(Browser dead)
    {
        await starting.WaitAsync();
        try
        {
            if (ReferenceEquals(browser, dead))
            {
                browser = null;
            }
        }
        finally
        {
            starting.Release();
        }

        await dead.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await starting.WaitAsync();
        try
        {
            disposed = true;
            if (browser is not null)
            {
                await browser.DisposeAsync();
                browser = null;
            }
        }
        finally
        {
            starting.Release();
        }
    }

    /// <summary>One Chromium process, its DevTools connection and its pool of page sessions.</summary>
    private sealed class Browser : IAsyncDisposable
    {
        private readonly Process process;
        private readonly string profile;
        private readonly DevToolsConnection devTools;
        private readonly Channel<Page> idle = Channel.CreateUnbounded<Page>();
        private int disposed;

        private Browser(Process process, string profile, DevToolsConnection devTools) => (this.process, this.profile, this.devTools) = (process, profile, devTools);

        public bool Alive => disposed == 0 && !process.HasExited && devTools.Open;

        public int ProcessId => process.Id;

        public static async Task<Browser> LaunchAsync(PdfSettings settings, ILogger logger, CancellationToken ct)
        {
            var profile = Directory.CreateTempSubdirectory("tianmu-chromium-").FullName;
            var start = new ProcessStartInfo(settings.ChromiumPath)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var arg in (string[])["--headless=new", "--remote-debugging-port=0", $"--user-data-dir={profile}", "--disable-gpu", "--no-first-run",
                         "--no-default-browser-check", "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio", "--hide-scrollbars"])
            {
                start.ArgumentList.Add(arg);
            }

            if (Environment.IsPrivilegedProcess)
            {
                start.ArgumentList.Add("--no-sandbox"); // Chromium refuses to start its sandbox as root
            }

            start.ArgumentList.Add("about:blank");
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new PdfUnavailableException("Chromium 无法启动。");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                Directory.Delete(profile, recursive: true);
                throw new PdfUnavailableException($"Chromium（{settings.ChromiumPath}）无法启动：{e.Message}", e);
            }

            // Chromium writes a lot to stderr; read it so the pipe never fills, keep it at debug level.
            process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) { logger.LogDebug("chromium: {Line}", e.Data); } };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            try
            {
                var endpoint = await EndpointAsync(process, profile, ct);
                var devTools = await DevToolsConnection.ConnectAsync(endpoint, ct);
                var browser = new Browser(process, profile, devTools);
                for (var i = 0; i < Math.Max(1, settings.Pages); i++)
                {
                    browser.idle.Writer.TryWrite(await browser.OpenPageAsync(ct));
                }

                logger.LogInformation("Chromium started (pid {Pid}, {Pages} pages)", process.Id, settings.Pages);
                return browser;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Kill(process);
                TryDelete(profile);
                throw e as PdfUnavailableException ?? new PdfUnavailableException($"Chromium 启动失败：{e.Message}", e);
            }
        }

        /// <summary>The browser's DevTools address from {profile}/DevToolsActivePort (port, then path), once written.</summary>
        private static async Task<Uri> EndpointAsync(Process process, string profile, CancellationToken ct)
        {
            var file = Path.Combine(profile, "DevToolsActivePort");
            var until = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < until)
            {
                if (process.HasExited)
                {
                    throw new PdfUnavailableException($"Chromium 启动后立即退出（退出码 {process.ExitCode}）。");
                }

                if (File.Exists(file))
                {
                    var lines = (await File.ReadAllTextAsync(file, ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (lines.Length >= 2 && int.TryParse(lines[0], out var port))
                    {
                        return new Uri($"ws://127.0.0.1:{port}{lines[1]}");
                    }
                }

                await Task.Delay(25, ct);
            }

            throw new PdfUnavailableException("Chromium 在 20 秒内未就绪。");
        }

        private async Task<Page> OpenPageAsync(CancellationToken ct)
        {
            var target = await devTools.SendAsync("Target.createTarget", new { url = "about:blank" }, null, ct);
            var targetId = target.GetProperty("targetId").GetString()!;
            var attached = await devTools.SendAsync("Target.attachToTarget", new { targetId, flatten = true }, null, ct);
            var session = attached.GetProperty("sessionId").GetString()!;
            var tree = await devTools.SendAsync("Page.getFrameTree", null, session, ct);
            return new Page(session, tree.GetProperty("frameTree").GetProperty("frame").GetProperty("id").GetString()!);
        }

        public async Task<byte[]> RenderAsync(string html, object printOptions, CancellationToken ct)
        {
            var page = await idle.Reader.ReadAsync(ct);
            try
            {
                await devTools.SendAsync("Page.setDocumentContent", new { frameId = page.FrameId, html }, page.Session, ct);
                await devTools.SendAsync("Runtime.evaluate", new { expression = "document.fonts.ready.then(() => true)", awaitPromise = true, returnByValue = true }, page.Session, ct);
                var printed = await devTools.SendAsync("Page.printToPDF", printOptions, page.Session, ct);
                return Convert.FromBase64String(printed.GetProperty("data").GetString()!);
            }
            finally
            {
                idle.Writer.TryWrite(page);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 1)
            {
                return;
            }

            try
            {
                if (devTools.Open)
                {
                    using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await devTools.SendAsync("Browser.close", null, null, quick.Token);
                }
            }
            catch (Exception e) when (e is BrowserGoneException or DevToolsException or OperationCanceledException)
            {
                // killed below
            }

            await devTools.DisposeAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(3)))
            {
                Kill(process);
            }

            process.Dispose();
            TryDelete(profile);
        }

        private static void Kill(Process process)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(5));
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }

        private static void TryDelete(string directory)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // a crashed browser may still hold a lock file for a moment; the temp folder is cleaned by the system
            }
        }

        private sealed record Page(string Session, string FrameId);
    }
}
