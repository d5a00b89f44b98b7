using Microsoft.EntityFrameworkCore;
using Tianmu.Clues;
using Tianmu.Common;
using Tianmu.Persistence;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Clues;

public sealed record ClueFilter(string? Status, bool? Overdue, int? Page, int? PageSize);

public sealed record ClueView(
    Guid Id, string ExternalId, string Title, string Content, string? EntityName, string? CreditCode, Guid? EntityId, Guid AgencyId, string AgencyName,
    DateTimeOffset ReceivedAt, DateTimeOffset Deadline, bool Overdue, string Status, string StatusName, string? AcceptedBy, DateTimeOffset? AcceptedAt,
    string? Result, string? HandledBy, DateTimeOffset? HandledAt, DateTimeOffset? EscalatedAt);

public sealed record HandleInput(string? Result);

/// <summary>
/// The officers' side of pushed clues: the jurisdiction's clues with their deadlines, signing for one
/// (签收) and recording its result (办结), which the platform reads back. Overdue ones are escalated by
/// <see cref="ClueEscalationJob"/>.
/// </summary>
public sealed class ClueDesk(TianmuDb db, TimeProvider clock)
{
    public async Task<Paged<ClueView>> ListAsync(CurrentUser caller, ClueFilter filter, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var query = Scoped(caller).AsNoTracking();
        if (Enum.TryParse<ClueStatus>(filter.Status, out var status))
        {
            query = query.Where(c => c.Status == status);
        }

        if (filter.Overdue == true)
        {
            query = query.Where(c => c.Status != ClueStatus.Handled && c.Deadline < now);
        }

        var page = await query.OrderBy(c => c.Status == ClueStatus.Handled).ThenBy(c => c.Deadline).PageAsync(filter.Page, filter.PageSize, ct);
        var names = await AgencyNamesAsync(page.Items.Select(c => c.AgencyId), ct);
        return page.Map(c => View(c, names[c.AgencyId], now));
    }

    public async Task<Result<ClueView>> GetAsync(CurrentUser caller, Guid id, CancellationToken ct) =>
        await Scoped(caller).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } clue ? await ViewAsync(clue, ct) : Error.NotFound("线索");

    public async Task<Result<ClueView>> AcceptAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var clue = await Scoped(caller).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (clue is null)
        {
            return Error.NotFound("线索");
        }

        if (!clue.Accept($"{caller.DisplayName}（{caller.UserName}）", clock.GetUtcNow()))
        {
            return Error.Conflict("clue.not_received", $"该线索当前为“{clue.Status.ToChinese()}”，不能签收。");
        }

        await db.SaveChangesAsync(ct);
        return await ViewAsync(clue, ct);
    }

    public async Task<Result<ClueView>> HandleAsync(CurrentUser caller, Guid id, HandleInput input, CancellationToken ct)
    {
        var clue = await Scoped(caller).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (clue is null)
        {
            return Error.NotFound("线索");
        }

        var errors = new FieldErrors().Required("result", input.Result, "办理结果", 4000);
        if (errors.Any)
        {
            return errors.ToError();
        }

        if (!clue.Handle(input.Result!.Trim(), $"{caller.DisplayName}（{caller.UserName}）", clock.GetUtcNow()))
        {
            return Error.Conflict("clue.not_accepted", $"该线索当前为“{clue.Status.ToChinese()}”，须先签收才能办结。");
        }

        await db.SaveChangesAsync(ct);
        return await ViewAsync(clue, ct);
    }

    private IQueryable<ProvincialClue> Scoped(CurrentUser caller)
    {
        var j = caller.Jurisdiction;
        return j.Everything ? db.ProvincialClues : j.AgencyPath is { } path ? db.ProvincialClues.Where(c => c.AgencyPath.StartsWith(path)) : db.ProvincialClues.Where(_ => false);
    }

    private async Task<ClueView> ViewAsync(ProvincialClue c, CancellationToken ct) =>
        View(c, (await AgencyNamesAsync([c.AgencyId], ct))[c.AgencyId], clock.GetUtcNow());

    private async Task<Dictionary<Guid, string>> AgencyNamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Agencies.AsNoTracking().Where(a => list.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
    }

    private static ClueView View(ProvincialClue c, string agencyName, DateTimeOffset now) => new(
        c.Id, c.ExternalId, c.Title, c.Content, c.EntityName, c.CreditCode, c.EntityId, c.AgencyId, agencyName, c.ReceivedAt, c.Deadline, c.IsOverdue(now),
        c.Status.ToString(), c.Status.ToChinese(), c.AcceptedBy, c.AcceptedAt, c.Result, c.HandledBy, c.HandledAt, c.EscalatedAt);
}
