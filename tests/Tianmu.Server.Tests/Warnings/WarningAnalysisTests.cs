using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Common;
using Tianmu.Ingest;
using Tianmu.Server.Tests.Support;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Tests.Warnings;

/// <summary>
/// 大数据预警分析 on a hand-made set of warnings: seven warnings in 济南 (历下 and 市中) and one in 青岛, handled
/// through the real API so sign-for times come from where the analysis reads them (the audit trail).
/// </summary>
public sealed class WarningAnalysisTests(WarningAnalysisTests.Fixture fixture) : IClassFixture<WarningAnalysisTests.Fixture>
{
    private const string Quancheng = "济南泉城游泳馆有限公司";
    private const string Minghu = "济南明湖水上运动中心";
    private const string Baotu = "济南趵突泉宾馆";
    private const string Haiyun = "青岛崂山海韵游泳馆";

    private static readonly RulePack Pool = RulePacks.Find("gb37488-2019/pool-water")!;

    private TianmuApp App => fixture;

    /// <summary>The app with the hand-made warnings, built once for the class.</summary>
    public sealed class Fixture : TianmuApp
    {
        public Guid Sliding { get; private set; }

        public Guid Steady { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var now = DateTimeOffset.UtcNow;
            // Two pools' chlorine over the last 6 hours: one sliding linearly from 0.9 to 0.35 mg/L toward the 0.3 limit, one steady.
            // Stored first, well before the silence sweep's first run, so the new devices are never silent.
            (Sliding, _) = await TestDevices.ActiveAsync(this, Quancheng, "ANA-1");
            (Steady, _) = await TestDevices.ActiveAsync(this, Minghu, "ANA-2");
            var store = Services.GetRequiredService<ReadingStore>();
            await store.AppendAsync([.. Enumerable.Range(0, 72).Select(i => new Reading(Sliding, "free_chlorine", now.AddMinutes(-355 + (i * 5)), 0.9 - (0.55 * i / 71.0), "N", true, now))], default);
            await store.AppendAsync([.. Enumerable.Range(0, 72).Select(i => new Reading(Steady, "free_chlorine", now.AddMinutes(-355 + (i * 5)), 0.6 + (0.02 * Math.Sin(i)), "N", true, now))], default);

            // 泉城: the low-chlorine rule three times (two closed as false alarms, one signed for in time) and turbidity once.
            await RaiseAsync(Quancheng, "POOL-FCL-LOW", now.AddDays(-2), close: true);
            await RaiseAsync(Quancheng, "POOL-FCL-LOW", now.AddDays(-1), close: true);
            await RaiseAsync(Quancheng, "POOL-FCL-LOW", now.AddMinutes(-30), signFor: true);
            await RaiseAsync(Quancheng, "POOL-TURBIDITY", now.AddMinutes(-20));
            // 明湖: turbidity (8 h limit) signed for 10 hours after it was raised.
            await RaiseAsync(Minghu, "POOL-TURBIDITY", now.AddHours(-10), signFor: true);
            // 趵突泉 (市中): a device warning (8 h) left unsigned for 9 hours.
            await RaiseAsync(Baotu, "POOL-SILENT", now.AddHours(-9));
            // 青岛: outside 济南's jurisdiction.
            await RaiseAsync(Haiyun, "POOL-FCL-LOW", now.AddHours(-3));

        }

        private async Task RaiseAsync(string entityName, string ruleCode, DateTimeOffset createdAt, bool signFor = false, bool close = false)
        {
            var id = Guid.CreateVersion7();
            await using (var db = Db())
            {
                var entity = db.Entities.Single(e => e.Name == entityName);
                var rule = Pool.Rules.Single(r => r.Code == ruleCode);
                db.Warnings.Add(new Warning(id, new RaisedBy(Pool, rule), new WarningSubject(null, entity.Id, entity.AgencyId, entity.AgencyPath),
                    new Episode(createdAt.AddMinutes(-15), createdAt, createdAt.AddMinutes(5), [new Sample(createdAt, 0.1, true)], rule.Name), createdAt));
                await db.SaveChangesAsync();
            }

            if (!signFor && !close)
            {
                return;
            }

            var officer = await ClientForAsync(entityName.StartsWith("青岛", StringComparison.Ordinal) ? "ls.officer1" : "jn.officer1");
            foreach (var action in close ? new[] { "SignFor", "StartChecking", "DismissAsFalseAlarm" } : ["SignFor"])
            {
                var response = await officer.PostAsJsonAsync($"/api/v1/warnings/{id}/actions", new { action, note = "测试" });
                response.EnsureSuccessStatusCode();
            }
        }
    }

