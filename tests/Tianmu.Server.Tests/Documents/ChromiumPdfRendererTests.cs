using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Tianmu.Server.Documents;

namespace Tianmu.Server.Tests.Documents;

/// <summary>The warm browser: renders in parallel, comes back after it died, and is gone after disposal.</summary>
public sealed class ChromiumPdfRendererTests
{
    [Fact]
    public async Task ADeadBrowserIsStartedAgainAndDisposalEndsIt()
    {
        var renderer = new ChromiumPdfRenderer(new PdfSettings(Pages: 2), NullLogger<ChromiumPdfRenderer>.Instance);
        var first = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => renderer.RenderAsync($"<p>第{i}份</p>", default)));
        Assert.All(first, pdf => Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]));
        var pid = renderer.BrowserProcessId!.Value;

        using (var browser = Process.GetProcessById(pid))
        {
            browser.Kill(entireProcessTree: true);
            await browser.WaitForExitAsync();
        }

        var again = await renderer.RenderAsync("<p>重启之后</p>", default);
        Assert.Equal("%PDF-"u8.ToArray(), again[..5]);
        var restarted = renderer.BrowserProcessId!.Value;
        Assert.NotEqual(pid, restarted);

        await renderer.DisposeAsync();
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(restarted)); // no such process any more
    }

    [Fact]
    public async Task MissingChromiumIsReportedInWords()
    {
        await using var renderer = new ChromiumPdfRenderer(new PdfSettings("/nonexistent/chromium"), NullLogger<ChromiumPdfRenderer>.Instance);
        var e = await Assert.ThrowsAsync<PdfUnavailableException>(() => renderer.RenderAsync("<p>一</p>", default));
        Assert.Contains("/nonexistent/chromium", e.Message, StringComparison.Ordinal);
    }
}
