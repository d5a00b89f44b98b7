using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Common;
using Tianmu.Credit;
using Tianmu.Evidence;
using Tianmu.Notifications;
using Tianmu.Persistence;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;
using Tianmu.Server.Notifications;
using Tianmu.Server.Warnings;
using Tianmu.Warnings;

namespace Tianmu.Server.Credit;

public sealed record CreditRepairView(
    Guid Id, Guid EntityId, string EntityName, string FactKind, string FactKindName, Guid FactId, string? FactLink, string Statement,
    IReadOnlyList<ResponseAttachment> Attachments, string ApplicantName, DateTimeOffset AppliedAt, string Status, string StatusName,
    DateOnly? DecidedOn, string? DecidedBy, string? DecisionReason);

/// <summary>An officer's decision on a credit repair: approve or refuse, always with the reason.</summary>
public sealed record RepairDecisionInput(bool? Approve, string? Reason);

public sealed record RepairFilter(string? Status, int? Page, int? PageSize);

/// <summary>
/// The officers' side of credit repair (信用修复): the applications of entities in their jurisdiction, and the
/// decision — approve or refuse, with the reason, once. An approved repair takes the named fact out of grades
/// from the decision day on (the scoring run reads <see cref="CreditRepair.RepairsOn"/>). The decision, its audit record
/// and the entity's portal message and SMS (<see cref="NotificationKind.CreditRepairDecided"/>) commit together. The
/// repair's status is its concurrency token: two officers deciding at once, one wins and the other is told who did.
/// </summary>
public sealed class CreditRepairDesk(TianmuDb db, IObjectStore objects, Notifier notifier, AuditScope audit, TimeProvider clock)
{
    public const int MaxReason = 500;

    public async Task<Result<Paged<CreditRepairView>>> ListAsync(CurrentUser caller, RepairFilter filter, CancellationToken ct)
    {
        CreditRepairStatus? status = null;
        if (filter.Status is { Length: > 0 } s)
        {
            if (!Enum.TryParse<CreditRepairStatus>(s, out var parsed) || int.TryParse(s, out _))
            {
                return Error.Validation("status", "status 须为 Pending（待审核）、Approved（已同意）或 Refused（不予同意）。");
            }

            status = parsed;
        }

        var query = InJurisdiction(caller).AsNoTracking().Where(r => status == null || r.Status == status);
        var page = await query.OrderBy(r => r.AppliedAt).PageAsync(filter.Page, filter.PageSize, ct);
        var views = await ViewsAsync(page.Items, CreditGradeReader.StaffLink, ct);
        return page.Map(r => views[r.Id]);
    }

    public async Task<Result<CreditRepairView>> DecideAsync(CurrentUser caller, Guid id, RepairDecisionInput input, CancellationToken ct)
    {
        var repair = await InJurisdiction(caller).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (repair is null)
        {
            return Error.NotFound("信用修复申请");
        }

        if (repair.Status != CreditRepairStatus.Pending)
        {
            return Error.Conflict("credit_repair.already_decided",
                $"该信用修复申请已于 {repair.DecidedOn:yyyy-MM-dd} 由{repair.DecidedBy}审核（{StatusName(repair.Status)}），不能再次审核。");
        }

        if (input.Approve is not { } approve)
        {
            return Error.Validation("approve", "请选择同意或不同意信用修复。");
        }

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return Error.Unprocessable("credit_repair.reason_required", "审核信用修复须说明理由：同意的，写明整改已核实的情况；不同意的，写明依据。");
        }

        if (reason.Length > MaxReason)
        {
            return Error.Validation("reason", $"理由不能超过 {MaxReason} 个字符。");
        }

        repair.Decide(approve, clock.Today(), $"{caller.DisplayName}（{caller.UserName}）", reason);
        var to = await db.Entities.AsNoTracking().Where(e => e.Id == repair.EntityId)
            .Select(e => new { e.Name, e.AgencyPath, e.ContactPhoneCipher, Agency = e.Agency!.Name }).SingleAsync(ct);
        notifier.Queue(new NotificationAddress(repair.EntityId, to.AgencyPath), NotificationKind.CreditRepairDecided,
            CreditRepairTexts.Decided(repair, to.Name, to.Agency), new NotificationRecipients(Portal: true, PhoneCipher: to.ContactPhoneCipher), clock.GetUtcNow(),
            CreditRepairTexts.DecidedSms(repair, to.Name, to.Agency));
        try
        {
            await db.SaveAsAsync(audit, approve ? "credit_repair.approved" : "credit_repair.refused", ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            // Another officer decided it meanwhile (the status was no longer Pending, or its message was queued first).
            db.ChangeTracker.Clear();
            var winner = await db.CreditRepairs.AsNoTracking().SingleAsync(r => r.Id == id, ct);
            return Error.Conflict("credit_repair.changed",
                $"该信用修复申请刚被{winner.DecidedBy}审核（{StatusName(winner.Status)}），本次审核未保存，请刷新后查看。");
        }

        return (await ViewsAsync([repair], CreditGradeReader.StaffLink, ct))[repair.Id];
    }

    public async Task<Result<StoredFile>> AttachmentAsync(CurrentUser caller, Guid id, string sha256, CancellationToken ct) =>
        await FileAsync(InJurisdiction(caller), id, sha256, ct);

    /// <summary>A file attached to this repair (already scoped by the caller) — never any other object of the store.</summary>
    public async Task<Result<StoredFile>> FileAsync(IQueryable<CreditRepair> scoped, Guid id, string sha256, CancellationToken ct)
    {
        var json = await scoped.AsNoTracking().Where(r => r.Id == id).Select(r => r.AttachmentsJson).FirstOrDefaultAsync(ct);
        if (json is null)
        {
            return Error.NotFound("信用修复申请");
        }

        var hash = sha256.ToLowerInvariant();
        var attached = WarningResponses.Attachments(json).FirstOrDefault(a => a.Sha256 == hash);
        return attached is not null && await objects.ReadAsync(hash, ct) is { } bytes ? new StoredFile(bytes, attached.ContentType, attached.Name) : Error.NotFound("附件");
    }

    /// <summary>Views of <paramref name="repairs"/> with the entities' names; <paramref name="link"/> says where a fact may be opened.</summary>
    public async Task<Dictionary<Guid, CreditRepairView>> ViewsAsync(IReadOnlyCollection<CreditRepair> repairs, Func<string, Guid, string?> link, CancellationToken ct)
    {
        var ids = repairs.Select(r => r.EntityId).Distinct().ToList();
        var names = await db.Entities.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return repairs.ToDictionary(r => r.Id, r => new CreditRepairView(
            r.Id, r.EntityId, names.GetValueOrDefault(r.EntityId, ""), r.FactKind, CreditGradeReader.KindName(r.FactKind), r.FactId, link(r.FactKind, r.FactId), r.Statement,
            WarningResponses.Attachments(r.AttachmentsJson), r.ApplicantName, r.AppliedAt, r.Status.ToString(), StatusName(r.Status), r.DecidedOn, r.DecidedBy, r.DecisionReason));
    }

    public static string StatusName(CreditRepairStatus status) => status switch
    {
        CreditRepairStatus.Pending => "待审核",
        CreditRepairStatus.Approved => "已同意修复",
        _ => "不予修复",
    };

    private IQueryable<CreditRepair> InJurisdiction(CurrentUser caller) => db.CreditRepairs.Within(caller.Jurisdiction, r => r.AgencyPath);
}