    private static int Total(JsonElement breakdown, string name) =>
        breakdown.GetProperty("series").EnumerateArray().Where(s => s.GetProperty("name").GetString() == name).Select(s => s.GetProperty("total").GetInt32()).SingleOrDefault();

    [Fact]
    public async Task CountsTheJurisdictionsWarningsByCategoryRuleAndRegion()
    {
        var a = await (await App.ClientForAsync("jn.head")).GetFromJsonAsync<JsonElement>("/api/v1/warnings/analysis");
        Assert.Equal(6, a.GetProperty("total").GetInt32());
        Assert.Equal(4, a.GetProperty("open").GetInt32());
        Assert.Equal("day", a.GetProperty("granularity").GetString());
        Assert.Equal(30, a.GetProperty("periods").GetArrayLength());

        Assert.Equal(5, Total(a.GetProperty("byCategory"), "违法预警"));
        Assert.Equal(1, Total(a.GetProperty("byCategory"), "设备预警"));
        Assert.Equal(3, Total(a.GetProperty("byRule"), "游离性余氯低于下限"));
        Assert.Equal(2, Total(a.GetProperty("byRule"), "浑浊度超过限值"));
        // A city head sees its counties.
        Assert.Equal(5, Total(a.GetProperty("byRegion"), "济南市历下区卫生健康局"));
        Assert.Equal(1, Total(a.GetProperty("byRegion"), "济南市市中区卫生健康局"));
        Assert.Equal(2, a.GetProperty("byRegion").GetProperty("series").GetArrayLength());

        // Each series' periods add up to its total; the warning of two days ago is on its China-time day.
        foreach (var s in a.GetProperty("byCategory").GetProperty("series").EnumerateArray())
        {
            Assert.Equal(s.GetProperty("total").GetInt32(), s.GetProperty("counts").EnumerateArray().Sum(c => c.GetInt32()));
        }

        var twoDaysAgo = ChinaTime.DateOf(DateTimeOffset.UtcNow.AddDays(-2)).ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var index = a.GetProperty("periods").EnumerateArray().Select(p => p.GetString()).ToList().IndexOf(twoDaysAgo);
        var rule = a.GetProperty("byRule").GetProperty("series").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "游离性余氯低于下限");
        Assert.Equal(1, rule.GetProperty("counts")[index].GetInt32());

        var repeated = Assert.Single(a.GetProperty("repeated").EnumerateArray());
        Assert.Equal(Quancheng, repeated.GetProperty("entityName").GetString());
        Assert.Equal("POOL-FCL-LOW", repeated.GetProperty("ruleCode").GetString());
        Assert.Equal(3, repeated.GetProperty("warnings").GetInt32());
        Assert.Equal("济南市历下区卫生健康局", repeated.GetProperty("region").GetString());

