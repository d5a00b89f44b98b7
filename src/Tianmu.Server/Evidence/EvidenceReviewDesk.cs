using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Evidence;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Evidence;

/// <summary>The officer's review: which checklist points they confirm, the conclusion, and the reason when it fails.</summary>
public sealed record ReviewInput(bool? Passed, string? Reason, string[]? Confirmed);

public sealed record ReviewView(Guid Id, bool Passed, string? Reason, ReviewChecklist Checklist, string ReviewerName, DateTimeOffset ReviewedAt);

/// <summary>The checklist as the system finds it now, the reviews so far (latest first), and whether the item may be relied on.</summary>
public sealed record ReviewSheet(Guid ItemId, ReviewChecklist Found, IReadOnlyList<ReviewView> History, bool Reliable);

/// <summary>Whether a set of items may be relied on by a decision, and which may not and why.</summary>
public sealed record Reliance(bool AllPassed, IReadOnlyList<Guid> NotReviewed, IReadOnlyList<Guid> Failed, IReadOnlyList<Guid> Expired, IReadOnlyList<Guid> Unknown);

/// <summary>
/// 证据审查 (art. 41, S14/Z17): a checklist per item, pre-filled with what the system can establish now
/// (the hash re-verified, the device's state at capture, the continuity check, the link to the entity and
/// the warning) and concluded by a named officer. Reviews are appended; the latest counts. An item that
/// has not passed its latest review — or whose original is gone — cannot be relied on
/// (<c>RelianceAsync</c>, for the case decision).
/// </summary>
public sealed class EvidenceReviewDesk(TianmuDb db, IObjectStore objects, EvidenceDesk desk, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Result<ReviewSheet>> SheetAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        if (await desk.Scoped(caller).AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is not { } item)
        {
            return Error.NotFound("证据");
        }

        var history = await db.EvidenceReviews.AsNoTracking().Where(r => r.ItemId == id).OrderByDescending(r => r.ReviewedAt).ToListAsync(ct);
        var views = history.Select(r => new ReviewView(r.Id, r.Passed, r.Reason, JsonSerializer.Deserialize<ReviewChecklist>(r.ChecklistJson, Json)!, r.ReviewerName, r.ReviewedAt)).ToList();
        return new ReviewSheet(id, await FindAsync(item, new HashSet<string>(), ct), views, item.ExpiredAt is null && history.FirstOrDefault()?.Passed == true);
    }

    public async Task<Result<ReviewView>> ReviewAsync(CurrentUser caller, Guid id, ReviewInput input, CancellationToken ct)
    {
        if (await desk.Scoped(caller).AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is not { } item)
        {
            return Error.NotFound("证据");
        }

        var errors = new FieldErrors();
        if (input.Passed is not { } passed)
        {
            errors.Add("passed", "请给出审查结论：通过或不通过。");
            return errors.ToError();
        }

        var reason = input.Reason?.Trim();
        if (!passed)
        {
            errors.Required("reason", reason, "不通过的理由", 1000);
        }

        var known = ReviewChecklist.Items.Select(i => i.Code).ToHashSet();
        var confirmed = (input.Confirmed ?? []).ToHashSet();
        if (confirmed.Except(known).ToList() is { Count: > 0 } unknown)
        {
            errors.Add("confirmed", $"未知的审查项：{string.Join("、", unknown)}。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        if (item.ExpiredAt is not null)
        {
            return Error.Conflict("evidence.expired", $"证据“{item.Title}”已超过保存期限，原件已删除，不能再审查。");
        }

        var checklist = await FindAsync(item, confirmed, ct);
        if (passed)
        {
            if (checklist.Points.Where(p => !p.Confirmed).Select(p => p.Label).ToList() is { Count: > 0 } open)
            {
                return Error.Unprocessable("evidence.review_incomplete", $"审查通过须逐项确认，尚未确认：{string.Join("；", open)}。");
            }

            if (checklist.Points.Where(p => p.Found == false).Select(p => $"{p.Label}（{p.Detail}）").ToList() is { Count: > 0 } failing)
            {
                return Error.Unprocessable("evidence.review_contradicted",
                    $"系统核查发现以下事项不符合要求，依据《行政处罚法》第四十一条，该证据不能认定为审查通过：{string.Join("；", failing)}。");
            }
        }

        var review = new EvidenceReview(Guid.CreateVersion7(), item.Id, passed, reason, JsonSerializer.Serialize(checklist, Json), caller.Id,
            $"{caller.DisplayName}（{caller.UserName}）", clock.GetUtcNow());
        db.EvidenceReviews.Add(review);
        await db.SaveChangesAsync(ct);
        await desk.RecordAsync(caller, item.Id, AccessAction.Review, passed ? "证据审查：通过" : $"证据审查：不通过（{reason}）", AccessOutcome.Served, ct);
        return new ReviewView(review.Id, review.Passed, review.Reason, checklist, review.ReviewerName, review.ReviewedAt);
    }

    /// <summary>
    /// For the case decision (art. 41: an unreviewed or failing record is not evidence): whether every item
    /// has passed its latest review and still has its original. Not scoped: the case checks its own members.
    /// </summary>
    public async Task<Reliance> RelianceAsync(IReadOnlyCollection<Guid> itemIds, CancellationToken ct) => await RelianceAsync(db, itemIds, ct);

    public static async Task<Reliance> RelianceAsync(TianmuDb db, IReadOnlyCollection<Guid> itemIds, CancellationToken ct)
    {
        var ids = itemIds.Distinct().ToList();
        var items = await db.EvidenceItems.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.ExpiredAt }).ToListAsync(ct);
        var latest = await LatestAsync(db, ids, ct);
        var unknown = ids.Except(items.Select(i => i.Id)).ToList();
        var expired = items.Where(i => i.ExpiredAt is not null).Select(i => i.Id).ToList();
        var notReviewed = items.Where(i => !latest.ContainsKey(i.Id)).Select(i => i.Id).ToList();
        var failed = items.Where(i => latest.TryGetValue(i.Id, out var r) && !r.Passed).Select(i => i.Id).ToList();
        return new Reliance(unknown.Count + expired.Count + notReviewed.Count + failed.Count == 0, notReviewed, failed, expired, unknown);
    }

    /// <summary>The latest review of each item that has one.</summary>
    public static async Task<Dictionary<Guid, EvidenceReview>> LatestAsync(TianmuDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var reviews = await db.EvidenceReviews.AsNoTracking().Where(r => ids.Contains(r.ItemId)).ToListAsync(ct);
        return reviews.GroupBy(r => r.ItemId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.ReviewedAt).ThenByDescending(r => r.Id).First());
    }

    /// <summary>What the system establishes now for each point, with the officer's confirmations.</summary>
    private async Task<ReviewChecklist> FindAsync(EvidenceItem item, IReadOnlySet<string> confirmed, CancellationToken ct)
    {
        var hash = await HashAsync(item, ct);
        var state = DeviceStateAtCapture.FromJson(item.DeviceStateJson);
        var continuity = ContinuityReport.FromJson(item.ContinuityJson);
        var warning = item.WarningId is { } w ? await db.Warnings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == w, ct) : null;
        var found = new Dictionary<string, (bool? Found, string? Detail)>
        {
            ["device_reviewed"] = Device(state, s => s.Reviewed, "设备审核"),
            ["device_confirmed"] = Device(state, s => s.Confirmed, "相对人确认"),
            ["notice_posted"] = Device(state, s => s.NoticePosted, "现场公告"),
            ["location_published"] = Device(state, s => s.LocationPublished, "位置公布"),
            ["calibration_valid"] = state is null ? (null, "非设备采集，不适用")
                : (state.CalibrationValid, state.CalibrationRequired ? state.CertificateNumber is { } n ? $"证书 {n}，有效期至 {state.CertificateExpiresOn:yyyy-MM-dd}" : "采集当日无有效证书" : "该类设备无需检定"),
            ["not_private_place"] = state is null ? (null, "非设备采集，不适用") : (!state.PrivacyProtectedPlace, state.PlaceType),
            ["lawful_means"] = (null, item.CaptureMethod.ToChinese()),
            ["hash_verified"] = hash,
            ["continuous"] = continuity is null ? (null, "该类证据无连续性要求")
                : continuity.Checked ? (continuity.Continuous, continuity.Note) : (null, continuity.Note),
            ["no_edits"] = (hash.Found, "原件按哈希只写一次存储，无编辑途径"),
            ["entity_linked"] = warning is null ? (null, item.EntityName) : (warning.EntityId == item.EntityId, item.EntityName),
            ["violation_linked"] = warning is null ? (null, "未关联预警") : (warning.Category is WarningCategory.Violation or WarningCategory.Trend or WarningCategory.SelfSupervision, $"{warning.RuleName}（{warning.Clause}）"),
            ["elements_complete"] = Elements(item),
        };
        return new ReviewChecklist([.. ReviewChecklist.Items.Select(i => new ReviewChecklist.Point(i.Code, i.Group, i.Label, found[i.Code].Found, found[i.Code].Detail, confirmed.Contains(i.Code)))]);
    }

    private static (bool?, string?) Device(DeviceStateAtCapture? s, Func<DeviceStateAtCapture, bool> check, string what) =>
        s is null ? (null, "非设备采集，不适用") : (check(s), $"{what}：{(check(s) ? "采集时已完成" : "采集时未完成")}（设备状态：{s.Status}）");

    private static (bool?, string?) Elements(EvidenceItem i)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(i.Place))
        {
            missing.Add("地点");
        }

        if (string.IsNullOrWhiteSpace(i.EntityName))
        {
            missing.Add("人物");
        }

        return missing.Count == 0 ? (true, $"时间 {ChinaTime.Format(i.FactAt)}；地点 {i.Place}；人物 {i.EntityName}；形式 {i.Form.ToChinese()}") : (false, $"缺少：{string.Join("、", missing)}");
    }

    private async Task<(bool? Found, string? Detail)> HashAsync(EvidenceItem item, CancellationToken ct)
    {
        if (item.ExpiredAt is not null)
        {
            return (false, "原件已过保存期限并删除");
        }

        try
        {
            return await objects.ReadAsync(item.Sha256, ct) is null ? (false, "原件缺失") : (true, $"SHA-256 {item.Sha256} 复核一致");
        }
        catch (TamperedObjectException)
        {
            return (false, "原件内容与登记的 SHA-256 不符，疑似被篡改");
        }
    }
}
