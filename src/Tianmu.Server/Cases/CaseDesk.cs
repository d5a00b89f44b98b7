using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Clues;
using Tianmu.Common;
using Tianmu.Evidence;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;
using Tianmu.Server.Evidence;
using Tianmu.Server.Portal;
using Tianmu.Warnings;

namespace Tianmu.Server.Cases;

/// <summary>
/// 案件办理台: the jurisdiction's cases, 受理 from a warning turned clue, a provincial push, a complaint or
/// an officer's own finding (one case per warning or clue), the investigators (art. 42) and the evidence
/// a case relies on (each placed under the case's legal hold). Steps are taken by <see cref="CaseSteps"/>.
/// </summary>
public sealed class CaseDesk(TianmuDb db, CaseFactsReader reader, CaseDiscretion discretion, EvidenceHolds holds, AuditScope audit, TimeProvider clock)
{
    /// <summary>Staff: the cases of their jurisdiction. A party's user (行政相对人): the cases of its own entities a party may see (<see cref="PortalScope.CasesOf"/>).</summary>
    public IQueryable<Case> Scoped(CurrentUser caller)
    {
        var j = caller.Jurisdiction;
        return j.Everything ? db.Cases
            : j.AgencyPath is { } path ? db.Cases.Where(c => c.AgencyPath.StartsWith(path))
            : caller.Has(Role.EntityUser) ? db.CasesOf(caller)
            : db.Cases.Where(_ => false);
    }

    public async Task<Paged<CaseSummary>> ListAsync(CurrentUser caller, CaseFilter filter, CancellationToken ct)
    {
        var query = Scoped(caller).AsNoTracking();
        if (Enum.TryParse<CaseStage>(filter.Stage, out var stage))
        {
            query = query.Where(c => c.Stage == stage);
        }

        if (filter.Open == true)
        {
            query = query.Where(c => c.Stage != CaseStage.Closed && c.Stage != CaseStage.Archived && c.Stage != CaseStage.NotFiled && c.Stage != CaseStage.Transferred);
        }

        if (filter.EntityId is { } entity)
        {
            query = query.Where(c => c.EntityId == entity);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            var entityIds = db.Entities.Where(e => e.Name.Contains(q)).Select(e => e.Id);
            query = query.Where(c => c.Title.Contains(q) || entityIds.Contains(c.EntityId));
        }

        var calendar = await reader.CalendarAsync(ct);
        if (filter.Overdue == true)
        {
            // Overdue is computed from the calendar, not stored: judge the open cases in memory.
            var open = await query.Where(c => c.Stage != CaseStage.Closed && c.Stage != CaseStage.Archived).OrderBy(c => c.AcceptedOn).Take(2000).ToListAsync(ct);
            var names = await NamesAsync(open, ct);
            var overdue = open.Select(c => Summary(c, names, calendar)).Where(s => s.Overdue).ToList();
            var size = Math.Clamp(filter.PageSize ?? 20, 1, Paging.MaxPageSize);
            var number = Math.Max(1, filter.Page ?? 1);
            return new Paged<CaseSummary>([.. overdue.Skip((number - 1) * size).Take(size)], overdue.Count, number, size);
        }

        var page = await query.OrderByDescending(c => c.UpdatedAt).PageAsync(filter.Page, filter.PageSize, ct);
        var pageNames = await NamesAsync(page.Items, ct);
        return page.Map(c => Summary(c, pageNames, calendar));
    }

