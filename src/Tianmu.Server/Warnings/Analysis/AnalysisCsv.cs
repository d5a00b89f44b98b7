using System.Globalization;
using Tianmu.Common;

namespace Tianmu.Server.Warnings.Analysis;

/// <summary>The analysis as CSV tables with Chinese headers, one per part of the page.</summary>
public static class AnalysisCsv
{
    /// <summary>Table key → Chinese name (used in the file name).</summary>
    public static readonly IReadOnlyDictionary<string, string> Tables = new Dictionary<string, string>
    {
        ["periods"] = "按期间统计",
        ["repeated"] = "重复预警",
        ["trending"] = "趋向超限地区",
        ["sliding"] = "趋向超限设备",
        ["responses"] = "签收时效",
    };

    public static string Write(WarningAnalysisView a, string table) => Csv.Write(table switch
    {
        "periods" => Periods(a),
        "repeated" => [["监管对象", "地区", "规则编码", "规则", "预警次数", "涉及设备数", "首次预警", "最近预警"],
            .. a.Repeated.Select(r => new[] { r.EntityName, r.Region, r.RuleCode, r.RuleName, N(r.Warnings), N(r.Devices), T(r.First), T(r.Last) })],
        "trending" => [["地区", "行政区划代码", "监测参数代码", "监测参数", "有数据设备数", "趋向超限设备数"],
            .. a.Trending.Select(r => new[] { r.Region, r.DivisionCode, r.Metric, r.MetricName, N(r.Devices), N(r.Sliding) })],
        "sliding" => [["设备编号", "监管对象", "地区", "监测参数", "当前拟合值", "限值", "方向", "斜率（每小时）", "预计越限（小时）"],
            .. a.SlidingDevices.Select(s => new[] { s.DeviceId.ToString(), s.EntityName, s.Region, s.MetricName, D(s.Fitted), D(s.Limit), s.Side, D(s.SlopePerHour), D(s.HoursToLimit) })],
        _ => [["预警编号", "规则", "严重程度", "监管对象", "地区", "产生时间", "签收时限", "签收时间", "用时（分钟）", "结果"],
            .. a.ResponseDetails.Select(r => new[]
            {
                r.WarningId.ToString(), r.RuleName, Severities.Name(Enum.Parse<Tianmu.Warnings.Rules.Severity>(r.Severity)), r.EntityName, r.Region, T(r.CreatedAt), T(r.RespondBy),
                r.SignedForAt is { } s ? T(s) : "", r.SignedForAt is { } at ? D(Math.Round((at - r.CreatedAt).TotalMinutes, 1)) : "", r.Outcome,
            })],
    });

    /// <summary>Every breakdown in long form: one row per period, dimension and name.</summary>
    private static IEnumerable<string[]> Periods(WarningAnalysisView a)
    {
        yield return [a.Granularity == "week" ? "周起始日" : "日期", "维度", "名称", "预警数"];
        var starts = PeriodStarts(a).ToList();
        foreach (var (dimension, breakdown) in new[] { ("类别", a.ByCategory), ("规则", a.ByRule), ("地区", a.ByRegion) })
        {
            foreach (var s in breakdown.Series)
            {
                for (var i = 0; i < starts.Count; i++)
                {
                    if (s.Counts[i] > 0)
                    {
                        yield return [starts[i], dimension, s.Name, N(s.Counts[i])];
                    }
                }
            }
        }
    }

    private static IEnumerable<string> PeriodStarts(WarningAnalysisView a)
    {
        var step = a.Granularity == "week" ? 7 : 1;
        var day = a.Granularity == "week" ? a.From.AddDays(-(((int)a.From.DayOfWeek + 6) % 7)) : a.From;
        for (var i = 0; i < a.Periods.Count; i++, day = day.AddDays(step))
        {
            yield return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string D(double d) => d.ToString("0.####", CultureInfo.InvariantCulture);

    private static string T(DateTimeOffset t) => ChinaTime.Format(t);
}
