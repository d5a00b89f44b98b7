using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Evidence;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Security;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Evidence;

public sealed record EvidenceFilter(Guid? WarningId, Guid? EntityId, Guid? DeviceId, string? Review, int? Page, int? PageSize);

public sealed record EvidenceSummary(
    Guid Id, string Title, string Form, string FormName, string CaptureMethod, string CaptureMethodName, Guid EntityId, string EntityName,
    Guid? WarningId, DateTimeOffset FactAt, DateTimeOffset? FactUntil, string MediaType, long SizeBytes, DateTimeOffset CollectedAt,
    string ReviewStatus, DateTimeOffset RetentionUntil, DateTimeOffset? ExpiredAt);

public sealed record EvidenceDetail(
    EvidenceSummary Summary, string Place, string? Persons, string Sha256, string FileName, Guid? DeviceId, DeviceStateAtCapture? DeviceState,
    ContinuityReport? Continuity, string CollectedBy, Guid? AiEventId, Guid? SelfReportId, IReadOnlyList<HoldView> Holds, DateTimeOffset? KeptUntil);

public sealed record HoldView(Guid Id, string Holder, string Reason, string PlacedBy, DateTimeOffset PlacedAt, DateTimeOffset? ReleasedAt, DateTimeOffset? RetainUntil);

public sealed record CustodyEntry(long Id, string Action, string ActionName, string? Reason, string Outcome, string UserName, DateTimeOffset At);

/// <summary>An original as served: its bytes, type and the name to save it under.</summary>
public sealed record EvidenceContent(byte[] Bytes, string MediaType, string FileName);

/// <summary>
/// Officers' access to evidence in their jurisdiction: the list, the item with its elements and
/// provenance, and the original itself. Every view and download is written to the chain of custody
/// (who, when, why, outcome) — a download needs its reason — and every read re-checks the hash: a
/// mismatch is refused as tampering, naming the item, and recorded as such.
/// </summary>
public sealed class EvidenceDesk(TianmuDb db, IObjectStore objects, PersonalDataProtector protector, TimeProvider clock, ILogger<EvidenceDesk> log)
{
    public async Task<Paged<EvidenceSummary>> ListAsync(CurrentUser caller, EvidenceFilter filter, CancellationToken ct)
    {
        var query = Scoped(caller).AsNoTracking();
        query = filter.WarningId is { } w ? query.Where(i => i.WarningId == w) : query;
        query = filter.EntityId is { } e ? query.Where(i => i.EntityId == e) : query;
        query = filter.DeviceId is { } d ? query.Where(i => i.DeviceId == d) : query;
        query = filter.Review switch
        {
            "passed" => query.Where(i => db.EvidenceReviews.Where(r => r.ItemId == i.Id).OrderByDescending(r => r.ReviewedAt).Select(r => (bool?)r.Passed).FirstOrDefault() == true),
            "failed" => query.Where(i => db.EvidenceReviews.Where(r => r.ItemId == i.Id).OrderByDescending(r => r.ReviewedAt).Select(r => (bool?)r.Passed).FirstOrDefault() == false),
            "pending" => query.Where(i => !db.EvidenceReviews.Any(r => r.ItemId == i.Id)),
            _ => query,
        };
        var page = await query.OrderByDescending(i => i.CollectedAt).ThenBy(i => i.Id).PageAsync(filter.Page, filter.PageSize, ct);
        var reviews = await EvidenceReviewDesk.LatestAsync(db, [.. page.Items.Select(i => i.Id)], ct);
        return page.Map(i => Summary(i, reviews.GetValueOrDefault(i.Id)));
    }

    /// <summary>The item for a reader; recorded as a view in the chain of custody.</summary>
    public async Task<Result<EvidenceDetail>> GetAsync(CurrentUser caller, Guid id, string? reason, CancellationToken ct)
    {
        if (await Scoped(caller).AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is not { } item)
        {
            return Error.NotFound("证据");
        }

        await RecordAsync(caller, item.Id, AccessAction.View, reason ?? "查看证据详情", AccessOutcome.Served, ct);
        var reviews = await EvidenceReviewDesk.LatestAsync(db, [item.Id], ct);
        var holds = await db.EvidenceHolds.AsNoTracking().Where(h => h.ItemId == item.Id).OrderBy(h => h.PlacedAt).ToListAsync(ct);
        return new EvidenceDetail(
            Summary(item, reviews.GetValueOrDefault(item.Id)), item.Place, protector.Unprotect(item.PersonsCipher), item.Sha256, item.FileName, item.DeviceId,
            DeviceStateAtCapture.FromJson(item.DeviceStateJson), ContinuityReport.FromJson(item.ContinuityJson), item.CollectedBy, item.AiEventId, item.SelfReportId,
            [.. holds.Select(h => new HoldView(h.Id, h.Holder, h.Reason, h.PlacedBy, h.PlacedAt, h.ReleasedAt, h.RetainUntil))],
            RetentionPolicy.ExpiresAt(item.RetentionUntil, holds));
    }

