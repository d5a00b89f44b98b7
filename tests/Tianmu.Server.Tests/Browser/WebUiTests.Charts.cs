using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tianmu.Ingest;
using Tianmu.Server.Tests.Support;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;
using static Microsoft.Playwright.Assertions;

namespace Tianmu.Server.Tests.Browser;

public sealed partial class WebUiTests
{
    /// <summary>Console errors and uncaught exceptions of a page (a missing favicon is not the page's fault).</summary>
    private static List<string> CollectErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Location.Contains("favicon", StringComparison.Ordinal))
            {
                errors.Add($"{m.Text} ({m.Location})");
            }
        };
        page.PageError += (_, e) => errors.Add(e);
        return errors;
    }

    [Fact]
    public async Task TheDevicePageDrawsAChartPerMetricWithLimitsAndEpisodes()
    {
        var (device, _) = await TestDevices.ActiveAsync(app, "济南泉城游泳馆有限公司", "CHART-1", credential: false);
        var now = DateTimeOffset.UtcNow;
        await app.Services.GetRequiredService<ReadingStore>().AppendAsync(
            [.. Enumerable.Range(0, 120).Select(i => new Reading(device, "free_chlorine", now.AddMinutes(-120 + i), i is >= 40 and < 70 ? 0.15 : 0.5, i < 10 ? "M" : "N", i >= 10, now))], default);
        var pack = RulePacks.Find("gb37488-2019/pool-water")!;
        await using (var db = app.Db())
        {
            var entity = await db.Entities.SingleAsync(e => e.Name == "济南泉城游泳馆有限公司");
            db.Warnings.Add(new Warning(Guid.CreateVersion7(), new RaisedBy(pack, pack.Rules.Single(r => r.Code == "POOL-FCL-LOW")),
                new WarningSubject(device, entity.Id, entity.AgencyId, entity.AgencyPath),
                new Episode(now.AddMinutes(-80), now.AddMinutes(-65), now.AddMinutes(-50), [new Sample(now.AddMinutes(-80), 0.15, true)], "游离性余氯 0.15 mg/L 低于下限"), now.AddMinutes(-65)));
            await db.SaveChangesAsync();
        }

        await app.WithPageAsync("device-chart", async page =>
        {
            var errors = CollectErrors(page);
            await app.LoginAsync(page, "lx.officer1");
            await page.GotoAsync($"{app.BaseUrl}/devices/{device}");
            await BrowserApp.SettledAsync(page);
            Assert.Empty(errors);
            await Expect(page.Locator("#series[data-chart-ready=true]")).ToHaveCountAsync(1);
            var chlorine = page.Locator(".chart[data-metric=free_chlorine]");
            await Expect(chlorine.Locator("canvas")).Not.ToHaveCountAsync(0);
            // The ECharts instance holds the readings (usable line, grey unusable points), the 0.3 limit and the episode.
            var drawn = await page.EvaluateAsync<int[]>("""
                () => {
                  const chart = echarts.getInstanceByDom(document.querySelector('.chart[data-metric=free_chlorine]'));
                  const option = chart.getOption();
                  return [option.series[0].data.length, option.series[1].data.length,
                          option.series[0].markLine.data.filter(l => l.yAxis === 0.3).length, option.series[0].markArea.data.filter(a => a[0].xAxis !== undefined).length];
                }
                """);
            Assert.Equal([110, 10, 1, 1], drawn);
            // pH has no readings in the range: it says so instead of drawing an empty chart.
            await Expect(page.Locator(".chart[data-metric=ph]")).ToContainTextAsync("该时段没有读数");

            await page.GetByRole(AriaRole.Link, new() { Name = "最近 7 天" }).ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("range=7d", StringComparison.Ordinal));
            await Expect(page.Locator("#series[data-chart-ready=true]")).ToHaveCountAsync(1);
            await Expect(page.Locator(".chart[data-metric=free_chlorine] canvas")).Not.ToHaveCountAsync(0);
            Assert.Empty(errors);
        });
    }

    [Fact]
    public async Task TheAnalysisPageRendersChartsAndTables()
    {
        var pack = RulePacks.Find("gb37488-2019/pool-water")!;
        await using (var db = app.Db())
        {
            var entity = await db.Entities.SingleAsync(e => e.Name == "济南奥体游泳健身有限公司");
            var at = DateTimeOffset.UtcNow.AddHours(-3);
            db.Warnings.Add(new Warning(Guid.CreateVersion7(), new RaisedBy(pack, pack.Rules.Single(r => r.Code == "POOL-PH")),
                new WarningSubject(null, entity.Id, entity.AgencyId, entity.AgencyPath),
                new Episode(at.AddMinutes(-15), at, null, [new Sample(at, 8.4, true)], "pH 8.4 高于上限 7.8"), at));
            await db.SaveChangesAsync();
        }

        await app.WithPageAsync("analysis", async page =>
        {
            var errors = CollectErrors(page);
            await app.LoginAsync(page, "jn.head");
            await BrowserApp.FollowAsync(page, "预警", "/warnings");
            await BrowserApp.FollowAsync(page, "大数据预警分析", "/warnings/analysis");
            await Expect(page.Locator("h1")).ToHaveTextAsync("大数据预警分析");
            var charts = page.Locator("[data-chart]");
            await Expect(page.Locator("[data-chart]:not([data-chart-ready=true])")).ToHaveCountAsync(0);
            Assert.True(await charts.CountAsync() >= 6);
            await Expect(page.Locator("#chart-category canvas")).Not.ToHaveCountAsync(0);
            await Expect(page.Locator("#chart-region canvas")).Not.ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "预警按规则统计" })).ToContainTextAsync("pH 超出限值");
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "预警按地区统计" })).ToContainTextAsync("济南市历下区卫生健康局");
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "签收时效" })).ToContainTextAsync("一般");
            var export = page.GetByRole(AriaRole.Link, new() { Name = "导出逐条签收记录（CSV）" });
            await Expect(export).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("table=responses"));
            var csv = await page.APIRequest.GetAsync(app.BaseUrl + await export.GetAttributeAsync("href")); // with the page's sign-in cookie
            Assert.Equal(200, csv.Status);
            Assert.Contains("text/csv", csv.Headers["content-type"]);
            Assert.Contains("签收", await csv.TextAsync());
            Assert.Empty(errors);
        });
    }
}
