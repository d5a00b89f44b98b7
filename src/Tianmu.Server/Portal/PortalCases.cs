using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Calendar;
using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Common;
using Tianmu.Persistence;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;
using Tianmu.Server.Cases;

namespace Tianmu.Server.Portal;

/// <summary>
/// The party's side of its cases (行政处罚法 art. 44, 45, 62–64): where each case stands, the periods it acts in,
/// and its own steps — 陈述申辩, 申请听证, 放弃 — taken through <see cref="CaseSteps.TakeAsync"/> as the entity's
/// user, after the password is typed again. Only cases of the caller's entities (<see cref="PortalScope.CasesOf"/>).
/// </summary>
/// <remarks>
/// Besides the procedure rules, the portal refuses (codes): <c>portal_case.not_in_defence</c> (409) — no prior notice
/// served yet, or the decision is made; <c>portal_case.statement_late</c> (422) — the 3-working-day statement period
/// has ended and no hearing is under way (卫生健康行政处罚程序规定: a statement not made in time counts as waived);
/// <c>portal_case.rights_waived</c> (409) — the party already waived; <c>portal_case.hearing_requested</c> (409) — a
/// hearing is already requested; <c>validation_failed</c> on <c>confirm</c> — a waiver without ticking the box.
/// </remarks>
public sealed class PortalCases(TianmuDb db, CaseSteps steps, CaseFactsReader reader, Reconfirmation reconfirmation, TimeProvider clock)
{
    /// <summary>The steps a party takes itself (ProcedureRules gives them to <see cref="Identity.Role.EntityUser"/>).</summary>
    public static readonly CaseAction[] PartyActions = [CaseAction.RecordStatement, CaseAction.RequestHearing, CaseAction.WaiveRights];

    private const string PortalChannel = "相对人门户";

    public async Task<Paged<PartyCaseRow>> ListAsync(CurrentUser caller, PartyCaseFilter filter, CancellationToken ct)
    {
        var query = db.CasesOf(caller).AsNoTracking();
        if (filter.Open == true)
        {
            query = query.Where(c => c.Stage != CaseStage.Executed && c.Stage != CaseStage.Closed && c.Stage != CaseStage.Archived);
        }

        var page = await query.OrderByDescending(c => c.UpdatedAt).PageAsync(filter.Page, filter.PageSize, ct);
        var rows = await RowsAsync(page.Items, ct);
        return page.Map(c => rows[c.Id]);
    }

    /// <summary>Rows for <paramref name="cases"/> (of the caller's entities), with names, the next open period and the amount due today.</summary>
    public async Task<Dictionary<Guid, PartyCaseRow>> RowsAsync(IReadOnlyList<Case> cases, CancellationToken ct)
    {
        var calendar = await reader.CalendarAsync(ct);
        var entityIds = cases.Select(c => c.EntityId).Distinct().ToList();
        var agencyIds = cases.Select(c => c.AgencyId).Distinct().ToList();
        var entities = await db.Entities.AsNoTracking().Where(e => entityIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var today = clock.Today();
        var remedies = await CaseFactsReader.RemedyPeriodsAsync(db, [.. cases.Select(c => c.Id)], ct);
        return cases.ToDictionary(c => c.Id, c =>
        {
            var due = AmountDue(c, calendar, [.. remedies[c.Id]], today);
            var next = Windows(c, calendar, today, due).Where(w => w.Open).OrderBy(w => w.Due ?? DateOnly.MaxValue).FirstOrDefault();
            return new PartyCaseRow(
                c.Id, c.Title, c.EntityId, entities.GetValueOrDefault(c.EntityId, ""), agencies.GetValueOrDefault(c.AgencyId, ""), CaseText.ProcedureName(c.Procedure),
                c.Stage.ToString(), PartyText.StageName(c.Stage), c.FiledOn, c.Stage is not (CaseStage.Executed or CaseStage.Closed or CaseStage.Archived), next, due);
        });
    }

    public async Task<Result<PartyCaseView>> GetAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var c = await db.CasesOf(caller).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return Error.NotFound("案件");
        }