    /// <summary>
    /// The original, hash re-checked. A download or export needs a reason; a view (the page's viewer) may
    /// give one. Refused with <c>evidence.tampered</c> naming the item when the bytes no longer match.
    /// </summary>
    public async Task<Result<EvidenceContent>> ContentAsync(CurrentUser caller, Guid id, AccessAction action, string? reason, CancellationToken ct)
    {
        if (await Scoped(caller).AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is not { } item)
        {
            return Error.NotFound("证据");
        }

        reason = reason?.Trim();
        if (action != AccessAction.View && string.IsNullOrEmpty(reason))
        {
            return Error.Validation("reason", "下载或导出证据须填写事由（如：立案审查、听证准备）。");
        }

        if (reason is { Length: > 500 })
        {
            return Error.Validation("reason", "事由不得超过 500 字。");
        }

        if (item.ExpiredAt is { } expired)
        {
            await RecordAsync(caller, item.Id, action, reason, AccessOutcome.Expired, ct);
            return Error.Conflict("evidence.expired", $"证据“{item.Title}”已于 {ChinaTime.Format(expired)} 超过保存期限，原件已依规删除，仅保留登记信息。");
        }

        byte[]? bytes;
        try
        {
            bytes = await objects.ReadAsync(item.Sha256, ct);
        }
        catch (TamperedObjectException)
        {
            log.LogError("Evidence item {Item}: stored object {Sha256} fails its hash check (tampering)", item.Id, item.Sha256);
            await RecordAsync(caller, item.Id, action, reason, AccessOutcome.Tampered, ct);
            return Tampered(item);
        }

        if (bytes is null)
        {
            log.LogError("Evidence item {Item}: stored object {Sha256} is missing", item.Id, item.Sha256);
            await RecordAsync(caller, item.Id, action, reason, AccessOutcome.Tampered, ct);
            return Error.Conflict("evidence.missing", $"证据“{item.Title}”（编号 {item.Id}）的原件在存储中缺失，疑似被删除，已记录并拒绝提供。");
        }

        await RecordAsync(caller, item.Id, action, reason ?? "页面查看", AccessOutcome.Served, ct);
        return new EvidenceContent(bytes, item.MediaType, item.FileName);
    }

    public async Task<Result<IReadOnlyList<CustodyEntry>>> CustodyAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        if (!await Scoped(caller).AnyAsync(i => i.Id == id, ct))
        {
            return Error.NotFound("证据");
        }

        var entries = await db.EvidenceAccess.AsNoTracking().Where(a => a.ItemId == id).OrderByDescending(a => a.Id).Take(500).ToListAsync(ct);
        return entries.Select(a => new CustodyEntry(a.Id, a.Action.ToString(), ActionName(a.Action), a.Reason, OutcomeName(a.Outcome), a.UserName, a.At)).ToList();
    }

    public static Error Tampered(EvidenceItem item) =>
        Error.Conflict("evidence.tampered", $"证据“{item.Title}”（编号 {item.Id}）的原件与登记的 SHA-256 哈希不符，疑似被篡改，已记录并拒绝提供。");

    internal async Task RecordAsync(CurrentUser caller, Guid itemId, AccessAction action, string? reason, AccessOutcome outcome, CancellationToken ct)
    {
        db.EvidenceAccess.Add(new EvidenceAccess(itemId, action, reason, outcome, caller.Id, $"{caller.DisplayName}（{caller.UserName}）", clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Evidence of the caller's jurisdiction (cases do not exist yet; case membership will add to this).</summary>
    internal IQueryable<EvidenceItem> Scoped(CurrentUser caller) => Scope(db, caller.Jurisdiction);

    internal static IQueryable<EvidenceItem> Scope(TianmuDb db, Jurisdiction j) =>
        j.Everything ? db.EvidenceItems : j.AgencyPath is { } path ? db.EvidenceItems.Where(i => i.AgencyPath.StartsWith(path)) : db.EvidenceItems.Where(_ => false);

    internal static EvidenceSummary Summary(EvidenceItem i, EvidenceReview? latest) => new(
        i.Id, i.Title, i.Form.ToString(), i.Form.ToChinese(), i.CaptureMethod.ToString(), i.CaptureMethod.ToChinese(), i.EntityId, i.EntityName, i.WarningId,
        i.FactAt, i.FactUntil, i.MediaType, i.SizeBytes, i.CollectedAt, latest is null ? "待审查" : latest.Passed ? "审查通过" : "审查未通过",
        i.RetentionUntil, i.ExpiredAt);

    public static string ActionName(AccessAction a) => a switch
    {
        AccessAction.View => "查看",
        AccessAction.Download => "下载",
        AccessAction.Export => "导出",
        _ => "审查",
    };

    private static string OutcomeName(AccessOutcome o) => o switch
    {
        AccessOutcome.Served => "已提供",
        AccessOutcome.Tampered => "哈希不符，拒绝提供",
        _ => "已过保存期限",
    };
}
