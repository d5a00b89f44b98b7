using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Common;
using Tianmu.Credit;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Credit;

public sealed record KeySupervisionView(
    Guid Id, Guid EntityId, string EntityName, string Reason, string Basis, string? SourceKind, string? SourceKindName, Guid? SourceId, string? SourceLink,
    DateOnly ListedOn, string ListedBy, DateOnly? RemovedOn, string? RemovedBy, string? RemovalReason, bool Active);

/// <summary>An officer puts an entity under key supervision: the entity, why, and the provision relied on.</summary>
public sealed record KeySupervisionInput(Guid? EntityId, string? Reason, string? Basis);

public sealed record KeySupervisionRemoval(string? Reason);

public sealed record KeySupervisionFilter(bool? All, string? Q, int? Page, int? PageSize);

/// <summary>
/// 重点监管名单 — the entities of the caller's jurisdiction under key supervision: those listed automatically for
/// false information or tampering (S20, Z24; the scoring run lists them) and those an officer or head listed by
/// hand, each with reason and basis; removal needs a reason too (Z4: real self-monitoring may take an entity off).
/// Both changes are audited.
/// </summary>
public sealed class KeySupervisionDesk(TianmuDb db, AuditScope audit, TimeProvider clock)
{
    public const string ManualBasis = "执法人员决定（鲁非现场执法规定第十条、浙非现场执法办法第四条）";

    public async Task<Paged<KeySupervisionView>> ListAsync(CurrentUser caller, KeySupervisionFilter filter, CancellationToken ct)
    {
        var today = clock.Today();
        var query = InJurisdiction(caller).AsNoTracking();
        query = filter.All == true ? query : query.Where(k => k.ListedOn <= today && (k.RemovedOn == null || k.RemovedOn > today));
        if (filter.Q is { Length: > 0 } q)
        {
            var named = db.Entities.Where(e => e.Name.Contains(q) || e.CreditCode == q).Select(e => e.Id);
            query = query.Where(k => named.Contains(k.EntityId));
        }

        var page = await query.OrderByDescending(k => k.ListedOn).ThenBy(k => k.Id).PageAsync(filter.Page, filter.PageSize, ct);
        var views = await ViewsAsync(page.Items, today, ct);
        return page.Map(k => views[k.Id]);
    }

    /// <summary>The entries of one entity (the entity page's panel), active first.</summary>
    public async Task<IReadOnlyList<KeySupervisionView>> OfEntityAsync(CurrentUser caller, Guid entityId, CancellationToken ct)
    {
        var rows = await InJurisdiction(caller).AsNoTracking().Where(k => k.EntityId == entityId).OrderByDescending(k => k.ListedOn).ToListAsync(ct);
        var views = await ViewsAsync(rows, clock.Today(), ct);
        return [.. rows.Select(r => views[r.Id]).OrderByDescending(v => v.Active)];
    }

    public async Task<Result<KeySupervisionView>> AddAsync(CurrentUser caller, KeySupervisionInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input.EntityId is null)
        {
            errors.Add("entityId", "请选择监管对象。");
        }

        errors.Required("reason", input.Reason, "列入理由", 500);
        if (input.Basis?.Trim().Length > 200)
        {
            errors.Add("basis", "依据不能超过 200 个字符。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var entity = await db.EntitiesIn(caller.Jurisdiction).AsNoTracking().Where(e => e.Id == input.EntityId).Select(e => new { e.Id, e.AgencyPath }).FirstOrDefaultAsync(ct);
        if (entity is null)
        {
            return Error.NotFound("监管对象");
        }

        var today = clock.Today();
        if (await db.KeySupervisionEntries.AnyAsync(k => k.EntityId == entity.Id && k.SourceId == null && k.ListedOn <= today && (k.RemovedOn == null || k.RemovedOn > today), ct))
        {
            return Error.Conflict("key_supervision.already_listed", "该监管对象已由执法人员列入重点监管名单，无需重复列入。");
        }

        var basis = string.IsNullOrWhiteSpace(input.Basis) ? ManualBasis : input.Basis.Trim();
        var entry = new KeySupervisionEntry(Guid.CreateVersion7(), entity.Id, entity.AgencyPath, input.Reason!.Trim(), basis, null, null, today, By(caller));
        db.KeySupervisionEntries.Add(entry);
        await db.SaveAsAsync(audit, "key_supervision.listed", ct);
        return (await ViewsAsync([entry], today, ct))[entry.Id];
    }

    public async Task<Result<KeySupervisionView>> RemoveAsync(CurrentUser caller, Guid id, KeySupervisionRemoval input, CancellationToken ct)
    {
        var entry = await InJurisdiction(caller).FirstOrDefaultAsync(k => k.Id == id, ct);
        if (entry is null)
        {
            return Error.NotFound("重点监管名单记录");
        }

        var today = clock.Today();
        if (entry.RemovedOn is { } removed)
        {
            return Error.Conflict("key_supervision.already_removed", $"该记录已于 {removed:yyyy-MM-dd} 由{entry.RemovedBy}移出重点监管名单。");
        }

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return Error.Unprocessable("key_supervision.reason_required", "移出重点监管名单须说明理由（例如已整改并实现真实有效的自我监测）。");
        }

        if (reason.Length > 500)
        {
            return Error.Validation("reason", "理由不能超过 500 个字符。");
        }

        entry.Remove(today, By(caller), reason);
        await db.SaveAsAsync(audit, "key_supervision.removed", ct);
        return (await ViewsAsync([entry], today, ct))[entry.Id];
    }

    /// <summary>An entity of the caller's jurisdiction by exact name or unified social credit code (the list page's form).</summary>
    public Task<Guid?> FindEntityAsync(CurrentUser caller, string text, CancellationToken ct)
    {
        var t = text.Trim();
        return db.EntitiesIn(caller.Jurisdiction).Where(e => e.Name == t || e.CreditCode == t).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
    }

    private async Task<Dictionary<Guid, KeySupervisionView>> ViewsAsync(IReadOnlyCollection<KeySupervisionEntry> rows, DateOnly today, CancellationToken ct)
    {
        var ids = rows.Select(r => r.EntityId).Distinct().ToList();
        var names = await db.Entities.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return rows.ToDictionary(k => k.Id, k => new KeySupervisionView(
            k.Id, k.EntityId, names.GetValueOrDefault(k.EntityId, ""), k.Reason, k.Basis, k.SourceKind, k.SourceKind is { } s ? CreditGradeReader.KindName(s) : null, k.SourceId,
            k.SourceKind is { } kind && k.SourceId is { } source ? CreditGradeReader.StaffLink(kind, source) : null,
            k.ListedOn, k.ListedBy, k.RemovedOn, k.RemovedBy, k.RemovalReason, k.IsActiveOn(today)));
    }

    private static string By(CurrentUser caller) => $"{caller.DisplayName}（{caller.UserName}）";

    private IQueryable<KeySupervisionEntry> InJurisdiction(CurrentUser caller) => db.KeySupervisionEntries.Within(caller.Jurisdiction, k => k.AgencyPath);
}
