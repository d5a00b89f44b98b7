using Tianmu.Common;

namespace Tianmu.Cases.Procedure;

/// <summary>Guards of the remedy steps: one review or suit pending at a time, dated within the case's life (art. 73).</summary>
public static partial class ProcedureRules
{
    private static Result<CaseStage> RecordRemedy(CaseFacts f, DateOnly today, bool preview)
    {
        if (f.RemedyOpenSince is { } open)
        {
            return Error.Conflict("case.remedy_open", $"{open:yyyy-MM-dd} 起的行政复议或行政诉讼尚未记录结果，请先记录复议决定或判决。");
        }

        if (preview || f.RequestedRemedyOn is not { } on)
        {
            return f.Stage;
        }

        return on > today ? RemedyDate("申请行政复议或提起行政诉讼的日期不能晚于今天。")
            : f.DecidedOn is { } decided && on < decided ? RemedyDate($"申请行政复议或提起行政诉讼的日期不能早于处罚决定日期 {decided:yyyy-MM-dd}。")
            : f.LastRemedyEndedOn is { } ended && on < ended ? RemedyDate($"不能早于上一次行政复议或行政诉讼结束的日期 {ended:yyyy-MM-dd}。")
            : f.Stage;
    }

    private static Result<CaseStage> EndRemedy(CaseFacts f, DateOnly today, bool preview)
    {
        if (f.RemedyOpenSince is not { } since)
        {
            return Error.Conflict("case.remedy_not_open", "没有尚未终结的行政复议或行政诉讼。");
        }

        if (preview || f.RequestedRemedyOn is not { } on)
        {
            return f.Stage;
        }

        return on > today ? RemedyDate("复议决定或判决的日期不能晚于今天。")
            : on < since ? Error.Unprocessable("case.remedy_end_before_start", $"复议决定或判决的日期不能早于申请（起诉）日期 {since:yyyy-MM-dd}。")
            : f.Stage;
    }

    private static Error RemedyDate(string detail) => Error.Unprocessable("case.remedy_date", detail);
}
