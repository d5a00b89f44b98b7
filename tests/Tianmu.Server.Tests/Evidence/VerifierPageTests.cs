using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Tianmu.Evidence.Export;
using Tianmu.Evidence.Log;
using Tianmu.Server.Tests.Browser;
using Tianmu.Tests.Evidence.Export;

namespace Tianmu.Server.Tests.Evidence;

/// <summary>
/// verify.html as a person uses it: opened from the disc through file:// in Chromium, with no server,
/// the disc's folder or files picked, every hash, proof and the signature re-checked in the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class VerifierPageTests(VerifierPageTests.Chromium chromium) : IClassFixture<VerifierPageTests.Chromium>, IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("tianmu-verify-page").FullName;

    private string Root => Path.Combine(dir, "disc");

    [Fact]
    public async Task TheHashesOfThePageMatchKnownAnswers()
    {
        await ExportAsync(TestPackages.Build(LogHasher.Sha256, TestLogKey.Ecdsa(), 1, 0));
        await chromium.WithPageAsync(Root, async page =>
        {
            Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", await page.EvaluateAsync<string>("() => tianmuVerify.sm3('abc')"));
            Assert.Equal("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
                await page.EvaluateAsync<string>("() => tianmuVerify.sm3('abcd'.repeat(16))")); // GB/T 32905 example 2, two blocks
            Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", await page.EvaluateAsync<string>("() => tianmuVerify.sha256('abc')"));
            Assert.Equal("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                await page.EvaluateAsync<string>("() => tianmuVerify.sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')"));
        });
    }

    [Fact]
    public async Task AnIntactSha256EcdsaDiscPassesWithWebCryptoAndWithPureJavaScript()
    {
        await ExportAsync(TestPackages.Build(LogHasher.Sha256, TestLogKey.Ecdsa(), 5, 0, 2, 4));
        await chromium.WithPageAsync(Root, async page =>
        {
            await Assertions.Expect(page.Locator("#package-title")).ToHaveTextAsync("泉城游泳馆案 证据光盘");
            await Assertions.Expect(page.Locator("#info")).ToContainTextAsync("历卫罚〔2026〕12号");
            Assert.True(await page.EvaluateAsync<bool>("() => !!(window.crypto && crypto.subtle)")); // file:// counts as secure in Chromium

            var summary = await PickFilesAsync(page);
            Assert.Equal(("pass", "核验通过：3 件证据的原件、包含证明和树头签名全部相符。"), summary);
            await Assertions.Expect(page.Locator("#results tbody tr")).ToHaveCountAsync(5); // 清单, 签名树头, three items

            await page.EvaluateAsync("() => tianmuVerify.usePureJs()");
            Assert.Equal("pass", (await RerunAsync(page)).Status);
        });
    }

    [Fact]
    public async Task AnIntactSm3Sm2DiscPassesWhenItsFolderIsPicked()
    {
        await ExportAsync(TestPackages.Build(LogHasher.Sm3, TestLogKey.Sm2(), 5, 0, 1, 2, 3, 4));
        await chromium.WithPageAsync(Root, async page =>
        {
            await page.Locator("#pick-dir").SetInputFilesAsync(Root);
            var summary = await SummaryAsync(page);
            Assert.Equal(("pass", "核验通过：5 件证据的原件、包含证明和树头签名全部相符。"), summary);
        });
    }

    [Fact]
    public async Task AModifiedOriginalFailsNamingTheItem()
    {
        var package = await ExportAsync(TestPackages.Build(LogHasher.Sm3, TestLogKey.Sm2(), 4, 0, 1, 3));
        var file = Path.Combine(Root, "objects", package.Items[1].Sha256 + ".jpg");
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[^1] ^= 0x01;
        await File.WriteAllBytesAsync(file, bytes);

        await chromium.WithPageAsync(Root, async page =>
        {
            var (status, text) = await PickFilesAsync(page);
            Assert.Equal("fail", status);
            Assert.StartsWith("核验未通过。第一个未通过的是：证据 E2（现场照片2）：原件 SHA-256 与清单不符", text, StringComparison.Ordinal);
            await Assertions.Expect(page.Locator("#results tbody tr:has-text('证据 E3') td.ok")).ToHaveCountAsync(1);
        });
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("sm3")]
    public async Task AForgedTreeHeadSignatureOrAnEditedProofFailsInThePage(string suite)
    {
        var (hasher, key, impostor) = suite == "sha256"
            ? (LogHasher.Sha256, TestLogKey.Ecdsa(), TestLogKey.Ecdsa())
            : (LogHasher.Sm3, TestLogKey.Sm2(), TestLogKey.Sm2());
        var package = await ExportAsync(TestPackages.Build(hasher, key, 3, 0, 2));
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Root, "manifest.json")))!;
        manifest["tree_head"]!["signature"] = Convert.ToBase64String(impostor.Sign(package.TreeHead.Head.SigningMessage()));
        var proof = manifest["items"]![1]!["inclusion_proof"]!.AsArray();
        proof[0] = "ff" + proof[0]!.GetValue<string>()[2..];
        await RewriteAsync(manifest);

        await chromium.WithPageAsync(Root, async page =>
        {
            foreach (var pure in new[] { false, true })
            {
                (string Status, string Text) summary;
                if (pure)
                {
                    await page.EvaluateAsync("() => tianmuVerify.usePureJs()");
                    summary = await RerunAsync(page); // the same files again raise no change event
                }
                else
                {
                    summary = await PickFilesAsync(page);
                }

                Assert.Equal("fail", summary.Status);
                Assert.StartsWith("核验未通过。第一个未通过的是：签名树头：树头签名无效", summary.Text, StringComparison.Ordinal);
                await Assertions.Expect(page.Locator("#results tbody tr:has-text('证据 E2') td.bad")).ToHaveCountAsync(1);
                await Assertions.Expect(page.Locator("#results tbody tr:has-text('证据 E2')")).ToContainTextAsync("包含证明不成立");
                await Assertions.Expect(page.Locator("#results tbody tr:has-text('证据 E1') td.ok")).ToHaveCountAsync(1);
            }
        });
    }

    [Fact]
    public async Task AManifestJsonThatDiffersFromThePageIsReported()
    {
        await ExportAsync(TestPackages.Build(LogHasher.Sha256, TestLogKey.Ecdsa(), 2, 0, 1));
        var path = Path.Combine(Root, "manifest.json");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        manifest["exporter"] = "他人";
        await File.WriteAllTextAsync(path, manifest.ToJsonString());

        await chromium.WithPageAsync(Root, async page =>
        {
            var (status, text) = await PickFilesAsync(page);
            Assert.Equal("fail", status);
            Assert.Equal("核验未通过。第一个未通过的是：清单：所选目录中的 manifest.json 与本页面内嵌的清单不一致。", text);
        });
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private async Task<EvidencePackage> ExportAsync(EvidencePackage package)
    {
        await PackageWriter.WriteToPathAsync(package, PackageFormat.Directory, Root, CancellationToken.None);
        return package;
    }

    /// <summary>Writes an edited manifest to both manifest.json and the page, as someone forging the disc would.</summary>
    private async Task RewriteAsync(JsonNode manifest)
    {
        var json = System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString());
        await File.WriteAllBytesAsync(Path.Combine(Root, "manifest.json"), json);
        await File.WriteAllBytesAsync(Path.Combine(Root, "verify.html"), VerifierPage.Render(json));
    }

    private async Task<(string Status, string Text)> PickFilesAsync(IPage page)
    {
        await page.EvaluateAsync("() => { document.getElementById('summary').dataset.status = 'idle'; }"); // no stale verdict is read
        await page.Locator("#pick-files").SetInputFilesAsync(Directory.GetFiles(Root, "*", SearchOption.AllDirectories));
        return await SummaryAsync(page);
    }

    private static async Task<(string Status, string Text)> RerunAsync(IPage page)
    {
        await page.EvaluateAsync("() => { document.getElementById('summary').dataset.status = 'idle'; tianmuVerify.rerun(); }");
        return await SummaryAsync(page);
    }

    private static async Task<(string Status, string Text)> SummaryAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => ['pass', 'fail'].includes(document.getElementById('summary').dataset.status)");
        var summary = page.Locator("#summary");
        return ((await summary.GetAttributeAsync("data-status"))!, (await summary.TextContentAsync())!.Trim());
    }

    /// <summary>Debian's Chromium alone: the page needs no server, so none is started.</summary>
    public sealed class Chromium : IAsyncLifetime
    {
        private IPlaywright? playwright;
        private IBrowser? browser;

        public async Task InitializeAsync()
        {
            if (!File.Exists(BrowserApp.ChromiumPath))
            {
                throw new InvalidOperationException($"Chromium not found at {BrowserApp.ChromiumPath}: install Debian's 'chromium' package (./test.sh does).");
            }

            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = BrowserApp.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
        }

        /// <summary>Opens the disc's verify.html through file://; any script error or network request fails the test.</summary>
        public async Task WithPageAsync(string root, Func<IPage, Task> steps)
        {
            await using var context = await browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 }, Locale = "zh-CN" });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(30_000);
            var problems = new List<string>();
            page.PageError += (_, e) => problems.Add("script error: " + e);
            page.Console += (_, m) =>
            {
                if (m.Type == "error")
                {
                    problems.Add("console: " + m.Text);
                }
            };
            page.Request += (_, r) =>
            {
                if (!r.Url.StartsWith("file://", StringComparison.Ordinal))
                {
                    problems.Add("request: " + r.Url);
                }
            };
            await page.GotoAsync(new Uri(Path.Combine(root, VerifierPage.FileName)).AbsoluteUri);
            await steps(page);
            Assert.Empty(problems);
        }

        public async Task DisposeAsync()
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }

            playwright?.Dispose();
        }
    }
}
