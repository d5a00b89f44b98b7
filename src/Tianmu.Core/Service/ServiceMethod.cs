namespace Tianmu.Service;

/// <summary>
/// 送达方式 — how an enforcement document reaches the party (行政处罚法第六十一条: per the Civil Procedure
/// Law; 民事诉讼法 (2023) 第八十七条至第九十五条). Z20: electronic service first, the others when it is difficult.
/// </summary>
public enum ServiceMethod
{
    /// <summary>电子送达 — with the party's consent and signed confirmation (行政处罚法第六十一条; 民事诉讼法第九十条).</summary>
    Electronic,

    /// <summary>直接送达 — handed to the party, who signs the receipt (民事诉讼法第八十七条、第八十八条).</summary>
    Direct,

    /// <summary>邮寄送达 — by post with a return receipt (民事诉讼法第九十一条).</summary>
    Postal,

    /// <summary>留置送达 — left at the premises when refused, recorded by photo or video (民事诉讼法第八十九条).</summary>
    LeftAtPremises,

    /// <summary>公告送达 — public notice when the party cannot be reached otherwise; deemed served 30 days on (民事诉讼法第九十五条).</summary>
    PublicNotice,

    /// <summary>委托送达 — served by another agency on our behalf, the party signing its receipt (民事诉讼法第九十一条、第九十四条).</summary>
    Entrusted,
}

/// <summary>What a method is: its Chinese name, the rule that fixes its service date, the evidence it needs, its articles.</summary>
public sealed record ServiceMethodInfo(ServiceMethod Method, string Name, string DateRule, string Evidence, string Basis, bool PartyMayChoose);

public static class ServiceMethods
{
    private static readonly Dictionary<ServiceMethod, ServiceMethodInfo> All = new ServiceMethodInfo[]
    {
        new(ServiceMethod.Electronic, "电子送达", "以送达信息到达受送达人特定系统的日期为送达日期",
            "当事人同意并签署送达地址确认书；系统记录的到达时间（门户收件箱送达时间，或短信、邮件网关受理时间）",
            "《中华人民共和国行政处罚法》第六十一条；《中华人民共和国民事诉讼法》第九十条", true),
        new(ServiceMethod.Direct, "直接送达", "以受送达人在送达回证上的签收日期为送达日期",
            "签收人姓名及签收日期（送达回证）", "《中华人民共和国民事诉讼法》第八十七条、第八十八条", true),
        new(ServiceMethod.Postal, "邮寄送达", "以回执上注明的收件日期为送达日期",
            "邮件单号及回执上注明的收件日期", "《中华人民共和国民事诉讼法》第九十一条", true),
        new(ServiceMethod.LeftAtPremises, "留置送达", "以文书留置于受送达人住所的日期为送达日期",
            "拒收事由、留置日期，以及记录送达过程的照片或录像", "《中华人民共和国民事诉讼法》第八十九条", false),
        new(ServiceMethod.PublicNotice, "公告送达", "自发出公告之日起经过三十日即视为送达",
            "公告日期、公告载体（报刊、网站、公告栏等）及公告送达的原因和经过", "《中华人民共和国民事诉讼法》第九十五条", false),
        new(ServiceMethod.Entrusted, "委托送达", "以受送达人在送达回证上的签收日期为送达日期",
            "受托机关、签收人姓名及签收日期", "《中华人民共和国民事诉讼法》第九十一条、第九十四条", false),
    }.ToDictionary(m => m.Method);

    public static IReadOnlyCollection<ServiceMethodInfo> List => All.Values;

    public static ServiceMethodInfo Of(ServiceMethod method) => All[method];

    public static string ToChinese(this ServiceMethod method) => All[method].Name;

    /// <summary>A method named in a request: its enum name (Postal), case-insensitive; numbers are not names.</summary>
    public static bool TryParse(string? text, out ServiceMethod method) =>
        Enum.TryParse(text, ignoreCase: true, out method) && !int.TryParse(text, out _) && Enum.IsDefined(method);
}
