using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;
using Tianmu.Server.Notifications;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Warnings;

public sealed record WarningFilter(string? Status, string? Category, bool? Open, Guid? EntityId, Guid? DeviceId, bool? Mine, int? Page, int? PageSize);

public sealed record WarningView(
    Guid Id, string RuleCode, string RuleName, string PackCode, int PackVersion, string Clause, string Category, string Severity, string? Metric,
    Guid? DeviceId, Guid EntityId, string EntityName, DateTimeOffset EpisodeStart, DateTimeOffset RaisedAt, DateTimeOffset? EpisodeEnd,
    string Summary, string Status, string StatusName, bool IsOpen, DateTimeOffset RespondBy, bool ResponseOverdue, DateTimeOffset? EscalatedAt,
    string? HandledBy, string? Note, DateOnly? RectifyBy, bool RectificationOverdue, Guid? AssigneeId, string? AssigneeName, IReadOnlyList<string> AllowedActions);

/// <summary>What an officer does with a warning: the action, and its reason, note or rectification deadline.</summary>
public sealed record WarningActionInput(string? Action, string? Note, DateOnly? RectifyBy);

/// <summary>The officer the agency head gives a warning to.</summary>
public sealed record WarningAssignment(Guid? OfficerId);

/// <summary>
/// Officers' handling of warnings in their jurisdiction: the list (open first, most severe and
/// oldest first), and each step of the lifecycle — a false alarm needs its reason, a rectification
/// order its deadline. Refused steps say what has to happen first. Whoever signs for a warning is
/// its assignee; the agency head may give it to another officer of the entity's agency.
/// </summary>
public sealed class WarningDesk(TianmuDb db, Notifier notifier, TimeProvider clock)
{
    public async Task<Paged<WarningView>> ListAsync(CurrentUser caller, WarningFilter filter, CancellationToken ct)
    {
        var query = Scoped(caller).AsNoTracking();
        query = Enum.TryParse<WarningStatus>(filter.Status, out var status) ? query.Where(w => w.Status == status) : query;
        query = Enum.TryParse<WarningCategory>(filter.Category, out var category) ? query.Where(w => w.Category == category) : query;
        query = filter.Open is { } open ? query.Where(w => w.IsOpen == open) : query;
        query = filter.EntityId is { } entity ? query.Where(w => w.EntityId == entity) : query;
        query = filter.DeviceId is { } device ? query.Where(w => w.DeviceId == device) : query;
        query = filter.Mine is true ? query.Where(w => w.AssigneeId == caller.Id) : query;
        var page = await query.OrderByDescending(w => w.IsOpen).ThenByDescending(w => w.CreatedAt).PageAsync(filter.Page, filter.PageSize, ct);
        var names = await NamesAsync(page.Items.Select(w => w.EntityId), ct);
        return page.Map(w => View(w, names[w.EntityId]));
    }

    public async Task<Result<WarningView>> GetAsync(CurrentUser caller, Guid id, CancellationToken ct) =>
        await Scoped(caller).AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct) is { } w ? View(w, (await NamesAsync([w.EntityId], ct))[w.EntityId]) : Error.NotFound("预警");

    public async Task<Result<WarningView>> ActAsync(CurrentUser caller, Guid id, WarningActionInput input, CancellationToken ct)
    {
        var warning = await Scoped(caller).FirstOrDefaultAsync(w => w.Id == id, ct);
        if (warning is null)
        {
            return Error.NotFound("预警");
        }

        if (!Enum.TryParse<WarningAction>(input.Action, out var action) || !Enum.IsDefined(action) || action == WarningAction.ConfirmRectified)
        {
            return Error.Validation("action", "操作须为 SignFor、StartChecking、DismissAsFalseAlarm、OrderRectification 或 TurnIntoClue（整改完成由系统根据后续数据确认）。");
        }

        var errors = new FieldErrors();
        if (action == WarningAction.DismissAsFalseAlarm)
        {
            errors.Required("note", input.Note, "误报原因", 1000);
        }

        if (action == WarningAction.OrderRectification && (input.RectifyBy is not { } by || by <= clock.Today()))
        {
            errors.Add("rectifyBy", "请填写晚于今天的整改期限。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var now = clock.GetUtcNow();
        if (!warning.Apply(action, Name(caller), now, input.Note?.Trim(), input.RectifyBy))
        {
            return Error.Conflict("warning.step_refused", WarningLifecycle.Refusal(warning.Status, action));
        }

        if (action == WarningAction.SignFor)
        {
            warning.AssignTo(caller.Id, Name(caller), now);
        }

        if (action == WarningAction.OrderRectification)
        {
            await notifier.RectificationOrderedAsync(warning, ct); // 告知提醒 with the deadline, committed with the order
        }

        await db.SaveChangesAsync(ct);
        return View(warning, (await NamesAsync([warning.EntityId], ct))[warning.EntityId]);
    }

    public async Task<Result<WarningView>> AssignAsync(CurrentUser caller, Guid id, WarningAssignment input, CancellationToken ct)
    {
        var warning = await Scoped(caller).FirstOrDefaultAsync(w => w.Id == id, ct);
        if (warning is null)
        {
            return Error.NotFound("预警");
        }

        if (!warning.IsOpen)
        {
            return Error.Conflict("warning.closed", $"该预警已{warning.Status.ToChinese()}，不能再指派。");
        }

        var officer = input.OfficerId is { } officerId
            ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == officerId && u.IsActive && u.AgencyId == warning.AgencyId && u.Roles.Any(r => r.Role == Role.Officer), ct)
            : null;
        if (officer is null)
        {
            return Error.Validation("officerId", "请选择该监管对象所属机构的执法人员。");
        }

        warning.AssignTo(officer.Id, $"{officer.DisplayName}（{officer.UserName}）", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return View(warning, (await NamesAsync([warning.EntityId], ct))[warning.EntityId]);
    }

    private static string Name(CurrentUser caller) => $"{caller.DisplayName}（{caller.UserName}）";

    private IQueryable<Warning> Scoped(CurrentUser caller)
    {
        var j = caller.Jurisdiction;
        return j.Everything ? db.Warnings : j.AgencyPath is { } path ? db.Warnings.Where(w => w.AgencyPath.StartsWith(path)) : db.Warnings.Where(_ => false);
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Entities.AsNoTracking().Where(e => list.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
    }

    private WarningView View(Warning w, string entityName) => new(
        w.Id, w.RuleCode, w.RuleName, w.PackCode, w.PackVersion, w.Clause, w.Category.ToString(), w.Severity.ToString(), w.Metric, w.DeviceId, w.EntityId,
        entityName, w.EpisodeStart, w.RaisedAt, w.EpisodeEnd, w.Summary, w.Status.ToString(), w.Status.ToChinese(), w.IsOpen, w.RespondBy,
        w.Status == WarningStatus.New && clock.GetUtcNow() > w.RespondBy, w.EscalatedAt, w.HandledBy, w.Note, w.RectifyBy,
        Rectification.IsOverdue(w.Status, w.RectifyBy, clock.Today()), w.AssigneeId, w.AssigneeName,
        [.. WarningLifecycle.Allowed(w.Status).Where(a => a != WarningAction.ConfirmRectified).Select(a => a.ToString())]);
}