        // 青岛 sees its own warning only.
        var qingdao = await (await App.ClientForAsync("ls.officer1")).GetFromJsonAsync<JsonElement>("/api/v1/warnings/analysis");
        Assert.Equal(1, qingdao.GetProperty("total").GetInt32());
        Assert.Empty(qingdao.GetProperty("repeated").EnumerateArray());
    }

    [Fact]
    public async Task ResponseTimesAreMeasuredAgainstTheirLimitsFromTheAuditTrail()
    {
        var a = await (await App.ClientForAsync("jn.head")).GetFromJsonAsync<JsonElement>("/api/v1/warnings/analysis");
        var rows = a.GetProperty("responses").EnumerateArray().ToDictionary(r => r.GetProperty("severity").GetString()!);
        // High (2 h): three low-chlorine warnings, two signed for days late, one within 30 minutes.
        Assert.Equal(2, rows["High"].GetProperty("limitHours").GetDouble());
        Assert.Equal(3, rows["High"].GetProperty("warnings").GetInt32());
        Assert.Equal(1, rows["High"].GetProperty("withinLimit").GetInt32());
        Assert.Equal(2, rows["High"].GetProperty("late").GetInt32());
        Assert.Equal(1.0 / 3, rows["High"].GetProperty("shareWithinLimit").GetDouble(), 3);
        // Medium (8 h): 泉城's fresh turbidity warning pending, 明湖's signed after 10 h, 趵突泉's unsigned after 9 h.
        Assert.Equal(3, rows["Medium"].GetProperty("warnings").GetInt32());
        Assert.Equal(0, rows["Medium"].GetProperty("withinLimit").GetInt32());
        Assert.Equal(2, rows["Medium"].GetProperty("late").GetInt32());
        Assert.Equal(1, rows["Medium"].GetProperty("pending").GetInt32());
        Assert.InRange(rows["Medium"].GetProperty("medianMinutes").GetDouble(), 599, 610);

        var details = a.GetProperty("responseDetails").EnumerateArray().ToList();
        Assert.Equal(6, details.Count);
        var minghu = details.Single(d => d.GetProperty("entityName").GetString() == Minghu);
        Assert.Equal("超时签收", minghu.GetProperty("outcome").GetString());
        Assert.Equal("超时未签收", details.Single(d => d.GetProperty("entityName").GetString() == Baotu).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task FindsTheDeviceSlidingTowardItsLimitAndCountsItsRegion()
    {
        var a = await (await App.ClientForAsync("jn.head")).GetFromJsonAsync<JsonElement>("/api/v1/warnings/analysis?trendHours=6");
        var sliding = Assert.Single(a.GetProperty("slidingDevices").EnumerateArray());
        Assert.Equal(fixture.Sliding, sliding.GetProperty("deviceId").GetGuid());
        Assert.Equal(0.3, sliding.GetProperty("limit").GetDouble());
        Assert.Equal("下限", sliding.GetProperty("side").GetString());
        Assert.InRange(sliding.GetProperty("slopePerHour").GetDouble(), -0.1, -0.08);
        Assert.InRange(sliding.GetProperty("hoursToLimit").GetDouble(), 0.1, 1.5);

        var region = a.GetProperty("trending").EnumerateArray()
            .Single(t => t.GetProperty("region").GetString() == "济南市历下区卫生健康局" && t.GetProperty("metric").GetString() == "free_chlorine");
        Assert.Equal(2, region.GetProperty("devices").GetInt32());
        Assert.Equal(1, region.GetProperty("sliding").GetInt32());

        // 青岛 sees neither device.
        var qingdao = await (await App.ClientForAsync("ls.officer1")).GetFromJsonAsync<JsonElement>("/api/v1/warnings/analysis");
        Assert.Empty(qingdao.GetProperty("slidingDevices").EnumerateArray());
        Assert.DoesNotContain(qingdao.GetProperty("trending").EnumerateArray(), t => t.GetProperty("devices").GetInt32() > 0);
    }

    [Fact]
    public async Task ExportsAreWellFormedCsvWithChineseHeaders()
    {
        var head = await App.ClientForAsync("jn.head");
        var response = await head.GetAsync("/api/v1/warnings/analysis/export?table=repeated");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("重复预警", response.Content.Headers.ContentDisposition!.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var rows = Csv.Parse(Encoding.UTF8.GetString(bytes));
        Assert.Equal(["监管对象", "地区", "规则编码", "规则", "预警次数", "涉及设备数", "首次预警", "最近预警"], rows[0]);
        var row = Assert.Single(rows.Skip(1));
        Assert.Equal([Quancheng, "济南市历下区卫生健康局", "POOL-FCL-LOW", "游离性余氯低于下限", "3", "1"], row[..6]);

        foreach (var (table, header, count) in new[] { ("responses", "预警编号", 6), ("periods", "日期", -1), ("trending", "地区", -1), ("sliding", "设备编号", 1) })
        {
            var csv = Csv.Parse(Encoding.UTF8.GetString(await head.GetByteArrayAsync($"/api/v1/warnings/analysis/export?table={table}")));
            Assert.Equal(header, csv[0][0]);
            Assert.All(csv, r => Assert.Equal(csv[0].Length, r.Length));
            if (count >= 0)
            {
                Assert.Equal(count, csv.Count - 1);
            }
        }

        // Every warning counted by category appears once per period row of the periods table.
        var periods = Csv.Parse(Encoding.UTF8.GetString(await head.GetByteArrayAsync("/api/v1/warnings/analysis/export?table=periods")));
        Assert.Equal(6, periods.Skip(1).Where(r => r[1] == "类别").Sum(r => int.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture)));

        await Problem.ReadAsync(await head.GetAsync("/api/v1/warnings/analysis/export?table=nonsense"), HttpStatusCode.BadRequest);
        await Problem.ReadAsync(await head.GetAsync("/api/v1/warnings/analysis?from=2026-11-20&to=2026-11-01"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public void CsvFieldsAreQuotedAndFormulasDefused()
    {
        var text = Csv.Write([["名称", "备注"], ["甲,乙", "他说\"好\""], ["=SUM(A1)", "-0.5"]]);
        Assert.Equal("名称,备注\r\n\"甲,乙\",\"他说\"\"好\"\"\"\r\n'=SUM(A1),-0.5\r\n", text);
        Assert.Equal([["名称", "备注"], ["甲,乙", "他说\"好\""], ["'=SUM(A1)", "-0.5"]], Csv.Parse(text));
    }
}
