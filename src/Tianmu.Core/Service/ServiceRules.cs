using Tianmu.Calendar;
using Tianmu.Cases.Procedure;
using Tianmu.Common;

namespace Tianmu.Service;

/// <summary>
/// What was witnessed of one service, as the officer records it or the platform observes it. Each method reads
/// only its own facts (see <see cref="ServiceRules.DateOf"/>).
/// </summary>
public sealed record ServiceFacts
{
    /// <summary>Electronic: when the document reached the party's system (portal inbox, or the SMS/e-mail gateway's acceptance).</summary>
    public DateTimeOffset? ReachedSystemAt { get; init; }

    /// <summary>Direct, postal, entrusted: who signed for it (签收人; postal: the addressee on the receipt, optional).</summary>
    public string? Recipient { get; init; }

    /// <summary>Direct, postal, entrusted: the date signed on the receipt (签收日期 / 回执上注明的收件日期).</summary>
    public DateOnly? SignedOn { get; init; }

    /// <summary>Postal: the item's tracking number (邮件单号).</summary>
    public string? TrackingNumber { get; init; }

    /// <summary>Left at premises: the day the document was left there.</summary>
    public DateOnly? LeftOn { get; init; }

    /// <summary>Left at premises: why it was refused (拒收事由).</summary>
    public string? RefusalReason { get; init; }

    /// <summary>Left at premises: a photo or video records the service (an upload or an evidence item).</summary>
    public bool VisualRecord { get; init; }

    /// <summary>Left at premises: witnesses invited, if any (基层组织或者所在单位的代表).</summary>
    public string? Witnesses { get; init; }

    /// <summary>Public notice: the day it was published.</summary>
    public DateOnly? PublishedOn { get; init; }

    /// <summary>Public notice: where (newspaper, website, notice board).</summary>
    public string? PublishedWhere { get; init; }

    /// <summary>Public notice: why the other methods failed, and how (原因和经过, art. 95 ¶2).</summary>
    public string? Reason { get; init; }

    /// <summary>Entrusted: the agency that served on our behalf.</summary>
    public string? EntrustedAgency { get; init; }
}

/// <summary>The service date a method's rule gives; <see cref="Deemed"/> for public notice, which may lie ahead.</summary>
public sealed record ServiceDate(DateOnly On, bool Deemed);

/// <summary>
/// The service date of each method and the evidence it needs, as a pure function (民事诉讼法 (2023) 第八十七条至第九十五条;
/// 行政处罚法第六十一条). A missing piece of evidence is a validation error naming it; a date after today is refused,
/// except the deemed date of a public notice, which is the 30th day after publication (the start day not counted, an end on
/// a rest day running to the next working day, 民事诉讼法第八十五条).
/// </summary>
public static class ServiceRules
{
    /// <summary>民事诉讼法 (2023) 第九十五条: deemed served when 30 days have passed since publication.</summary>
    public static readonly Period PublicNoticePeriod = new(30, PeriodUnit.CalendarDays, "《中华人民共和国民事诉讼法》第九十五条：自发出公告之日起，经过三十日，即视为送达");

    /// <summary>The service date, or a validation error naming the missing evidence; <c>service.calendar_missing</c> when the deemed date falls in a year not loaded.</summary>
    public static Result<ServiceDate> DateOf(ServiceMethod method, ServiceFacts facts, DateOnly today, WorkingCalendar calendar)
    {
        var errors = new FieldErrors();
        DateOnly? on = null;
        switch (method)
        {
            case ServiceMethod.Electronic:
                if (facts.ReachedSystemAt is { } at)
                {
                    on = ChinaTime.DateOf(at); // 民事诉讼法第九十条第二款
                }
                else
                {
                    errors.Add("reachedSystemAt", "电子送达须有送达信息到达受送达人系统的时间。");
                }

                break;
            case ServiceMethod.Direct:
                errors.Required("recipient", facts.Recipient, "签收人", 100);
                on = Required(errors, "signedOn", facts.SignedOn, "送达回证上的签收日期"); // 第八十七条
                break;
            case ServiceMethod.Entrusted:
                errors.Required("entrustedAgency", facts.EntrustedAgency, "受托送达的机关", 100).Required("recipient", facts.Recipient, "签收人", 100);
                on = Required(errors, "signedOn", facts.SignedOn, "送达回证上的签收日期"); // 第九十四条
                break;
            case ServiceMethod.Postal:
                errors.Required("trackingNumber", facts.TrackingNumber, "邮件单号", 50);
                Optional(errors, "recipient", facts.Recipient, "收件人", 100);
                on = Required(errors, "signedOn", facts.SignedOn, "邮件回执上注明的收件日期"); // 第九十一条
                break;
            case ServiceMethod.LeftAtPremises:
                errors.Required("refusalReason", facts.RefusalReason, "拒收事由", 500);
                Optional(errors, "witnesses", facts.Witnesses, "见证人", 200);
                if (!facts.VisualRecord)
                {
                    errors.Add("evidence", "留置送达须以照片或录像记录送达过程：请上传照片、视频，或引用已登记的证据（民事诉讼法第八十九条）。");
                }

                on = Required(errors, "leftOn", facts.LeftOn, "留置日期");
                break;
            case ServiceMethod.PublicNotice:
                errors.Required("publishedWhere", facts.PublishedWhere, "公告载体（报刊、网站或公告栏）", 200)
                    .Required("reason", facts.Reason, "公告送达的原因和经过", 2000);
                var published = Required(errors, "publishedOn", facts.PublishedOn, "公告日期");
                if (errors.Any || published is not { } p)
                {
                    return errors.ToError();
                }

                if (p > today)
                {
                    return Error.Validation("publishedOn", "公告日期不能晚于今天。");
                }

                try
                {
                    return new ServiceDate(DeemedServedOn(p, calendar), true);
                }
                catch (DateOutsideCalendarException e)
                {
                    return Error.Conflict("service.calendar_missing", CaseDeadlines.MissingYear(e.Date.Year));
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, null);
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        return on > today
            ? Error.Validation(method == ServiceMethod.LeftAtPremises ? "leftOn" : method == ServiceMethod.Electronic ? "reachedSystemAt" : "signedOn", "送达日期不能晚于今天。")
            : new ServiceDate(on!.Value, false);
    }

    /// <summary>The day a public notice published on <paramref name="publishedOn"/> counts as served (art. 95, art. 85).</summary>
    public static DateOnly DeemedServedOn(DateOnly publishedOn, WorkingCalendar calendar) => CaseDeadlines.Add(calendar, publishedOn, PublicNoticePeriod);

    private static DateOnly? Required(FieldErrors errors, string field, DateOnly? value, string label)
    {
        if (value is null)
        {
            errors.Add(field, $"请填写{label}。");
        }

        return value;
    }

    private static void Optional(FieldErrors errors, string field, string? value, string label, int max)
    {
        if (value?.Trim().Length > max)
        {
            errors.Add(field, $"{label}不能超过 {max} 个字符。");
        }
    }
}
