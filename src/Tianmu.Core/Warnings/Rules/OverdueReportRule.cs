using Tianmu.Common;

namespace Tianmu.Warnings.Rules;

/// <summary>One self-report period whose deadline passed without a report (S13/Z15), as the overdue rule sees it.</summary>
public sealed record OverduePeriod(Guid FormId, string FormName, DateOnly PeriodStart, DateTimeOffset DueAt, DateTimeOffset DetectedAt, DateTimeOffset? ReportedAt);

/// <summary>
/// 逾期未报 — each overdue period is an episode from its deadline, raised when the overdue check found
/// it and ended when the late report arrived. Consecutive overdue periods are one matter: while the
/// warning is open, each new one extends it.
/// </summary>
internal static class OverdueReportRule
{
    public static List<Episode> Evaluate(IEnumerable<OverduePeriod> periods) =>
        [.. periods.OrderBy(p => p.DueAt).Select(p => new Episode(
            p.DueAt, p.DetectedAt, p.ReportedAt, [new Sample(p.DueAt, 1, true, $"overdue_report:{p.FormId}:{p.PeriodStart:yyyy-MM-dd}")],
            $"《{p.FormName}》{p.PeriodStart:yyyy-MM-dd} 期逾期未报（报送期限 {ChinaTime.Format(p.DueAt)}）"))];
}
