using System.Globalization;
using Tianmu.Cases;
using Tianmu.Notifications;
using Tianmu.Payments;
using Tianmu.Server.Notifications;

namespace Tianmu.Server.Payments;

/// <summary>What the party is told about paying, in Chinese: the code, the amount, the last day and the surcharge rule (art. 72).</summary>
public static class PaymentTexts
{
    public const string PortalLink = "/portal/payments";

    public static string NoticeSource(Guid caseId) => $"payment-notice:{caseId}";

    public static string ReceivedSource(Guid paymentId) => $"payment:{paymentId}:received";

    public static NotificationContent Notice(Case c, PaymentNotice n, string entity, string agency, DateOnly? due) => new(
        NoticeSource(c.Id),
        $"缴款通知：{c.Title}",
        $"{entity}：{agency}对贵单位作出的行政处罚决定已送达，应缴{Amounts(n)}，合计 {n.Principal:0.00} 元。缴款码 {n.Code}，"
            + $"请于{Day(due)}前凭缴款码通过缴款平台缴纳（《中华人民共和国行政处罚法》第六十七条）。"
            + "到期不缴纳的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额（第七十二条）；确有经济困难的，可以申请暂缓或者分期缴纳（第六十六条）。",
        PortalLink);

    public static SmsText NoticeSms(PaymentNotice n, string entity, string agency, DateOnly? due) => SmsTemplates.Compose(
        NotificationKind.PaymentNotice, agency, ("entity", entity), ("amount", Yuan(n.Principal)), ("code", n.Code), ("due", Day(due)));

    public static NotificationContent Received(Case c, Payment p, string entity) => new(
        ReceivedSource(p.Id),
        $"缴款到账：{c.Title}",
        $"{entity}：已收到贵单位于{p.PaidAt.ToOffset(Tianmu.Common.ChinaTime.Offset):yyyy年M月d日 HH:mm}缴纳的 {p.Amount:0.00} 元（缴款码 {p.Code}，交易号 {p.TransactionId}）。"
            + (p.Flag is null
                ? p.OutstandingAfter == 0m ? "应缴款项已全部缴清。" : $"尚欠 {p.OutstandingAfter:0.00} 元（含加处罚款），请按期缴纳。"
                : $"{p.FlagReason}监督机构核对后将与贵单位联系。"),
        PortalLink);

    public static SmsText ReceivedSms(Payment p, string entity, string agency) => SmsTemplates.Compose(
        NotificationKind.PaymentReceived, agency, ("entity", entity), ("amount", Yuan(p.Amount)), ("code", p.Code), ("outcome", p.Flag is null
            ? p.OutstandingAfter == 0m ? "应缴款项已全部缴清。" : $"尚欠{Yuan(p.OutstandingAfter)}元（含加处罚款）。"
            : "款项未能计入案件，监督机构核对后将与贵单位联系。"));

    private static string Yuan(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Amounts(PaymentNotice n) =>
        n.Confiscation == 0m ? $"罚款 {n.Fine:0.00} 元" : n.Fine == 0m ? $"没收款 {n.Confiscation:0.00} 元" : $"罚款 {n.Fine:0.00} 元、没收款 {n.Confiscation:0.00} 元";

    private static string Day(DateOnly? due) => due is { } d ? d.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) : "收到决定书之日起十五日内";
}
