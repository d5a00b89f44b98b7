using System.Globalization;
using Tianmu.Common;
using Tianmu.Notifications;
using Tianmu.Warnings;

namespace Tianmu.Server.Notifications;

/// <summary>
/// What the entity is told, in Chinese. Art. 41 and S15/Z16: the party is told promptly what was
/// found, on what basis, and how to query, state and defend online. The SMS is short and carries no
/// link (the portal address differs by deployment); the portal message says it all and links to the warning.
/// </summary>
public static class NotificationTexts
{
    public static string Source(Warning w, NotificationKind kind) => kind switch
    {
        NotificationKind.WarningRaised => $"warning:{w.Id}:raised",
        _ => $"warning:{w.Id}:rectification",
    };

    public static string Link(Warning w) => $"/portal/warnings/{w.Id}";

    public static NotificationContent WarningRaisedPortal(Warning w, string entity, string agency) => new(
        Source(w, NotificationKind.WarningRaised),
        $"预警告知：{w.RuleName}",
        $"{entity}：{agency}通过非现场监测发现，贵单位自{ChinaTime.Format(w.EpisodeStart)}起存在“{w.RuleName}”情形（{w.Summary}），依据：{w.Clause}。"
            + "请登录天目门户查看监测数据和证据，并在线确认、作出说明或提出异议；贵单位依法享有陈述、申辩的权利。",
        Link(w));

    public static SmsText WarningRaisedSms(Warning w, string entity, string agency) => SmsTemplates.Compose(
        NotificationKind.WarningRaised, agency, ("entity", entity), ("since", ChinaTime.Format(w.EpisodeStart)), ("rule", w.RuleName), ("summary", w.Summary));

    public static NotificationContent RectificationPortal(Warning w, string entity, string agency) => new(
        Source(w, NotificationKind.RectificationOrdered),
        $"告知提醒及责令整改：{w.RuleName}",
        $"{entity}：贵单位自{ChinaTime.Format(w.EpisodeStart)}起存在“{w.RuleName}”情形（{w.Summary}），不符合{w.Clause}的规定。"
            + $"{agency}现予以告知提醒，责令贵单位于{Deadline(w)}前整改完毕；本机构将根据后续监测数据核验整改情况。"
            + "违法行为轻微并及时改正、没有造成危害后果的，依法不予行政处罚；初次违法且危害后果轻微并及时改正的，可以不予行政处罚（《中华人民共和国行政处罚法》第三十三条）。"
            + (string.IsNullOrWhiteSpace(w.Note) ? "" : $"整改要求：{w.Note}"),
        Link(w));

    public static SmsText RectificationSms(Warning w, string entity, string agency) => SmsTemplates.Compose(
        NotificationKind.RectificationOrdered, agency, ("entity", entity), ("rule", w.RuleName), ("summary", w.Summary), ("deadline", Deadline(w)));

    private static string Deadline(Warning w) =>
        w.RectifyBy is { } by ? by.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) : "规定期限";
}
