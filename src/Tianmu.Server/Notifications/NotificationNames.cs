using Tianmu.Notifications;

namespace Tianmu.Server.Notifications;

/// <summary>Channels and kinds of the outbox as staff read them.</summary>
public static class NotificationNames
{
    public static string Of(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Portal => "门户消息",
        NotificationChannel.Sms => "短信",
        _ => "电子邮件",
    };

    public static string Of(NotificationKind kind) => kind switch
    {
        NotificationKind.WarningRaised => "预警告知",
        NotificationKind.RectificationOrdered => "告知提醒及责令整改",
        NotificationKind.CaseDeadlineReminder => "案件期限提醒",
        NotificationKind.CaseDeadlineEscalated => "案件逾期督办",
        NotificationKind.DocumentServed => "文书送达",
        NotificationKind.PaymentNotice => "缴款通知",
        NotificationKind.PaymentReceived => "缴款到账",
        NotificationKind.DecisionPublished => "处罚决定公开",
        NotificationKind.CreditRepairDecided => "信用修复审核结果",
        _ => kind.ToString(),
    };
}
