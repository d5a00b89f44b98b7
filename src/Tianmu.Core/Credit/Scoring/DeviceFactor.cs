using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Credit.Scoring;

/// <summary>
/// S10, Z4 — 非现场监管设备: devices installed and actually reporting. A device's uptime is the share of its
/// time in use over the window not covered by offline (数据缺失) warnings; false alarms do not count as offline.
/// </summary>
public static class DeviceFactor
{
    public const string Name = "非现场监管设备（安装与在线率）";

    public static CreditContribution Score(CreditHistory history, PointInTime t, DeviceParameters p)
    {
        var facts = new List<CreditFact>();
        var reporting = false;
        foreach (var device in history.Devices)
        {
            if (Uptime(device, history.Warnings, t, p.WindowDays) is not { } uptime)
            {
                continue;
            }

            var shortfall = Math.Max(0, p.TargetUptime - uptime) / p.TargetUptime;
            reporting |= shortfall == 0 && InUseOn(device, t);
            facts.Add(Facts.Of(CreditFactKinds.Device, device.Id, Facts.DayOf(device.ActivatedAt),
                $"{device.Label}：近 {p.WindowDays} 日在线率 {uptime:P1}（目标 {p.TargetUptime:P0}）", -p.LowUptimePoints * shortfall));
        }

        if (reporting)
        {
            facts.Add(Facts.Of(CreditFactKinds.Device, null, t.AsOf, "已安装非现场监管设备并正常报送数据（鲁第十条、浙第四条）", p.ReportingBonus));
        }

        return Facts.Contribution(ScoringModel.DevicesFactor, Name, facts);
    }

    public static bool InUseOn(DeviceFact device, PointInTime t) => t.Known(device.ActivatedAt) && (device.RetiredAt is null || !t.Known(device.RetiredAt.Value));

    /// <summary>The device's uptime over the last <paramref name="windowDays"/> to the day; null when it was not in use then.</summary>
    public static double? Uptime(DeviceFact device, IReadOnlyList<WarningFact> warnings, PointInTime t, int windowDays)
    {
        var from = Max(t.End.AddDays(-windowDays), device.ActivatedAt);
        var to = device.RetiredAt is { } retired && retired < t.End ? retired : t.End;
        if (to <= from)
        {
            return null;
        }

        var offline = new List<(DateTimeOffset From, DateTimeOffset To)>();
        foreach (var w in warnings)
        {
            if (w.DeviceId == device.Id && w.Kind == RuleKind.MissingData && t.Known(w.RaisedAt) && Facts.StatusOn(w, t) != WarningStatus.FalseAlarm)
            {
                var end = w.EpisodeEnd is { } e && e < to ? e : to;
                var start = Max(w.EpisodeStart, from);
                if (end > start)
                {
                    offline.Add((start, end));
                }
            }
        }

        return 1 - (Covered(offline) / (to - from));
    }

    /// <summary>The total length of possibly overlapping intervals.</summary>
    private static TimeSpan Covered(List<(DateTimeOffset From, DateTimeOffset To)> intervals)
    {
        intervals.Sort((a, b) => a.From.CompareTo(b.From));
        var total = TimeSpan.Zero;
        DateTimeOffset? reach = null;
        foreach (var (from, to) in intervals)
        {
            var start = reach is { } r && r > from ? r : from;
            if (to > start)
            {
                total += to - start;
                reach = to;
            }
        }

        return total;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
