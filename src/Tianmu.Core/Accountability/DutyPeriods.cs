using Tianmu.Calendar;
using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Clues;
using Tianmu.Common;
using Tianmu.Warnings;

namespace Tianmu.Accountability;

/// <summary>A case with what the accountability report needs: its timeline and who could act for it.</summary>
public sealed record CaseHistory(Case Case, IReadOnlyList<CaseEvent> Events, IReadOnlyList<DutyPerson> Investigators, IReadOnlyList<DutyPerson> Heads);

/// <summary>
/// Turns an item's history into duty periods (S18/Z21: information held but not acted on, or statutory
/// procedure not followed, is answerable; S19/Z22: acting strictly by the procedure is 免责). Pure: the
/// server reads the rows, these functions only judge them.
/// </summary>
public static class DutyPeriods
{
    public const string AccountabilityBasis = "《山东省卫生健康非现场执法规范》第十八条、《浙江省卫生健康非现场行政执法工作办法》第二十一条";

    /// <summary>
    /// 预警: sign for it by <see cref="Warning.RespondBy"/> (S15/Z16 prompt handling; the hours are the
    /// platform's <see cref="ResponseLimits"/>), then handle it (核查、误报关闭、责令整改或转线索; no fixed limit).
    /// Until someone is assigned, every officer of the agency could sign for it.
    /// </summary>
    public static IReadOnlyList<DutyPeriod> ForWarning(Warning w, IReadOnlyList<DutyPerson> agencyOfficers)
    {
        IReadOnlyList<DutyPerson> people = w.AssigneeId is { } a ? [new DutyPerson(a, w.AssigneeName ?? "")] : agencyOfficers;
        var who = w.AssigneeId is null ? "本机构执法人员" : "指派的执法人员";
        var list = new List<DutyPeriod>
        {
            new("签收预警", $"《山东省卫生健康非现场执法规范》第十五条、《浙江省卫生健康非现场行政执法工作办法》第十六条（及时处理）；签收时限：严重 2 小时、一般 8 小时、提示 24 小时（平台设定）；{AccountabilityBasis}",
                who, people, w.CreatedAt, w.RespondBy, w.SignedForAt, w.SignedForAt is null ? null : w.AssigneeName ?? w.HandledBy),
        };
        if (w.SignedForAt is { } signed)
        {
            var closed = w.Status.IsClosed();
            list.Add(new("核查处理预警（误报关闭、责令整改或转为线索）", AccountabilityBasis, who, people, signed, null,
                closed ? w.UpdatedAt : null, closed ? w.HandledBy : null));
        }

        return list;
    }

    /// <summary>省级平台推送线索 (Z8): sign for it and handle it, with the result fed back, by its deadline.</summary>
    public static IReadOnlyList<DutyPeriod> ForClue(ProvincialClue c, IReadOnlyList<DutyPerson> agencyOfficers)
    {
        const string basis = "《浙江省卫生健康非现场行政执法工作办法》第八条（按规定时限处理省级平台推送线索）；" + AccountabilityBasis;
        IReadOnlyList<DutyPerson> handlers = c.AcceptedBy is { } by
            ? [agencyOfficers.FirstOrDefault(p => p.Name == by) ?? new DutyPerson(null, by)]
            : agencyOfficers;
        return
        [
            new("签收线索", basis, "本机构执法人员", agencyOfficers, c.ReceivedAt, c.Deadline, c.AcceptedAt, c.AcceptedBy),
            new("办结线索并反馈结果", basis, c.AcceptedBy is null ? "本机构执法人员" : "签收人", handlers, c.AcceptedAt ?? c.ReceivedAt, c.Deadline, c.HandledAt, c.HandledBy),
        ];
    }

    /// <summary>
    /// 案件: each step the law gives a limit, from the event that started it — 立案 (from 受理), 作出处罚决定
    /// (90 days from 立案 plus approved extensions and suspensions, art. 60), 送达 (7 working days from the
    /// decision, art. 61) — with the policy the case follows. The party's own periods (陈述申辩、听证申请、
    /// 缴款) are not duties of the agency and are left out.
    /// </summary>
    public static IReadOnlyList<DutyPeriod> ForCase(CaseHistory h, ProcedurePolicy policy, WorkingCalendar calendar)
    {
        var c = h.Case;
        var events = h.Events.OrderBy(e => e.At).ToList();
        var list = new List<DutyPeriod>();
        if (c.Procedure == CaseProcedureKind.General)
        {
            var filing = First(events, CaseAction.File, CaseAction.RefuseFiling, CaseAction.Transfer);
            var (filingBy, filingProblem, filingFloor) = Limit(() => CaseDeadlines.Add(calendar, c.AcceptedOn, policy.Filing));
            list.Add(new("立案（或不予立案）", policy.Filing.Basis, "机构负责人", h.Heads, c.AcceptedAt, filingBy, filing?.At, filing?.ActorName, filingProblem, filingFloor));

            if (c.FiledOn is { } filedOn && First(events, CaseAction.File) is { } filed)
            {
                var decision = events.FirstOrDefault(e => e.At >= filed.At && e.Action is nameof(CaseAction.Decide) or nameof(CaseAction.Transfer));
                var (decisionBy, decisionProblem, decisionFloor) = Limit(() => CaseDeadlines.AddLengthened(calendar, filedOn, policy.Decision, c.ExtensionDays + c.SuspendedDays));
                list.Add(new("作出处理决定", policy.Decision.Basis, "承办人、机构负责人", [.. h.Investigators, .. h.Heads], filed.At, decisionBy, decision?.At, decision?.ActorName, decisionProblem, decisionFloor));
            }
        }

        if (c.DecidedOn is { } decidedOn && First(events, CaseAction.Decide, CaseAction.DecideOnTheSpot) is { } decided)
        {
            var service = events.FirstOrDefault(e => e.At >= decided.At && e.Action == nameof(CaseAction.RecordService));
            var (serviceBy, serviceProblem, serviceFloor) = Limit(() => CaseDeadlines.Add(calendar, decidedOn, policy.Service));
            list.Add(new("送达处罚决定书", policy.Service.Basis, "承办人", h.Investigators, decided.At, serviceBy, service?.At, service?.ActorName, serviceProblem, serviceFloor));
        }

        return list;
    }

    /// <summary>The last moment of a China-time day: a step done any time that day is in time.</summary>
    public static DateTimeOffset EndOf(DateOnly day) =>
        new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).AddTicks(-1).ToUniversalTime();

    private static CaseEvent? First(IEnumerable<CaseEvent> events, params CaseAction[] actions) =>
        events.FirstOrDefault(e => actions.Any(a => e.Action == a.ToString()));

    /// <summary>The limit, or why it is unknown and the earliest it could be (periods only run forward, so not before the missing year).</summary>
    private static (DateTimeOffset? By, string? Problem, DateTimeOffset? NotBefore) Limit(Func<DateOnly> due)
    {
        try
        {
            return (EndOf(due()), null, null);
        }
        catch (DateOutsideCalendarException e)
        {
            var yearStart = new DateTimeOffset(new DateTime(e.Date.Year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), ChinaTime.Offset).ToUniversalTime();
            return (null, CaseDeadlines.MissingYear(e.Date.Year), yearStart);
        }
    }
}