    public async Task<Result<CaseDetail>> DetailAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var c = await Scoped(caller).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return Error.NotFound("案件");
        }

        var s = await reader.ReadAsync(c, caller, ct);
        var names = await NamesAsync([c], ct);
        var events = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.At).ToListAsync(ct);
        var statements = await db.CaseStatements.AsNoTracking().Where(x => x.CaseId == id).OrderBy(x => x.ReceivedAt).ToListAsync(ct);
        var available = OutsideCalendar.Guard(() => (Result<IReadOnlyList<CaseAction>>)ProcedureRules.Available(s.Policy, s.Calendar, s.Facts, s.Actor, s.Today).ToList()).Value ?? [];
        var actions = available.Select(ProcedureRules.Step).Select(step => new ActionView(step.Action.ToString(), step.Name, step.Basis)).ToList();
        return new CaseDetail(
            Summary(c, names, s.Calendar), c.SourceSummary, c.SourceRef, c.Party == PartyKind.Individual ? "公民" : "法人或其他组织", c.PolicyVersion, s.Policy.Name,
            c.ViolationEndedOn, c.HealthHarm, c.Report, c.ProposedOutcome is { } po ? po.ToChinese() : null, PenaltyView(c.ProposedPenalty), c.DiscretionReason,
            c.LegalReviewRequired, c.LegalReviewPassed, c.DiscussionRequired, c.DiscussionRecorded, c.NoticeServedOn, c.RightsWaived, c.HearingDate,
            c.DecidedOutcome is { } d ? d.ToChinese() : null, PenaltyView(c.DecidedPenalty), c.DecidedOn, c.ServedOn, c.AmountPaid, s.Facts.AmountOutstanding, c.Version,
            [.. s.Members.Select(m => new MemberView(m.UserId, m.Role.ToString(), m.DisplayName, m.CredentialNumber))],
            [.. s.Deadlines.Select(dl => DeadlineView(dl, s.Today))],
            actions,
            [.. events.Select(e => new EventView(e.Id, e.Action, CaseText.ActionName(e.Action), e.FromStage.ToString(), e.ToStage.ToString(), e.ToStage.ToChinese(), e.ActorName, e.At, e.Note, e.DetailsJson))],
            [.. statements.Select(x => new StatementView(x.Id, x.Channel, x.Text, x.RecordedBy, x.ReceivedAt, x.Review, x.Accepted, x.ReviewedBy, x.ReviewedAt))],
            await EvidenceAsync(id, ct),
            [.. s.Remedies.Select(CaseRemedies.View)],
            await discretion.SuggestAsync(c, ct));
    }

    public async Task<Result<CaseDetail>> OpenAsync(CurrentUser caller, OpenCaseInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("title", input.Title, "案由", 200).Required("summary", input.Summary, "案件来源情况", 4000);
        var source = Parse<CaseSource>(input.Source, "source", "案件来源须为 Warning、ProvincialClue、Complaint 或 OwnFinding。", errors);
        var procedure = input.Procedure is null ? CaseProcedureKind.General : Parse<CaseProcedureKind>(input.Procedure, "procedure", "程序须为 General 或 Simple。", errors);
        if (input.EntityId is null)
        {
            errors.Add("entityId", "请选择当事人（监管对象）。");
        }

        if (source is CaseSource.Warning or CaseSource.ProvincialClue && !Guid.TryParse(input.SourceRef, out _))
        {
            errors.Add("sourceRef", "请填写来源预警或线索的编号。");
        }

        if (input.CatalogItemId is { } item && !await db.CatalogItems.AnyAsync(i => i.Id == item, ct))
        {
            errors.Add("catalogItemId", "执法事项不存在。");
        }

        if (input.ViolationEndedOn is { } ended && ended > clock.Today())
        {
            errors.Add("violationEndedOn", "违法行为终了日期不能晚于今天。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var entity = await db.EntitiesIn(caller.Jurisdiction).FirstOrDefaultAsync(e => e.Id == input.EntityId, ct);
        if (entity is null)
        {
            return Error.NotFound("监管对象");
        }

        var sourceCheck = await CheckSourceAsync(caller, source!.Value, input.SourceRef, entity.Id, ct);
        if (sourceCheck is { } refused)
        {
            return refused;
        }

        var sourceRef = source is CaseSource.Warning or CaseSource.ProvincialClue ? Guid.Parse(input.SourceRef!).ToString() : input.SourceRef?.Trim();
        if (sourceRef is not null && await db.Cases.AnyAsync(c => c.Source == source && c.SourceRef == sourceRef, ct))
        {
            return Error.Conflict("case.source_taken", "该来源已受理为案件，不能重复受理。");
        }

        var now = clock.GetUtcNow();
        var opening = new CaseOpening(entity.Id, input.Title!.Trim(), source.Value, sourceRef, input.Summary!.Trim(), procedure!.Value, input.CatalogItemId, input.ViolationEndedOn, input.HealthHarm ?? false);
        var c = new Case(Guid.CreateVersion7(), opening, entity.AgencyId, entity.AgencyPath, entity.IsIndividual ? PartyKind.Individual : PartyKind.Organisation, CaseSteps.Name(caller), now, clock.Today());
        db.Cases.Add(c);
        db.CaseEvents.Add(new CaseEvent(Guid.CreateVersion7(), c.Id, "Accept", CaseStage.Accepted, CaseStage.Accepted, caller.Id, CaseSteps.Name(caller), now, null, "{}"));
        audit.Action = "case.accepted";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Error.Conflict("case.source_taken", "该来源已受理为案件，不能重复受理。");
        }

        if (source == CaseSource.Warning)
        {
            var items = await db.EvidenceItems.AsNoTracking().Where(i => i.WarningId == Guid.Parse(sourceRef!) && i.ExpiredAt == null).Select(i => i.Id).ToListAsync(ct);
            await AttachAsync(c, items, caller, ct);
        }

        return await DetailAsync(caller, c.Id, ct);
    }

    /// <summary>Sets the case's investigators (承办人): officers or heads of its agency, each with an enforcement credential.</summary>
    public async Task<Result<CaseDetail>> AssignAsync(CurrentUser caller, Guid id, AssignInput input, CancellationToken ct)
    {
        var c = await Scoped(caller).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return Error.NotFound("案件");
        }

        if (c.Stage is not (CaseStage.Accepted or CaseStage.Investigating))
        {
            return Error.Conflict("case.wrong_stage", $"案件处于“{c.Stage.ToChinese()}”，不能再调整承办人。");
        }

        var ids = (input.Investigators ?? []).Distinct().ToList();
        if (ids.Count < 2)
        {
            return Error.Validation("investigators", "承办人不得少于两人（行政处罚法第四十二条）。");
        }

        var users = await db.Users.AsNoTracking().Include(u => u.Roles).Where(u => ids.Contains(u.Id) && u.IsActive && u.AgencyId == c.AgencyId).ToListAsync(ct);
        var wrong = ids.Except(users.Where(u => u.HasRole(Role.Officer) || u.HasRole(Role.Head)).Select(u => u.Id)).ToList();
        if (wrong.Count > 0)
        {
            return Error.Validation("investigators", "承办人须为本案所属机构在职的执法人员或负责人。");
        }

        if (users.FirstOrDefault(u => string.IsNullOrWhiteSpace(u.CredentialNumber)) is { } bare)
        {
            return Error.Validation("investigators", $"{bare.DisplayName}没有登记执法证号，不能担任承办人（行政处罚法第四十二条）。");
        }

        var now = clock.GetUtcNow();
        var existing = await db.CaseMembers.Where(m => m.CaseId == id && m.Role == CaseMemberRole.Investigator).ToListAsync(ct);
        db.CaseMembers.RemoveRange(existing.Where(m => !ids.Contains(m.UserId)));
        foreach (var u in users.Where(u => existing.All(m => m.UserId != u.Id)))
        {
            db.CaseMembers.Add(new CaseMember(id, u.Id, CaseMemberRole.Investigator, u.DisplayName, u.CredentialNumber, now));
        }

        c.MoveTo(c.Stage, now);
        db.CaseEvents.Add(new CaseEvent(Guid.CreateVersion7(), id, "Assign", c.Stage, c.Stage, caller.Id, CaseSteps.Name(caller), now, string.Join("、", users.Select(u => u.DisplayName)), "{}"));
        audit.Action = "case.assigned";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("case.changed", "案件刚被他人处理，当前状态已变化，请刷新后重试。");
        }

        return await DetailAsync(caller, id, ct);
    }

    /// <summary>Staff of the case's agency who could be named: investigators (officers and heads with a credential) and hearing chairs (anyone not investigating).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name, bool Investigator, bool CanInvestigate)>> PeopleAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var c = await Scoped(caller).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return [];
        }

        var investigators = await db.CaseMembers.AsNoTracking().Where(m => m.CaseId == id && m.Role == CaseMemberRole.Investigator).Select(m => m.UserId).ToListAsync(ct);
        var staff = await db.Users.AsNoTracking().Include(u => u.Roles).Where(u => u.AgencyId == c.AgencyId && u.IsActive).OrderBy(u => u.DisplayName).ToListAsync(ct);
        return [.. staff.Where(u => !u.HasRole(Role.EntityUser)).Select(u => (u.Id, u.DisplayName, investigators.Contains(u.Id), (u.HasRole(Role.Officer) || u.HasRole(Role.Head)) && !string.IsNullOrWhiteSpace(u.CredentialNumber)))];
    }

    /// <summary>Relies on evidence items of the case's party; each is placed under the case's legal hold.</summary>
    public async Task<Result<CaseDetail>> AddEvidenceAsync(CurrentUser caller, Guid id, EvidenceInput input, CancellationToken ct)
    {
        var c = await Scoped(caller).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return Error.NotFound("案件");
        }

        if (!c.IsOpen || c.Stage is CaseStage.Decided or CaseStage.Served or CaseStage.Executed)
        {
            return Error.Conflict("case.wrong_stage", $"案件处于“{c.Stage.ToChinese()}”，不能再补充证据。");
        }

        var ids = (input.ItemIds ?? []).Distinct().ToList();
        if (ids.Count == 0)
        {
            return Error.Validation("itemIds", "请选择证据。");
        }

        var found = await db.EvidenceItems.AsNoTracking().Where(i => ids.Contains(i.Id) && i.EntityId == c.EntityId).Select(i => i.Id).ToListAsync(ct);
        if (found.Count != ids.Count)
        {
            return Error.Validation("itemIds", "只能关联本案当事人的证据。");
        }

        var attached = await AttachAsync(c, found, caller, ct);
        return attached.Error is { } e ? e : await DetailAsync(caller, id, ct);
    }

    private async Task<Result<int>> AttachAsync(Case c, IReadOnlyCollection<Guid> items, CurrentUser caller, CancellationToken ct)
    {
        var already = await db.CaseEvidence.AsNoTracking().Where(e => e.CaseId == c.Id).Select(e => e.ItemId).ToListAsync(ct);
        var fresh = items.Except(already).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        foreach (var item in fresh)
        {
            db.CaseEvidence.Add(new CaseEvidence(c.Id, item, CaseSteps.Name(caller), now));
        }

        db.CaseEvents.Add(new CaseEvent(Guid.CreateVersion7(), c.Id, "AddEvidence", c.Stage, c.Stage, caller.Id, CaseSteps.Name(caller), now, $"{fresh.Count} 件", System.Text.Json.JsonSerializer.Serialize(new { items = fresh })));
        audit.Action = "case.evidence_added";
        await db.SaveChangesAsync(ct);
        return await holds.PlaceAsync(fresh, $"case:{c.Id}", $"案件“{c.Title}”依据的证据", CaseSteps.Name(caller), ct);
    }

    private async Task<Error?> CheckSourceAsync(CurrentUser caller, CaseSource source, string? sourceRef, Guid entityId, CancellationToken ct)
    {
        switch (source)
        {
            case CaseSource.Warning:
                var warning = await db.Warnings.AsNoTracking().FirstOrDefaultAsync(w => w.Id == Guid.Parse(sourceRef!), ct);
                if (warning is null || !caller.Jurisdiction.Covers(warning.AgencyPath))
                {
                    return Error.NotFound("预警");
                }

                return warning.Status != WarningStatus.TurnedIntoClue
                    ? Error.Conflict("case.source_not_clue", $"该预警当前为“{warning.Status.ToChinese()}”，须先转为线索才能受理为案件。")
                    : warning.EntityId != entityId ? Error.Validation("entityId", "当事人须为预警所涉监管对象。") : null;
            case CaseSource.ProvincialClue:
                var clue = await db.ProvincialClues.AsNoTracking().FirstOrDefaultAsync(x => x.Id == Guid.Parse(sourceRef!), ct);
                if (clue is null || !caller.Jurisdiction.Covers(clue.AgencyPath))
                {
                    return Error.NotFound("线索");
                }

                return clue.Status == ClueStatus.Received
                    ? Error.Conflict("case.source_not_accepted", "请先签收该推送线索再受理为案件。")
                    : clue.EntityId is { } e && e != entityId ? Error.Validation("entityId", "当事人须为线索所涉监管对象。") : null;
            default:
                return null;
        }
    }

    private async Task<IReadOnlyList<CaseEvidenceView>> EvidenceAsync(Guid id, CancellationToken ct)
    {
        var ids = await db.CaseEvidence.AsNoTracking().Where(e => e.CaseId == id).Select(e => e.ItemId).ToListAsync(ct);
        var items = await db.EvidenceItems.AsNoTracking().Where(i => ids.Contains(i.Id)).OrderBy(i => i.FactAt).ToListAsync(ct);
        var latest = await EvidenceReviewDesk.LatestAsync(db, ids, ct);
        return [.. items.Select(i => latest.TryGetValue(i.Id, out var r)
            ? new CaseEvidenceView(i.Id, i.Title, i.Form.ToChinese(), i.CollectedAt, r.Passed ? "Passed" : "Failed", r.Passed ? "审查通过" : "审查未通过")
            : new CaseEvidenceView(i.Id, i.Title, i.Form.ToChinese(), i.CollectedAt, "NotReviewed", "未审查"))];
    }

    private async Task<Dictionary<Guid, (string Entity, string Agency)>> NamesAsync(IEnumerable<Case> cases, CancellationToken ct)
    {
        var list = cases.ToList();
        var entityIds = list.Select(c => c.EntityId).Distinct().ToList();
        var agencyIds = list.Select(c => c.AgencyId).Distinct().ToList();
        var entities = await db.Entities.AsNoTracking().Where(e => entityIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return list.ToDictionary(c => c.Id, c => (entities.GetValueOrDefault(c.EntityId, ""), agencies.GetValueOrDefault(c.AgencyId, "")));
    }

    private CaseSummary Summary(Case c, Dictionary<Guid, (string Entity, string Agency)> names, Tianmu.Calendar.WorkingCalendar calendar)
    {
        var today = clock.Today();
        var next = c.IsOpen && c.Stage != CaseStage.Archived
            ? CaseFactsReader.Running(c, calendar).Select(d => DeadlineView(d, today)).OrderBy(d => d.Due ?? DateOnly.MaxValue).FirstOrDefault()
            : null;
        var (entity, agency) = names[c.Id];
        return new CaseSummary(
            c.Id, c.Title, c.EntityId, entity, agency, c.Procedure.ToString(), CaseText.ProcedureName(c.Procedure), c.Stage.ToString(), c.Stage.ToChinese(),
            c.Source.ToString(), CaseText.SourceName(c.Source), c.AcceptedOn, c.FiledOn, c.SuspendedSince is not null, next, next?.Overdue == true);
    }

    public static DeadlineView DeadlineView(Deadline d, DateOnly today) =>
        new(d.Kind.ToString(), d.Name, d.Due, d.Basis, d.Problem, d.Due is { } due ? due.DayNumber - today.DayNumber : null, d.Due is { } x && x < today, d.Provisional);

    private static PenaltyView? PenaltyView(Penalty? p) => p is null ? null : new(p.Warning, p.Fine, p.Confiscation, p.Severe, CaseText.PenaltyText(p));

    private static T? Parse<T>(string? value, string field, string message, FieldErrors errors)
        where T : struct, Enum
    {
        if (Enum.TryParse<T>(value, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        errors.Add(field, message);
        return null;
    }
}
