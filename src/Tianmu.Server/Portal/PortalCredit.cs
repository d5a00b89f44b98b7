using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Common;
using Tianmu.Credit;
using Tianmu.Evidence;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Credit;
using Tianmu.Server.Warnings;

namespace Tianmu.Server.Portal;

/// <summary>The entity's own credit: each of its entities' current grade with the explanation, and its repair applications.</summary>
public sealed record PortalCreditView(IReadOnlyList<CreditGradeView> Grades, IReadOnlyList<CreditRepairView> Repairs);

/// <summary>
/// A credit-repair application: the fact (kind and id, as the explanation lists it), what was corrected, and the login
/// password re-confirmed. <c>EntityId</c> is needed only when the user acts for several entities sharing the fact.
/// </summary>
public sealed record RepairInput(string? FactKind, Guid? FactId, string? Statement, string? Password, Guid? EntityId = null);

/// <summary>
/// The entity's side of credit (信用评价与信用修复, issue 9 §2): it sees its own grade and every factor's contribution,
/// the facts linked where the portal shows them (its warnings and cases), and applies for repair of one fact that
/// lowers its score after correcting it. Nothing of another entity is ever found: every query starts from
/// <see cref="PortalScope.EntityIdsOf"/>.
/// </summary>
public sealed class PortalCredit(
    TianmuDb db, CreditGradeReader grades, CreditRepairDesk desk, IObjectStore objects, Reconfirmation reconfirmation, AuditScope audit, TimeProvider clock)
{
    public const int MaxStatement = 2000;

    public async Task<PortalCreditView> GetAsync(CurrentUser caller, CancellationToken ct)
    {
        var mine = db.EntityIdsOf(caller);
        var current = await grades.CurrentAsync(mine, ct);
        var names = await db.Entities.AsNoTracking().Where(e => mine.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var link = await LinksAsync(caller, current, ct);
        var repairs = await db.CreditRepairs.AsNoTracking().Where(r => mine.Contains(r.EntityId)).OrderByDescending(r => r.AppliedAt).ToListAsync(ct);
        var views = await desk.ViewsAsync(repairs, (kind, id) => link(new CreditFact(kind, id, default, "", 0)), ct);
        var models = await CreditModelChoice.LoadAsync(db, ct);
        return new PortalCreditView(
            [.. current.OrderBy(g => names.GetValueOrDefault(g.EntityId)).Select(g => CreditGradeReader.View(g, names.GetValueOrDefault(g.EntityId, ""), link, models, stored: true))],
            [.. repairs.Select(r => views[r.Id])]);
    }

    public async Task<Result<CreditRepairView>> ApplyAsync(CurrentUser caller, RepairInput input, IReadOnlyList<ResponseFile> files, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input.FactKind is not { } kind || !CreditFactKinds.All.Contains(kind))
        {
            errors.Add("factKind", "请选择信用评价中要申请修复的事实。");
        }

        if (input.FactId is not { } factId)
        {
            errors.Add("factId", "请选择信用评价中要申请修复的事实。");
            factId = Guid.Empty;
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        // The fact must be in the current explanation of one of the caller's own entities: another's is simply not found.
        var mine = db.EntityIdsOf(caller).Where(id => input.EntityId == null || id == input.EntityId);
        var named = (await grades.CurrentAsync(mine, ct))
            .Select(g => (Grade: g, Fact: CreditJson.Read(g.ContributionsJson).SelectMany(c => c.Facts).FirstOrDefault(f => f.Kind == input.FactKind && f.Id == factId)))
            .FirstOrDefault(x => x.Fact is not null);
        if (named.Fact is not { } fact)
        {
            return Error.NotFound("本单位信用评价中的该事实");
        }

        if (fact.Points >= 0)
        {
            return Error.Unprocessable("credit_repair.not_lowering", "该事实没有降低本单位的信用分，无需申请信用修复。");
        }

        errors.Required("statement", input.Statement, "整改情况说明", MaxStatement);
        PortalUploads.Check(files, errors);
        if (errors.Any)
        {
            return errors.ToError();
        }

        var entityId = named.Grade.EntityId;
        if (await db.CreditRepairs.AnyAsync(r => r.EntityId == entityId && r.FactKind == fact.Kind && r.FactId == factId && r.Status != CreditRepairStatus.Refused, ct))
        {
            return Error.Conflict("credit_repair.already_applied", "该事实已有待审核或已同意的信用修复申请，不能重复申请。");
        }

        if (await reconfirmation.CheckAsync(caller, input.Password, ct) is { } refused)
        {
            return refused;
        }

        var stored = await PortalUploads.StoreAsync(objects, files, "credit_repair", ct);
        if (stored.Value is not { } attachments)
        {
            return stored.Error!;
        }

        var agencyPath = await db.Entities.Where(e => e.Id == entityId).Select(e => e.AgencyPath).SingleAsync(ct);
        var repair = new CreditRepair(Guid.CreateVersion7(), entityId, agencyPath, fact.Kind, factId, input.Statement!.Trim(), caller.Id,
            $"{caller.DisplayName}（{caller.UserName}）", clock.GetUtcNow());
        repair.Attach(WarningResponses.Serialize(attachments));
        db.CreditRepairs.Add(repair);
        await db.SaveAsAsync(audit, "credit_repair.applied", ct);
        var link = await LinksAsync(caller, [named.Grade], ct);
        return (await desk.ViewsAsync([repair], (k, id) => link(new CreditFact(k, id, default, "", 0)), ct))[repair.Id];
    }

    public async Task<Result<StoredFile>> AttachmentAsync(CurrentUser caller, Guid id, string sha256, CancellationToken ct)
    {
        var mine = db.EntityIdsOf(caller);
        return await desk.FileAsync(db.CreditRepairs.Where(r => mine.Contains(r.EntityId)), id, sha256, ct);
    }

    /// <summary>Portal links: the entity's own warnings and cases, to the portal's pages; nothing else is linked.</summary>
    private async Task<Func<CreditFact, string?>> LinksAsync(CurrentUser caller, IReadOnlyCollection<CreditGrade> shown, CancellationToken ct)
    {
        var repairs = await db.CreditRepairs.AsNoTracking().Where(r => db.EntityIdsOf(caller).Contains(r.EntityId)).Select(r => new { r.FactKind, r.FactId }).ToListAsync(ct);
        var warningIds = CreditGradeReader.Ids(shown, CreditFactKinds.Warning).Concat(repairs.Where(r => r.FactKind == CreditFactKinds.Warning).Select(r => r.FactId)).ToList();
        var caseIds = CreditGradeReader.Ids(shown, CreditFactKinds.Case).Concat(repairs.Where(r => r.FactKind == CreditFactKinds.Case).Select(r => r.FactId)).ToList();
        var mine = db.EntityIdsOf(caller);
        var warnings = (await db.Warnings.AsNoTracking().Where(w => warningIds.Contains(w.Id) && PortalWarnings.Visible.Contains(w.Category) && mine.Contains(w.EntityId))
            .Select(w => w.Id).ToListAsync(ct)).ToHashSet();
        var cases = (await db.CasesOf(caller).AsNoTracking().Where(c => caseIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        return f => f.Id is not { } id ? null : f.Kind switch
        {
            CreditFactKinds.Warning when warnings.Contains(id) => $"/portal/warnings/{id}",
            CreditFactKinds.Case when cases.Contains(id) => $"/portal/cases/{id}",
            _ => null,
        };
    }
}
