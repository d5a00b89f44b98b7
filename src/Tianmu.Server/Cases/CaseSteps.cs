using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Common;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Evidence;

namespace Tianmu.Server.Cases;

/// <summary>
/// Taking a step on a case: read the facts, let <see cref="ProcedureRules"/> judge, record what the step
/// establishes, move the stage and append the timeline entry — in one transaction, guarded by the case's
/// concurrency token. Two people taking a step at once: one wins; the other is told the case changed, or,
/// when the winner took the very same step, gets the result (a double click does not advance twice).
/// </summary>
public sealed class CaseSteps(
    TianmuDb db, CaseFactsReader reader, CaseDesk desk, EvidenceHolds holds, CaseFiles files, CaseRemedies remedies, AuditScope audit, TimeProvider clock)
{
    /// <summary>The timeline entry recording that an on-the-spot decision was filed with the agency (备案).</summary>
    public const string FiledWithAgency = "FiledWithAgency";

    /// <summary>Evidence stays at least this long after the case file is archived (卫生行政执法案卷 kept long-term).</summary>
    public static readonly TimeSpan ArchiveRetention = TimeSpan.FromDays(30 * 365);

    public async Task<Result<CaseDetail>> TakeAsync(CurrentUser caller, Guid id, CaseActionInput input, CancellationToken ct)
    {
        if (!Enum.TryParse<CaseAction>(input.Action, out var action) || !Enum.IsDefined(action))
        {
            return Error.Validation("action", $"未知的案件操作“{input.Action}”。");
        }

        var c = await desk.Scoped(caller).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return Error.NotFound("案件");
        }

        var situation = await reader.ReadAsync(c, caller, ct);
        var taken = await StepAsync(situation, action, input, caller.Id, Name(caller), ct);
        return taken.Error is { } error ? error : await desk.DetailAsync(caller, id, ct);
    }

    /// <summary>
    /// The platform takes a step by itself from a fact it witnessed — electronic delivery reaching the party
    /// (RecordService, ServePriorNotice) or the payment platform reporting a payment (RecordPayment); only steps
    /// marked <see cref="ProcedureStep.Automatic"/> are allowed. The timeline names <paramref name="actorName"/>.
    /// Changes the caller has already added to this DbContext commit in the same SaveChanges as the step, so a
    /// service record or a payment and the step it causes stand or fall together; on a refusal nothing is saved
    /// (the caller's pending changes stay tracked), on a lost race they are discarded and the error says so.
    /// </summary>
    public async Task<Result<CaseStage>> TakeAutomaticallyAsync(Guid caseId, CaseAction action, CaseActionInput input, string actorName, CancellationToken ct)
    {
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
        {
            return Error.NotFound("案件");
        }

        var situation = await reader.ReadForPlatformAsync(c, ct);
        var taken = await StepAsync(situation, action, input, Guid.Empty, actorName, ct);
        return taken.Error is { } error ? error : c.Stage;
    }

    /// <summary>Judges and records one step; succeeds also when a concurrent identical step won (a double click).</summary>
    private async Task<Result<bool>> StepAsync(CaseSituation situation, CaseAction action, CaseActionInput input, Guid actorId, string actorName, CancellationToken ct)
    {
        var c = situation.Case;
        var prepared = Prepare(situation, action, input);
        if (prepared.Error is { } invalid)
        {
            return invalid;
        }

        var judged = OutsideCalendar.Guard(() => ProcedureRules.Check(situation.Policy, situation.Calendar, prepared.Value!, action, situation.Actor, situation.Today));
        if (judged.Error is { } refused)
        {
            return refused;
        }

        var from = c.Stage;
        var details = await ApplyAsync(situation, action, input, actorName, ct);
        if (details.Error is { } failed)
        {
            return failed;
        }

        var now = clock.GetUtcNow();
        c.MoveTo(judged.Value, now);
        db.CaseEvents.Add(new CaseEvent(Guid.CreateVersion7(), c.Id, action.ToString(), from, judged.Value, actorId, actorName, now, Trim(input.Note), details.Value!));
        if (action == CaseAction.DecideOnTheSpot)
        {
            // 备案 (art. 52): the decision is on the agency's own register the moment it is recorded; the timeline says so
            // (a millisecond later, so it sorts after the decision even at PostgreSQL's microsecond precision).
            db.CaseEvents.Add(new CaseEvent(Guid.CreateVersion7(), c.Id, FiledWithAgency, judged.Value, judged.Value, actorId, actorName, now.AddMilliseconds(1), "当场处罚决定书已报所属行政机关备案（行政处罚法第五十二条）。", details.Value!));
        }

        audit.Action = $"case.{JsonNamingPolicy.SnakeCaseLower.ConvertName(action.ToString())}";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var last = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == c.Id).OrderByDescending(e => e.At).FirstOrDefaultAsync(ct);
            return last is not null && last.Action == action.ToString() && last.FromStage == from
                ? true
                : Error.Conflict("case.changed", "案件刚被他人处理，当前状态已变化，请刷新后重试。");
        }

        if (action == CaseAction.Archive)
        {
            await holds.ReleaseAsync($"case:{c.Id}", now + ArchiveRetention, actorName, ct);
        }

        return true;
    }

    /// <summary>Validates the action's own inputs and puts them into the facts the rules judge.</summary>
    private static Result<CaseFacts> Prepare(CaseSituation s, CaseAction action, CaseActionInput input)
    {
        var errors = new FieldErrors();
        var facts = s.Facts;
        switch (action)
        {
            case CaseAction.PreserveEvidence or CaseAction.HandlePreservedEvidence:
                errors.Required("note", input.Note, action == CaseAction.PreserveEvidence ? "保存的证据及理由" : "处理决定", 4000);
                break;
            case CaseAction.RefuseFiling or CaseAction.Transfer or CaseAction.WaiveRights or CaseAction.RecordHearing:
                errors.Required("note", input.Note, action == CaseAction.RecordHearing ? "听证情况" : "理由", 4000);
                break;
            case CaseAction.ConcludeInvestigation:
                errors.Required("report", input.Report, "调查终结报告", 20000);
                var outcome = Outcome(input.Outcome, errors);
                if (outcome == CaseOutcome.Penalty)
                {
                    errors.Required("discretionReason", input.DiscretionReason, "裁量理由", 4000);
                }

                facts = facts with
                {
                    ReportWritten = !string.IsNullOrWhiteSpace(input.Report),
                    ProposedOutcome = outcome,
                    ProposedPenalty = outcome == CaseOutcome.Penalty ? PenaltyOf(input, errors) : null,
                };
                break;
            case CaseAction.RecordLegalReview:
                errors.Required("note", input.Note, "审核意见", 4000);
                if (input.ReviewPassed is null)
                {
                    errors.Add("reviewPassed", "请选择审核结论（通过或退回）。");
                }

                facts = facts with { RequestedReviewPassed = input.ReviewPassed };
                break;
            case CaseAction.RecordDiscussion:
                errors.Required("participants", input.Participants, "参加人员", 2000).Required("opinions", input.Opinions, "讨论意见", 20000).Required("conclusion", input.Conclusion, "讨论结论", 4000);
                break;
            case CaseAction.RecordStatement:
                errors.Required("statementText", input.StatementText, "陈述申辩内容", 20000);
                break;
            case CaseAction.ReviewStatement:
                errors.Required("note", input.Note, "复核意见", 4000);
                if (input.StatementId is null)
                {
                    errors.Add("statementId", "请选择要复核的陈述申辩。");
                }

                facts = facts with { RequestedPenalty = input.Penalty is null ? null : PenaltyOf(input, errors) };
                break;
            case CaseAction.NoticeHearing:
                errors.Required("hearingPlace", input.HearingPlace, "听证地点", 200);
                if (input.HearingDate is null)
                {
                    errors.Add("hearingDate", "请填写听证日期。");
                }

                if (input.ChairId is null)
                {
                    errors.Add("chairId", "请指定听证主持人。");
                }

                facts = facts with { RequestedHearingDate = input.HearingDate };
                break;
            case CaseAction.Decide:
                var decided = Outcome(input.Outcome, errors);
                facts = facts with { RequestedOutcome = decided, RequestedPenalty = decided == CaseOutcome.Penalty ? PenaltyOf(input, errors) : null };
                break;
            case CaseAction.DecideOnTheSpot:
                errors.Required("basis", input.Basis, "处罚依据", 2000);
                facts = facts with { RequestedPenalty = PenaltyOf(input, errors), FactsClear = input.FactsClear == true, LegalBasisGiven = !string.IsNullOrWhiteSpace(input.Basis) };
                break;
            case CaseAction.RecordService:
                errors.Required("serviceMethod", input.ServiceMethod, "送达方式", 100);
                break;
            case CaseAction.RecordPayment:
                if (input.Amount is not > 0m)
                {
                    errors.Add("amount", "请填写大于 0 的缴款金额。");
                }

                // What is owed is counted to the day of payment (art. 72), not to the day the payment is recorded.
                facts = facts with { RequestedPayment = input.Amount, AmountOutstanding = input.On is { } paidOn ? CaseFactsReader.Outstanding(s.Case, s.Policy, s.Deadlines, s.RemedyPeriods, paidOn) : facts.AmountOutstanding };
                break;
            case CaseAction.DeferPayment:
                errors.Required("note", input.Note, "当事人申请及批准理由", 4000);
                if (input.On is null)
                {
                    errors.Add("on", "请填写暂缓（分期）缴纳的截止日期。");
                }

                facts = facts with { RequestedDeferTo = input.On };
                break;
            case CaseAction.RecordRemedy or CaseAction.EndRemedy:
                CaseRemedies.Prepare(action, input, errors);
                facts = facts with { RequestedRemedyOn = input.On };
                break;
            case CaseAction.Suspend or CaseAction.Extend:
                errors.Required("ground", input.Ground, "事由", 100);
                if (action == CaseAction.Extend && input.Days is not > 0)
                {
                    errors.Add("days", "请填写延长的天数。");
                }

                facts = facts with { RequestedGround = input.Ground?.Trim(), RequestedExtensionDays = input.Days };
                break;
        }

        return errors.Any ? errors.ToError() : facts;
    }

    /// <summary>Records what the step establishes; returns the timeline entry's details.</summary>
    private async Task<Result<string>> ApplyAsync(CaseSituation s, CaseAction action, CaseActionInput input, string actorName, CancellationToken ct)
    {
        var c = s.Case;
        var on = input.On ?? s.Today;
        object details = new { };
        switch (action)
        {
            case CaseAction.File:
                if (c.ViolationEndedOn is { } ended && LimitationPeriod.Expired(s.Policy, ended, c.HealthHarm, s.Today))
                {
                    return Error.Conflict("case.limitation_expired", $"违法行为已超过追责时效（终了于 {ended:yyyy-MM-dd}，时效至 {LimitationPeriod.LastDay(s.Policy, ended, c.HealthHarm):yyyy-MM-dd}，行政处罚法第三十六条），不再给予行政处罚。");
                }

                var policy = ProcedurePolicies.For(s.Today);
                c.RecordFiling(s.Today, policy.Version);
                details = new { policy = policy.Version };
                break;
            case CaseAction.PreserveEvidence:
                c.Preserve(s.Today);
                details = new { preservedOn = s.Today };
                break;
            case CaseAction.HandlePreservedEvidence:
                details = new { preservedOn = c.PreservedOn, handledOn = s.Today };
                c.HandlePreserved();
                break;
            case CaseAction.ConcludeInvestigation:
                var outcome = Enum.Parse<CaseOutcome>(input.Outcome!);
                var penalty = outcome == CaseOutcome.Penalty ? input.Penalty!.ToPenalty() : null;
                c.RecordConclusion(input.Report!.Trim(), outcome, penalty, Trim(input.DiscretionReason), input.LegalReviewRequired ?? false, input.DiscussionRequired ?? false);
                details = new { outcome, penalty, legalReviewRequired = c.LegalReviewRequired, discussionRequired = c.DiscussionRequired };
                break;
            case CaseAction.RecordLegalReview:
                c.RecordLegalReview(input.ReviewPassed!.Value);
                details = new { passed = input.ReviewPassed, opinion = input.Note!.Trim() };
                break;
            case CaseAction.RecordDiscussion:
                c.RecordDiscussion();
                details = new { participants = input.Participants!.Trim(), opinions = input.Opinions!.Trim(), conclusion = input.Conclusion!.Trim() };
                break;
            case CaseAction.ServePriorNotice:
                if (input.On is { } served && (served > s.Today || served < ChinaTime.DateOf(c.UpdatedAt)))
                {
                    return Error.Validation("on", "送达日期不能晚于今天，也不能早于案件上一环节。");
                }

                c.RecordNotice(on);
                details = new { servedOn = on };
                break;
            case CaseAction.RecordStatement:
                var statement = new CaseStatement(Guid.CreateVersion7(), c.Id, Trim(input.Channel) ?? "书面", input.StatementText!.Trim(), actorName, clock.GetUtcNow());
                db.CaseStatements.Add(statement);
                details = new { statementId = statement.Id };
                break;
            case CaseAction.ReviewStatement:
                var st = await db.CaseStatements.FirstOrDefaultAsync(x => x.Id == input.StatementId && x.CaseId == c.Id, ct);
                if (st is null)
                {
                    return Error.NotFound("陈述申辩");
                }

                if (st.ReviewedAt is not null)
                {
                    return Error.Conflict("case.statement_reviewed", "该陈述申辩已复核。");
                }

                st.RecordReview(input.Note!.Trim(), input.Accepted ?? false, actorName, clock.GetUtcNow());
                if (input.Penalty is not null)
                {
                    c.LowerProposal(input.Penalty.ToPenalty());
                }

                details = new { statementId = st.Id, accepted = input.Accepted ?? false, penalty = c.ProposedPenalty };
                break;
            case CaseAction.WaiveRights:
                c.WaiveRights();
                break;
            case CaseAction.RequestHearing:
                c.RecordHearingRequest(on);
                break;
            case CaseAction.NoticeHearing:
                var chair = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == input.ChairId && u.IsActive, ct);
                if (chair is null || await db.CaseMembers.AnyAsync(m => m.CaseId == c.Id && m.UserId == chair.Id && m.Role == CaseMemberRole.Investigator, ct))
                {
                    return Error.Conflict("case.chair_is_investigator", "听证主持人须为本机构非本案调查人员（行政处罚法第六十四条）。");
                }

                db.CaseMembers.Add(new CaseMember(c.Id, chair.Id, CaseMemberRole.HearingChair, chair.DisplayName, chair.CredentialNumber, clock.GetUtcNow()));
                c.RecordHearingNotice(s.Today, input.HearingDate!.Value);
                details = new { hearingDate = input.HearingDate, place = input.HearingPlace!.Trim(), chair = chair.DisplayName };
                break;
            case CaseAction.RecordHearing:
                c.RecordHearing();
                break;
            case CaseAction.Decide:
                var decided = Enum.Parse<CaseOutcome>(input.Outcome!);
                var decidedPenalty = decided == CaseOutcome.Penalty ? input.Penalty!.ToPenalty() : null;
                c.RecordDecision(decided, decidedPenalty, s.Today);
                details = new { outcome = decided, penalty = decidedPenalty };
                break;
            case CaseAction.DecideOnTheSpot:
                var spot = input.Penalty!.ToPenalty();
                c.RecordOnTheSpot(spot, s.Today, s.Policy.Version);
                details = new { penalty = spot, basis = input.Basis!.Trim() };
                break;
            case CaseAction.RecordService:
                if (input.On is { } servedOn && (servedOn > s.Today || servedOn < c.DecidedOn))
                {
                    return Error.Validation("on", "送达日期不能晚于今天，也不能早于决定日期。");
                }

                c.RecordService(on, input.ServiceMethod!.Trim());
                details = new { servedOn = on, method = input.ServiceMethod!.Trim() };
                break;
            case CaseAction.RecordPayment:
                c.RecordPayment(input.Amount!.Value, on);
                details = new { amount = input.Amount, paidOn = on, outstanding = CaseFactsReader.Outstanding(c, s.Policy, s.Deadlines, s.RemedyPeriods, on) };
                break;
            case CaseAction.DeferPayment:
                c.DeferPayment(input.On!.Value);
                details = new { deferredTo = input.On };
                break;
            case CaseAction.RecordRemedy or CaseAction.EndRemedy:
                details = await remedies.ApplyAsync(c, action, input, actorName, ct);
                break;
            case CaseAction.Close:
                c.RecordClosing(s.Today);
                break;
            case CaseAction.Archive:
                // 归档 means the case file exists: it is assembled, stored and recorded in this very transaction.
                var file = await files.ArchiveAsync(c, actorName, ct);
                if (file.Error is { } unassembled)
                {
                    return unassembled;
                }

                c.RecordArchive(clock.GetUtcNow());
                details = new { caseFile = file.Value!.Id, pdfSha256 = file.Value.PdfSha256, pages = file.Value.PageCount };
                break;
            case CaseAction.Suspend:
                c.Suspend(s.Today);
                details = new { ground = input.Ground };
                break;
            case CaseAction.Resume:
                c.Resume(s.Today);
                break;
            case CaseAction.Extend:
                c.Extend(input.Days!.Value);
                details = new { ground = input.Ground, days = input.Days };
                break;
        }

        return JsonSerializer.Serialize(details, JsonSerializerOptions.Web);
    }

    private static CaseOutcome? Outcome(string? value, FieldErrors errors)
    {
        if (Enum.TryParse<CaseOutcome>(value, out var outcome) && Enum.IsDefined(outcome))
        {
            return outcome;
        }

        errors.Add("outcome", "请选择处理结果：Penalty、NoPenaltyMinor、NoPenaltyFirstViolation、NotEstablished 或 Transfer。");
        return null;
    }

    private static Penalty? PenaltyOf(CaseActionInput input, FieldErrors errors)
    {
        if (input.Penalty is not { } p)
        {
            errors.Add("penalty", "请填写处罚内容。");
            return null;
        }

        if (p.Fine is < 0m or > 100_000_000m || p.Confiscation is < 0m or > 100_000_000m)
        {
            errors.Add("penalty", "罚款和没收金额须在 0 到 1 亿元之间。");
            return null;
        }

        var penalty = p.ToPenalty();
        if (!penalty.Warning && penalty.Fine == 0m && penalty.Confiscation == 0m && penalty.Severe is null)
        {
            errors.Add("penalty", "处罚内容不能为空：请选择警告或填写罚款等。");
            return null;
        }

        return penalty;
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static string Name(CurrentUser caller) => $"{caller.DisplayName}（{caller.UserName}）";
}