        var s = await reader.ReadAsync(c, caller, ct);
        var row = (await RowsAsync([c], ct))[c.Id];
        var statements = await db.CaseStatements.AsNoTracking().Where(x => x.CaseId == id).OrderBy(x => x.ReceivedAt).ToListAsync(ct);
        var events = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.At).ToListAsync(ct);
        var hearingNotice = events.LastOrDefault(e => e.Action == nameof(CaseAction.NoticeHearing));
        var available = OutsideCalendar.Guard(() => (Result<IReadOnlyList<CaseAction>>)ProcedureRules.Available(s.Policy, s.Calendar, s.Facts, s.Actor, s.Today).ToList()).Value ?? [];
        var notified = c.NoticeServedOn is not null;
        return new PartyCaseView(
            row, c.NoticeServedOn, notified && c.DecidedOn is null ? PartyText.Penalty(c.ProposedPenalty) : null,
            notified && s.Policy.GivesHearingRight(c.Party, c.ProposedPenalty), c.HearingRequestedOn, c.HearingDate, PlaceOf(hearingNotice), c.RightsWaived,
            c.DecidedOutcome?.ToChinese(), PartyText.Penalty(c.DecidedPenalty), c.DecidedOn, c.ServedOn, c.AmountPaid,
            Windows(c, s.Calendar, s.Today, row.AmountDue),
            [.. statements.Select(x => new PartyStatement(x.Id, x.Channel, x.Text, x.ReceivedAt, x.ReviewedAt is not null))],
            [.. events.Where(e => PartyText.EventName(e.Action) is not null).Select(e => new PartyEvent(e.Action, PartyText.EventName(e.Action)!, e.At))],
            [.. PartyActions.Where(a => available.Contains(a) && Refusal(s, a) is null).Select(a => a.ToString())]);
    }

    public Task<Result<PartyCaseView>> StateAsync(CurrentUser caller, Guid id, StatementInput input, CancellationToken ct) =>
        TakeAsync(caller, id, CaseAction.RecordStatement, input.Password,
            new FieldErrors().Required("text", input.Text, "陈述申辩的事实、理由和证据", 20000),
            new CaseActionInput(nameof(CaseAction.RecordStatement), StatementText: input.Text?.Trim(), Channel: PortalChannel), ct);

    public Task<Result<PartyCaseView>> RequestHearingAsync(CurrentUser caller, Guid id, HearingRequestInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input.Note?.Trim().Length > 4000)
        {
            errors.Add("note", "说明不能超过 4000 个字符。");
        }

        var note = string.IsNullOrWhiteSpace(input.Note) ? "当事人通过相对人门户申请听证。" : $"当事人通过相对人门户申请听证：{input.Note.Trim()}";
        return TakeAsync(caller, id, CaseAction.RequestHearing, input.Password, errors, new CaseActionInput(nameof(CaseAction.RequestHearing), Note: note), ct);
    }

    public Task<Result<PartyCaseView>> WaiveAsync(CurrentUser caller, Guid id, WaiverInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input.Confirm != true)
        {
            errors.Add("confirm", "请勾选“本单位明确放弃陈述、申辩和听证的权利”。");
        }

        if (input.Note?.Trim().Length > 2000)
        {
            errors.Add("note", "说明不能超过 2000 个字符。");
        }

        var note = "当事人通过相对人门户明确表示放弃陈述、申辩和听证的权利（《行政处罚法》第六十二条）" + (string.IsNullOrWhiteSpace(input.Note) ? "。" : $"：{input.Note.Trim()}");
        return TakeAsync(caller, id, CaseAction.WaiveRights, input.Password, errors, new CaseActionInput(nameof(CaseAction.WaiveRights), Note: note), ct);
    }

    /// <summary>Scope, the portal's own refusals, the inputs, the password — then the step itself, as the entity's user.</summary>
    private async Task<Result<PartyCaseView>> TakeAsync(
        CurrentUser caller, Guid id, CaseAction action, string? password, FieldErrors errors, CaseActionInput input, CancellationToken ct)
    {
        var c = await db.CasesOf(caller).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return Error.NotFound("案件");
        }

        if (Refusal(await reader.ReadAsync(c, caller, ct), action) is { } refused)
        {
            return refused;
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        if (await reconfirmation.CheckAsync(caller, password, ct) is { } wrong)
        {
            return wrong;
        }

        var taken = await steps.TakeAsync(caller, id, input, ct);
        if (taken.Error is { } error)
        {
            // The rules name internal stages ("法制审核完成"…); the party is told in its own words.
            return error.Code == "case.wrong_stage" ? NotInDefence(action) : error;
        }

        return await GetAsync(caller, id, ct);
    }

    /// <summary>Why the party may not take <paramref name="action"/> now, beyond what the procedure rules check; null when it may.</summary>
    private static Error? Refusal(CaseSituation s, CaseAction action)
    {
        var c = s.Case;
        if (!PartyText.Defence.Contains(c.Stage))
        {
            return NotInDefence(action);
        }

        if (c.RightsWaived && action != CaseAction.WaiveRights)
        {
            return Error.Conflict("portal_case.rights_waived", "本单位已明确放弃陈述、申辩和听证的权利，不能再" + PartyText.ActionName(action) + "。");
        }

        if (action == CaseAction.RequestHearing && c.Stage != CaseStage.Notified)
        {
            return Error.Conflict("portal_case.hearing_requested", $"本单位已于 {c.HearingRequestedOn:yyyy-MM-dd} 申请听证，请等待听证通知。");
        }

        if (action == CaseAction.RecordStatement && c.Stage == CaseStage.Notified
            && s.Deadlines.FirstOrDefault(d => d.Kind == DeadlineKind.Statement)?.Due is { } due && s.Today > due)
        {
            return Error.Unprocessable("portal_case.statement_late",
                $"陈述申辩期限已于 {due:yyyy-MM-dd} 届满（收到行政处罚事先告知书之日起三个工作日内），逾期未提出的视为放弃。如有特殊情况，请与承办人员联系。");
        }

        return null;
    }

    private static Error NotInDefence(CaseAction action) => Error.Conflict("portal_case.not_in_defence",
        $"案件当前不在陈述申辩阶段，不能{PartyText.ActionName(action)}：须在收到行政处罚事先告知书之后、作出处理决定之前（《行政处罚法》第四十四条、第四十五条）。");

    /// <summary>The party's periods: statement and hearing request from the prior notice (the latter only with a hearing right), payment once served.</summary>
    public static IReadOnlyList<PartyWindow> Windows(Case c, WorkingCalendar calendar, DateOnly today, decimal amountDue)
    {
        var hearingRight = CaseFactsReader.PolicyOf(c).GivesHearingRight(c.Party, c.ProposedPenalty);
        var defending = c.Stage == CaseStage.Notified && !c.RightsWaived;
        var windows = new List<PartyWindow>();
        foreach (var d in CaseFactsReader.Deadlines(c, calendar))
        {
            bool? open = d.Kind switch
            {
                DeadlineKind.Statement => defending && !(d.Due < today),
                DeadlineKind.HearingRequest when hearingRight => defending && !(d.Due < today),
                DeadlineKind.Payment => c.Stage == CaseStage.Served && amountDue > 0,
                _ => null,
            };
            if (open is { } o)
            {
                windows.Add(PartyText.Window(d, today, o));
            }
        }

        return windows;
    }

    /// <summary>
    /// Fine plus surcharge to today (outside review and litigation, art. 73 ¶3) less what is paid (art. 67, 72), once the
    /// decision is served and so in force; before that nothing is due.
    /// </summary>
    public static decimal AmountDue(Case c, WorkingCalendar calendar, IReadOnlyList<RemedyPeriod> remedies, DateOnly today) =>
        c.ServedOn is null ? 0m : CaseFactsReader.Outstanding(c, CaseFactsReader.PolicyOf(c), CaseFactsReader.Deadlines(c, calendar), remedies, today);

    private static string? PlaceOf(CaseEvent? notice)
    {
        if (notice is null)
        {
            return null;
        }

        using var details = JsonDocument.Parse(notice.DetailsJson);
        return details.RootElement.TryGetProperty("place", out var place) ? place.GetString() : null;
    }
}
