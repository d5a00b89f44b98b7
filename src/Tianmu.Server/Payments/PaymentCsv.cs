using System.Globalization;
using Tianmu.Common;

namespace Tianmu.Server.Payments;

/// <summary>The reconciliation report as CSV with Chinese headers: one row per payment, then the amounts still owed.</summary>
public static class PaymentCsv
{
    public static string Report(ReconciliationView r) => Csv.Write(
    [
        ["类型", "缴款日期", "到账时间", "机构", "当事人", "案由", "缴款码", "交易号", "缴款金额（元）", "计入案件（元）", "待对账（元）", "缴款方式", "对账标记", "说明", "对账处理"],
        .. r.Items.Select(i => new[]
        {
            "缴款", Day(i.PaidOn), ChinaTime.Format(i.ReceivedAt), i.AgencyName, i.EntityName ?? "", i.CaseTitle ?? "", i.Code, i.TransactionId,
            Money(i.Amount), Money(i.Applied), Money(i.Unapplied), i.Channel ?? "", i.FlagName ?? "", i.FlagReason ?? "", Resolution(i.Resolution),
        }),
        .. r.OutstandingItems.Select(o => new[]
        {
            "尚欠", o.DueOn is { } due ? Day(due) : "", "", o.AgencyName, o.EntityName, o.CaseTitle, o.Code, "", "", "", Money(o.AmountDueToday), "",
            o.DaysLate > 0 ? "逾期" : "", o.DaysLate > 0 ? $"逾期 {o.DaysLate} 天，含加处罚款（截至 {Day(r.Today)}）" : $"截至 {Day(r.Today)}", "",
        }),
    ]);

    /// <summary>"退付 凭证 X（2026-11-20）· 张三" — how and by whom a flagged payment was settled; empty while it is not.</summary>
    public static string Resolution(PaymentResolutionView? r) => r is null ? "" : r.Kind switch
    {
        "Refunded" => $"退付 凭证 {r.RefundReference}（{r.RefundedOn:yyyy-MM-dd}）",
        "AppliedManually" => $"已人工计入案件 {r.CaseId}",
        _ => "其他",
    } + (r.Note is { } note ? $"：{note}" : "") + $" · {r.ResolvedBy}";

    public static string FileName(ReconciliationView r) => $"缴款对账-{r.From:yyyyMMdd}-{r.To:yyyyMMdd}.csv";

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Money(decimal m) => m.ToString("0.00", CultureInfo.InvariantCulture);
}
