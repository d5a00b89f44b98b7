using Microsoft.EntityFrameworkCore;
using Tianmu.Calendar;
using Tianmu.Cases;
using Tianmu.Common;
using Tianmu.Documents;
using Tianmu.Notifications;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Calendar;
using Tianmu.Server.Notifications;
using Tianmu.Service;

namespace Tianmu.Server.Service;

public sealed record PublicationView(
    Guid Id, Guid DocumentId, Guid? CaseId, string Number, string Party, string AgencyName, string Content, DateOnly DecidedOn, DateTimeOffset PublishedAt,
    string PublishedBy, string? Change, string? ChangeName, DateOnly? ChangedOn, DateOnly? WithdrawBy, int? DaysLeft, bool Overdue,
    DateTimeOffset? WithdrawnAt, string? WithdrawnBy, string? WithdrawalReason);

/// <summary>A decision on the public page: its content while published; once withdrawn, only the withdrawal notice.</summary>
public sealed record PublicDecision(
    Guid Id, string Number, string Party, string AgencyName, string? Content, DateOnly DecidedOn, DateTimeOffset PublishedAt,
    bool Withdrawn, string? ChangeName, DateTimeOffset? WithdrawnAt, string? WithdrawalReason);

/// <summary>The decision was changed (Changed, Revoked, DeclaredIllegal, DeclaredVoid) on <c>ChangedOn</c>; withdrawing needs a <c>Reason</c>.</summary>
public sealed record WithdrawalInput(string? Change, DateOnly? ChangedOn, string? Reason = null);

/// <summary>
/// 行政处罚决定公开 (行政处罚法第四十八条): a head publishes an issued penalty decision on the agency's public page, with a
/// natural person's personal data masked, and the party is told where (portal message naming the site and address, Z20).
/// When the decision is changed, revoked, declared illegal or void, the change is recorded and the withdrawal falls due
/// three working days later; the withdrawal states its reason, and the public page shows the notice instead of the content.
/// </summary>
/// <remarks>Codes: <c>not_found</c>; <c>publication.not_decision</c>, <c>publication.not_decided</c> (422);
/// <c>publication.exists</c>, <c>publication.withdrawn</c>, <c>publication.changed</c> (409); <c>service.calendar_missing</c>
/// (409); <c>validation_failed</c>.</remarks>
public sealed class DecisionPublications(TianmuDb db, Notifier notifier, CalendarService calendars, ServiceOptions options, TimeProvider clock)
{
    public async Task<Result<PublicationView>> PublishAsync(CurrentUser caller, Guid documentId, CancellationToken ct)
    {
        var j = caller.Jurisdiction;
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null || !j.Covers(document.AgencyPath))
        {
            return Error.NotFound("文书");
        }

        if (document.Type != DocumentType.PenaltyDecision || document.Status != DocumentStatus.Issued)
        {
            return Error.Unprocessable("publication.not_decision", "只有已签发的行政处罚决定书可以公开（《中华人民共和国行政处罚法》第四十八条）。");
        }

