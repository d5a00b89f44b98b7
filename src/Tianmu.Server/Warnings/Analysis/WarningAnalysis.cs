using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Warnings.Analysis;

/// <summary>
/// 大数据预警分析 — the warnings raised in a period in the caller's jurisdiction: by category, rule and
/// region per day (per week beyond 62 days), entities with repeated episodes of one rule, regions whose
/// devices slide toward their limits, and how promptly warnings were signed for against their limits.
/// The warnings of the period are read once, as a narrow projection, and counted in memory.
/// </summary>
public sealed class WarningAnalysis(TianmuDb db, TrendingRegions trending, TimeProvider clock)
{
    /// <summary>The longest period analysed at once.</summary>
    public const int MaxDays = 366;

    /// <summary>Beyond this many days the periods are weeks.</summary>
    public const int DailyUpTo = 62;

    /// <summary>Rules shown by name in the rule breakdown; the rest are summed as 其他.</summary>
    private const int TopRules = 8;

    public async Task<Result<WarningAnalysisView>> AnalyseAsync(CurrentUser caller, DateOnly? from, DateOnly? to, int? trendHours, CancellationToken ct)
    {
        var today = clock.Today();
        var last = to ?? today;
        var first = from ?? last.AddDays(-29);
        var errors = new FieldErrors();
        if (first > last || last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            errors.Add("from", $"统计期间须为正且不超过 {MaxDays} 天。");
        }

        if (trendHours is < 1 or > TrendingRegions.MaxHours)
        {
            errors.Add("trendHours", $"趋势分析时长须为 1 至 {TrendingRegions.MaxHours} 小时。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        // China-time days as UTC instants (PostgreSQL takes instants only in UTC).
        var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        var end = new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        var rows = await Scoped(caller).AsNoTracking()
            .Where(w => w.CreatedAt >= start && w.CreatedAt < end)
            .Select(w => new Row(w.Id, w.RuleCode, w.RuleName, w.Category, w.Severity, w.AgencyPath, w.EntityId, w.DeviceId, w.CreatedAt, w.RespondBy, w.Status, w.IsOpen, w.SignedForAt))
            .ToListAsync(ct);
        var regions = await Regions.ForAsync(db, caller.Jurisdiction, ct);
        var names = await EntityNamesAsync(rows.Select(r => r.EntityId), ct);

        var weekly = last.DayNumber - first.DayNumber + 1 > DailyUpTo;
        var periodStarts = Periods(first, last, weekly).ToList();
        int PeriodOf(Row r)
        {
            var day = ChinaTime.DateOf(r.CreatedAt);
            return weekly ? (day.DayNumber - periodStarts[0].DayNumber) / 7 : day.DayNumber - first.DayNumber;
        }

        var byCategory = Stack(rows, r => Categories.Name(r.Category), PeriodOf, periodStarts.Count, Enum.GetValues<WarningCategory>().Select(Categories.Name));
        var topRules = rows.GroupBy(r => r.RuleName).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(TopRules).Select(g => g.Key).ToHashSet();
        var byRule = Stack(rows, r => topRules.Contains(r.RuleName) ? r.RuleName : "其他", PeriodOf, periodStarts.Count, null);
        var byRegion = Stack(rows, r => regions.Of(r.AgencyPath).Name, PeriodOf, periodStarts.Count, null);

        var repeated = rows.GroupBy(r => (r.EntityId, r.RuleCode)).Where(g => g.Count() >= 2)
            .Select(g => new RepeatedEpisodes(g.Key.EntityId, names.GetValueOrDefault(g.Key.EntityId, "（未知）"), regions.Of(g.First().AgencyPath).Name, g.Key.RuleCode,
                g.First().RuleName, g.Count(), g.Select(r => r.DeviceId).Distinct().Count(), g.Min(r => r.CreatedAt), g.Max(r => r.CreatedAt)))
            .OrderByDescending(r => r.Warnings).ThenByDescending(r => r.Last).Take(100).ToList();

        var hours = trendHours ?? TrendingRegions.DefaultHours;
        var (trendingRegions, slidingDevices) = await trending.FindAsync(caller, regions, hours, ct);

        var now = clock.GetUtcNow();
        var details = rows.OrderBy(r => r.CreatedAt).Select(r =>
        {
            var at = r.SignedForAt;
            var outcome = at is { } s ? (s <= r.RespondBy ? "按时签收" : "超时签收") : r.Status != WarningStatus.New ? "签收时间未记录" : now > r.RespondBy ? "超时未签收" : "待签收";
            return new WarningResponse(r.Id, r.RuleName, r.Severity.ToString(), names.GetValueOrDefault(r.EntityId, "（未知）"), regions.Of(r.AgencyPath).Name, r.CreatedAt, r.RespondBy, at, outcome);
        }).ToList();
        var responses = Enum.GetValues<Severity>().Reverse().Select(severity => Responses(severity, details.Where(d => d.Severity == severity.ToString()).ToList())).ToList();

        return new WarningAnalysisView(first, last, weekly ? "week" : "day",
            [.. periodStarts.Select(d => d.ToString(weekly ? "MM-dd 起" : "MM-dd", CultureInfo.InvariantCulture))],
            rows.Count, rows.Count(r => r.IsOpen), byCategory, byRule, byRegion, repeated, hours, trendingRegions, slidingDevices, responses, details,
            "签收时间为执法人员签收预警的时间；响应时限按预警等级计算。");
    }

    private static ResponseRow Responses(Severity severity, List<WarningResponse> warnings)
    {
        var within = warnings.Count(w => w.Outcome == "按时签收");
        var late = warnings.Count(w => w.Outcome is "超时签收" or "超时未签收");
        var minutes = warnings.Where(w => w.SignedForAt is not null).Select(w => (w.SignedForAt!.Value - w.CreatedAt).TotalMinutes).Order().ToList();
        double? median = minutes.Count == 0 ? null : minutes.Count % 2 == 1 ? minutes[minutes.Count / 2] : (minutes[(minutes.Count / 2) - 1] + minutes[minutes.Count / 2]) / 2;
        return new ResponseRow(severity.ToString(), Severities.Name(severity), ResponseLimits.SignForWithin(severity).TotalHours, warnings.Count, within, late,
            warnings.Count(w => w.Outcome == "待签收"), within + late == 0 ? null : Math.Round((double)within / (within + late), 4), median is null ? null : Math.Round(median.Value, 1));
    }

    private static IEnumerable<DateOnly> Periods(DateOnly first, DateOnly last, bool weekly)
    {
        // Weeks start on Monday (as Chinese calendars do).
        var day = weekly ? first.AddDays(-(((int)first.DayOfWeek + 6) % 7)) : first;
        for (; day <= last; day = day.AddDays(weekly ? 7 : 1))
        {
            yield return day;
        }
    }

    private static Breakdown Stack(List<Row> rows, Func<Row, string> key, Func<Row, int> period, int periods, IEnumerable<string>? order)
    {
        var groups = rows.GroupBy(key).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var names = order?.Where(groups.ContainsKey).ToList()
            ?? [.. groups.OrderByDescending(g => g.Value.Count).ThenBy(g => g.Key, StringComparer.Ordinal).Where(g => g.Key != "其他").Select(g => g.Key).Concat(groups.ContainsKey("其他") ? ["其他"] : [])];
        return new Breakdown([.. names.Select(name =>
        {
            var counts = new int[periods];
            foreach (var r in groups[name])
            {
                counts[period(r)]++;
            }

            return new StackSeries(name, counts, groups[name].Count);
        })]);
    }

    private IQueryable<Warning> Scoped(CurrentUser caller)
    {
        var j = caller.Jurisdiction;
        return j.Everything ? db.Warnings : j.AgencyPath is { } path ? db.Warnings.Where(w => w.AgencyPath.StartsWith(path)) : db.Warnings.Where(_ => false);
    }

    private async Task<Dictionary<Guid, string>> EntityNamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        var names = new Dictionary<Guid, string>();
        foreach (var chunk in list.Chunk(500))
        {
            foreach (var e in await db.Entities.AsNoTracking().Where(e => chunk.Contains(e.Id)).Select(e => new { e.Id, e.Name }).ToListAsync(ct))
            {
                names[e.Id] = e.Name;
            }
        }

        return names;
    }

    private sealed record Row(
        Guid Id, string RuleCode, string RuleName, WarningCategory Category, Severity Severity, string AgencyPath, Guid EntityId, Guid? DeviceId,
        DateTimeOffset CreatedAt, DateTimeOffset RespondBy, WarningStatus Status, bool IsOpen, DateTimeOffset? SignedForAt);
}

/// <summary>Chinese names of warning categories and severities, as the warnings page shows them.</summary>
public static class Categories
{
    public static string Name(WarningCategory category) => category switch
    {
        WarningCategory.Violation => "违法预警",
        WarningCategory.Trend => "苗头性/趋势性预警",
        WarningCategory.Device => "设备预警",
        _ => "自律预警",
    };
}

public static class Severities
{
    public static string Name(Severity severity) => severity switch
    {
        Severity.High => "严重",
        Severity.Medium => "一般",
        _ => "提示",
    };
}
