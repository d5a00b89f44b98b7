using System.Globalization;
using Tianmu.Common;
using Tianmu.Credit;
using Tianmu.Notifications;
using Tianmu.Server.Notifications;

namespace Tianmu.Server.Credit;

/// <summary>What the entity is told of a decision on its credit repair application: the portal message and the SMS.</summary>
public static class CreditRepairTexts
{
    public const string PortalLink = "/portal/credit";

    /// <summary>One decision per application: the notification's source, unique per channel.</summary>
    public static string Source(Guid repairId) => $"credit_repair:{repairId}:decided";

    public static NotificationContent Decided(CreditRepair r, string entity, string agency) => new(
        Source(r.Id),
        $"信用修复审核结果：{Outcome(r)}",
        $"{entity}：贵单位于{r.AppliedAt.ToChina():yyyy年M月d日}就信用评价中的一项{CreditGradeReader.KindName(r.FactKind)}提出的信用修复申请，"
            + $"{agency}已于{Day(r)}审核，{Outcome(r)}。理由：{r.DecisionReason}"
            + (r.Status == CreditRepairStatus.Approved
                ? $"自{Day(r)}起该事实不再计入贵单位的信用评价，此前日期的评价不变。"
                : "该事实继续计入信用评价；整改后可以再次申请信用修复。"),
        PortalLink);

    public static SmsText DecidedSms(CreditRepair r, string entity, string agency) =>
        SmsTemplates.Compose(NotificationKind.CreditRepairDecided, agency, ("entity", entity), ("outcome", Outcome(r)));

    private static string Outcome(CreditRepair r) => r.Status == CreditRepairStatus.Approved ? "同意修复" : "不予修复";

    private static string Day(CreditRepair r) => r.DecidedOn?.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) ?? "";
}