        var c = document.CaseId is { } caseId ? await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct) : null;
        if (c is { DecidedOn: null })
        {
            return Error.Unprocessable("publication.not_decided", "案件尚未作出处罚决定（“作出决定”环节未办理），不能公开。");
        }

        if (await db.DecisionPublications.AnyAsync(p => p.DocumentId == documentId, ct))
        {
            return Exists;
        }

        var entity = await db.Entities.AsNoTracking().FirstAsync(e => e.Id == document.EntityId, ct);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == document.AgencyId).Select(a => a.Name).FirstAsync(ct);
        var naturalPerson = entity.IsIndividual || c?.Party == PartyKind.Individual;
        var decision = new PublishedDecision(document.Id, document.CaseId, entity.Id, document.AgencyId, document.AgencyPath, agency, document.Number!,
            PublicationRules.Party(entity.Name, naturalPerson), PublicationRules.Content(document.FieldValues(), entity.Name, naturalPerson),
            c?.DecidedOn ?? ChinaTime.DateOf(document.IssuedAt!.Value));
        var now = clock.GetUtcNow();
        var publication = new DecisionPublication(Guid.CreateVersion7(), decision, Actor(caller), now);
        db.DecisionPublications.Add(publication);
        notifier.Queue(new NotificationAddress(entity.Id, entity.AgencyPath), NotificationKind.DecisionPublished,
            ServiceTexts.Published(publication.Id, decision.Number, entity.Name, agency, options), new NotificationRecipients(Portal: true), now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Exists; // published at the same moment by another head
        }

        return View(publication, clock.Today());
    }

    /// <summary>Records that the decision changed; the withdrawal is due three working days later.</summary>
    public async Task<Result<PublicationView>> RecordChangeAsync(CurrentUser caller, Guid id, WithdrawalInput input, CancellationToken ct)
    {
        var publication = await Scoped(caller).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (publication is null)
        {
            return Error.NotFound("公开的处罚决定");
        }

        var changed = await ChangeAsync(publication, input, ct);
        return changed.Error is { } error ? error : await SaveAsync(publication, ct);
    }

    /// <summary>Withdraws the publication with its stated reason (recording the change too when it was not yet).</summary>
    public async Task<Result<PublicationView>> WithdrawAsync(CurrentUser caller, Guid id, WithdrawalInput input, CancellationToken ct)
    {
        var publication = await Scoped(caller).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (publication is null)
        {
            return Error.NotFound("公开的处罚决定");
        }

        var errors = new FieldErrors().Required("reason", input.Reason, "撤回理由", 1000);
        if (errors.Any)
        {
            return errors.ToError();
        }

        if (publication.Change is null || input.Change is not null)
        {
            var changed = await ChangeAsync(publication, input, ct);
            if (changed.Error is { } error)
            {
                return error;
            }
        }

        return publication.Withdraw(input.Reason!.Trim(), Actor(caller), clock.GetUtcNow()) ? await SaveAsync(publication, ct) : Withdrawn;
    }

    public async Task<IReadOnlyList<PublicationView>> ListAsync(CurrentUser caller, CancellationToken ct)
    {
        var today = clock.Today();
        var rows = await Scoped(caller).AsNoTracking().OrderByDescending(p => p.PublishedAt).Take(500).ToListAsync(ct);
        return [.. rows.Select(p => View(p, today))];
    }

    /// <summary>The public page: an agency's decisions (by division code, including its subordinates), newest first.</summary>
    public async Task<IReadOnlyList<PublicDecision>> PublicAsync(string? divisionCode, CancellationToken ct)
    {
        var query = db.DecisionPublications.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(divisionCode))
        {
            var path = await db.Agencies.AsNoTracking().Where(a => a.DivisionCode == divisionCode.Trim()).Select(a => a.Path).FirstOrDefaultAsync(ct);
            query = path is null ? query.Where(_ => false) : query.Where(p => p.AgencyPath.StartsWith(path));
        }

        var rows = await query.OrderByDescending(p => p.PublishedAt).Take(200).ToListAsync(ct);
        return [.. rows.Select(p => new PublicDecision(p.Id, p.Number, p.Party, p.AgencyName, p.Withdrawn ? null : p.Content, p.DecidedOn, p.PublishedAt,
            p.Withdrawn, p.Change?.ToChinese(), p.WithdrawnAt, p.WithdrawalReason))];
    }

    private async Task<Result<bool>> ChangeAsync(DecisionPublication publication, WithdrawalInput input, CancellationToken ct)
    {
        if (publication.Withdrawn)
        {
            return Withdrawn;
        }

        var errors = new FieldErrors();
        if (!Enum.TryParse<DecisionChange>(input.Change, out var change) || !Enum.IsDefined(change) || int.TryParse(input.Change, out _))
        {
            errors.Add("change", "请选择决定的变化：Changed（依法变更）、Revoked（依法撤销）、DeclaredIllegal（确认违法）或 DeclaredVoid（确认无效）。");
        }

        var today = clock.Today();
        if (input.ChangedOn is not { } on || on > today || on < publication.DecidedOn)
        {
            errors.Add("changedOn", "请填写决定被变更、撤销或确认违法、无效的日期（不晚于今天，不早于决定日期）。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        DateOnly due;
        try
        {
            due = PublicationRules.WithdrawBy(input.ChangedOn!.Value, await calendars.LoadAsync(ct));
        }
        catch (DateOutsideCalendarException e)
        {
            return Error.Conflict("service.calendar_missing", Tianmu.Cases.Procedure.CaseDeadlines.MissingYear(e.Date.Year));
        }

        publication.RecordChange(change, input.ChangedOn!.Value, due);
        return true;
    }

    private async Task<Result<PublicationView>> SaveAsync(DecisionPublication publication, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Error.Conflict("publication.changed", "该公开信息刚被他人处理，请刷新后重试。");
        }

        return View(publication, clock.Today());
    }

    private static PublicationView View(DecisionPublication p, DateOnly today) => new(
        p.Id, p.DocumentId, p.CaseId, p.Number, p.Party, p.AgencyName, p.Content, p.DecidedOn, p.PublishedAt, p.PublishedBy,
        p.Change?.ToString(), p.Change?.ToChinese(), p.ChangedOn, p.WithdrawBy,
        p.WithdrawBy is { } by && !p.Withdrawn ? by.DayNumber - today.DayNumber : null,
        p.WithdrawBy is { } due && !p.Withdrawn && today > due,
        p.WithdrawnAt, p.WithdrawnBy, p.WithdrawalReason);

    /// <summary>The publications of the caller's jurisdiction.</summary>
    public IQueryable<DecisionPublication> Scoped(CurrentUser caller)
    {
        var j = caller.Jurisdiction;
        return j.Everything ? db.DecisionPublications : j.AgencyPath is { } path ? db.DecisionPublications.Where(p => p.AgencyPath.StartsWith(path)) : db.DecisionPublications.Where(_ => false);
    }

    private static readonly Error Exists = Error.Conflict("publication.exists", "该处罚决定已公开。");

    private static readonly Error Withdrawn = Error.Conflict("publication.withdrawn", "该公开信息已撤回。");

    private static string Actor(CurrentUser caller) => $"{caller.DisplayName}（{caller.UserName}）";
}
