using System.Collections.Frozen;
using Tianmu.Notifications;

namespace Tianmu.Server.Notifications;

/// <summary>
/// Every text message Tianmu sends, as a template with ${name} variables. Chinese SMS platforms (阿里云、腾讯云 and the
/// operators' platforms) send only templates registered and approved in advance, and add the signature 【…】 themselves:
/// an operator registers these texts (docs/sms-templates.md lists them; a test keeps that list true) and maps each kind
/// to the platform's template code in Tianmu:Sms:Templates. The SMS is short and carries no link: the portal address
/// differs by deployment, and a link in an SMS from an agency invites phishing look-alikes.
/// </summary>
public static class SmsTemplates
{
    public static readonly FrozenDictionary<NotificationKind, string> All = new Dictionary<NotificationKind, string>
    {
        [NotificationKind.WarningRaised] = "${entity}：经非现场监测，贵单位自${since}起存在“${rule}”情形（${summary}）。请登录天目门户查看证据并确认或说明。",
        [NotificationKind.RectificationOrdered] = "${entity}：贵单位“${rule}”（${summary}）不符合规定，责令于${deadline}前整改完毕，逾期未改正的将依法处理。详情请登录天目门户查看。",
        [NotificationKind.DocumentServed] = "${entity}：本机关已向贵单位电子送达${document}，请登录天目门户“本单位文书”查阅。",
        [NotificationKind.PaymentNotice] = "${entity}：行政处罚决定已送达，应缴${amount}元，缴款码${code}，请于${due}前缴纳，逾期每日加处罚款数额的3%。详情请登录天目门户。",
        [NotificationKind.PaymentReceived] = "${entity}：已收到贵单位缴纳的${amount}元（缴款码${code}）。${outcome}详情请登录天目门户。",
        [NotificationKind.CreditRepairDecided] = "${entity}：贵单位的信用修复申请已审核，结果：${outcome}。理由及详情请登录天目门户“信用评价”查看。",
    }.ToFrozenDictionary();

    /// <summary>The message of <paramref name="kind"/> with these values; <paramref name="sign"/> is the agency, unless the SMS account has its own.</summary>
    public static SmsText Compose(NotificationKind kind, string sign, params IEnumerable<(string Name, string Value)> values) =>
        SmsText.Of(sign, All[kind], values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));
}
