using System.Globalization;
using Tianmu.Common;
using Tianmu.Notifications;
using Tianmu.Server.Notifications;
using Tianmu.Service;

namespace Tianmu.Server.Service;

/// <summary>Settings of service: how often pending services are completed, and where the agency's public page is (Z20: the party is told the site's name and address).</summary>
public sealed class ServiceOptions
{
    /// <summary>Seconds between rounds of the completion job; 0 turns it off on this node.</summary>
    public int CompletionSeconds { get; set; } = 30;

    public string PublicSiteName { get; set; } = "天目卫生健康非现场执法信息公开";

    /// <summary>The deployment's public address (https://…), used in e-mails and publication notices; relative links when empty.</summary>
    public string? PublicBaseUrl { get; set; }

    public string Url(string path) => string.IsNullOrWhiteSpace(PublicBaseUrl) ? path : PublicBaseUrl.TrimEnd('/') + path;
}

/// <summary>What the party is told when a document is served on it or a decision is published, in Chinese.</summary>
public static class ServiceTexts
{
    public const string PlatformActor = "天目平台（自动送达）";

    /// <summary>The notification source of a service: one row per channel (Notifier's unique key).</summary>
    public static string Source(Guid serviceId) => $"service:{serviceId}";

    public static string DocumentLink(Guid documentId) => $"/portal/documents/{documentId}";

    public static string Named(string typeName, string? number) => number is null ? $"《{typeName}》" : $"《{typeName}》（{number}）";

    public static NotificationContent Served(Guid serviceId, Guid documentId, string typeName, string? number, string entity, string agency, ServiceOptions options) => new(
        Source(serviceId),
        $"文书送达：{typeName}",
        $"{entity}：{agency}依据贵单位签署的送达地址确认书，向贵单位电子送达{Named(typeName, number)}。送达信息到达贵单位系统之日为送达日期（《中华人民共和国行政处罚法》第六十一条、"
            + $"《中华人民共和国民事诉讼法》第九十条）。请登录天目门户“本单位文书”查阅、下载：{options.Url(DocumentLink(documentId))}",
        DocumentLink(documentId));

    public static SmsText ServedSms(string typeName, string? number, string entity, string agency) =>
        SmsTemplates.Compose(NotificationKind.DocumentServed, agency, ("entity", entity), ("document", Named(typeName, number)));

    public static NotificationContent Published(Guid publicationId, string number, string entity, string agency, ServiceOptions options) => new(
        $"publication:{publicationId}",
        $"处罚决定公开：{number}",
        $"{entity}：依据《中华人民共和国行政处罚法》第四十八条，{agency}已公开贵单位的行政处罚决定（{number}）。公开网站：{options.PublicSiteName}，网址：{options.Url("/public/decisions")}。"
            + "自然人的个人信息已作隐去处理。该决定被依法变更、撤销、确认违法或者确认无效的，本机关将在三个工作日内撤回并说明理由。",
        "/public/decisions");

    /// <summary>The timeline note of the case step a service takes.</summary>
    public static string StepNote(ServiceMethod method, ServiceFacts f, DateTimeOffset? deliveredAt, string typeName) => method switch
    {
        ServiceMethod.Electronic => $"电子送达《{typeName}》：送达信息于 {Time(deliveredAt)} 到达当事人系统。",
        ServiceMethod.Direct => $"直接送达《{typeName}》：{f.Recipient} 于 {Day(f.SignedOn)} 签收。",
        ServiceMethod.Postal => $"邮寄送达《{typeName}》：邮件单号 {f.TrackingNumber}，回执注明收件日期 {Day(f.SignedOn)}。",
        ServiceMethod.LeftAtPremises => $"留置送达《{typeName}》：{Day(f.LeftOn)} 留置于受送达人住所（拒收事由：{f.RefusalReason}），已拍照或录像记录。",
        ServiceMethod.PublicNotice => $"公告送达《{typeName}》：{Day(f.PublishedOn)} 于{f.PublishedWhere}公告，经过三十日视为送达。",
        _ => $"委托{f.EntrustedAgency}送达《{typeName}》：{f.Recipient} 于 {Day(f.SignedOn)} 签收。",
    };

    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string ChineseDay(DateOnly day) => day.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? at) => at is { } t ? ChinaTime.Format(t) : "—";
}
