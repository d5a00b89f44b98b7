using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Devices;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Warnings;

namespace Tianmu.Server.Portal;

/// <summary>
/// One thing a user of the entity did: when, who, what (in Chinese) and on which object of which entity. <c>Id</c> is
/// the newest audit record of the action (stable); <c>Action</c> the trail's action code, e.g. <c>case.record_statement</c>.
/// </summary>
public sealed record ActivityItem(long Id, DateTimeOffset At, Guid UserId, string UserName, string What, string? Subject, Guid? EntityId, string? EntityName, string Action);

/// <summary>A page of the record, newest first; <c>Before</c> is the cursor of the next (older) page, null at the end.</summary>
public sealed record ActivityPage(IReadOnlyList<ActivityItem> Items, long? Before);

public sealed record ActivityFilter(long? Before, int? PageSize);

/// <summary>
/// The record of what the users of the caller's entities did (签署、报送、回应、陈述申辩、听证申请、阅读消息…), read
/// from the audit trail: every change is audited with its actor in the same transaction, so nothing done through the
/// platform is missing. One request is one action (its audit records grouped by request id).
/// </summary>
/// <remarks>
/// Isolation: records are those of users bound to the caller's entities. An action on an object of another entity
/// (a user who also acts for an entity the caller does not) is left out; an action whose object cannot be placed
/// (a token issued, a failed password) is shown only when its user acts for none but the caller's entities.
/// Actions added by later features appear under a generic name until <see cref="Names"/> gives them their own.
/// </remarks>
public sealed class PortalActivity(TianmuDb db)
{
    private const int Chunk = 200;
    private const int MaxScan = 5000;

    /// <summary>Audit actions as the party would say them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["device.confirm"] = "签署设备安装确认书",
        ["self_report.created"] = "自律报送并签署信息真实性承诺书",
        ["warning_response.created"] = "回应预警",
        ["case.record_statement"] = "提交陈述申辩",
        ["case.request_hearing"] = "申请听证",
        ["case.waive_rights"] = "放弃陈述申辩和听证权利",
        ["notification.updated"] = "阅读消息",
        ["auth.token_issued"] = "获取接口访问令牌（系统对接）",
        ["api_token.deleted"] = "注销接口访问令牌",
        ["service_address_confirmation.created"] = "签署送达地址确认书",
        ["service_record.updated"] = "查阅电子送达的文书（首次打开）",
        ["case.record_payment"] = "缴纳罚款",
        ["credit_repair.applied"] = "申请信用修复",
    };

    /// <summary>Which record of an action names its object, most telling first.</summary>
    private static readonly string[] Subjects =
        ["case_statement", "warning_response", "credit_repair", "self_report", "service_address_confirmation", "service_record", "payment", "device", "case", "warning", "notification"];

    public async Task<ActivityPage> ListAsync(CurrentUser caller, ActivityFilter filter, CancellationToken ct)
    {
        var size = Math.Clamp(filter.PageSize ?? 30, 1, 100);
        var mine = (await db.EntityIdsOf(caller).ToListAsync(ct)).ToHashSet();
        var links = await db.EntityUsers.AsNoTracking().Where(l => db.EntityUsers.Any(m => m.UserId == l.UserId && mine.Contains(m.EntityId))).ToListAsync(ct);
        var users = links.Select(l => (Guid?)l.UserId).Distinct().ToList();
        var exclusive = links.GroupBy(l => l.UserId).Where(g => g.All(l => mine.Contains(l.EntityId))).Select(g => g.Key).ToHashSet();
        var names = await db.Users.AsNoTracking().Where(u => users.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => $"{u.DisplayName}（{u.UserName}）", ct);
        var entityNames = await db.Entities.AsNoTracking().Where(e => mine.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);

        var shown = new List<(ActivityItem Item, long MinId)>();
        var pending = new List<AuditRecord>();
        var cursor = filter.Before ?? long.MaxValue;
        var exhausted = users.Count == 0;
        var scanned = 0;
        while (shown.Count <= size && !exhausted && scanned < MaxScan)
        {
            var from = cursor;
            var chunk = await db.AuditRecords.AsNoTracking().Where(a => users.Contains(a.ActorId) && a.Id < from).OrderByDescending(a => a.Id).Take(Chunk).ToListAsync(ct);
            scanned += chunk.Count;
            exhausted = chunk.Count < Chunk;
            cursor = chunk.Count > 0 ? chunk[^1].Id : cursor;
            pending.AddRange(chunk);

            // The action of the oldest row read may have more rows below it: finish it with the next chunk.
            var open = exhausted || pending.Count == 0 ? null : KeyOf(pending[^1]);
            var complete = pending.GroupBy(KeyOf).Where(g => g.Key != open).Select(g => g.ToList()).ToList();
            pending = [.. pending.Where(a => KeyOf(a) == open)];
            foreach (var (item, minId) in await DescribeAsync(complete, names, ct))
            {
                var entity = item.EntityId;
                if (entity is { } e ? mine.Contains(e) : exclusive.Contains(item.UserId))
                {
                    shown.Add((item with { EntityName = entity is { } id ? entityNames.GetValueOrDefault(id) : null }, minId));
                }
            }
        }

        var page = shown.OrderByDescending(s => s.Item.Id).Take(size).ToList();
        long? before = shown.Count > size ? page[^1].MinId
            : exhausted ? null
            : pending.Count > 0 ? pending.Max(a => a.Id) + 1 : cursor;
        return new ActivityPage([.. page.Select(s => s.Item)], before);
    }

    private static string KeyOf(AuditRecord a) => $"{a.ActorId}/{a.RequestId ?? "#" + a.Id}";

    /// <summary>Names each action and places its object: which entity it belongs to, and a short description.</summary>
    private async Task<List<(ActivityItem Item, long MinId)>> DescribeAsync(List<List<AuditRecord>> actions, Dictionary<Guid, string> names, CancellationToken ct)
    {
        var mains = actions.Select(rows => rows.OrderBy(r => Array.IndexOf(Subjects, r.EntityType) is var i && i < 0 ? int.MaxValue : i).First()).ToList();
        var places = await PlaceAsync(mains, ct);
        return [.. actions.Zip(mains).Select(x =>
        {
            var (rows, main) = x;
            var newest = rows.MaxBy(r => r.Id)!;
            var place = places.GetValueOrDefault((main.EntityType, main.EntityId));
            var user = main.ActorId!.Value;
            var what = What(main, place);
            return (new ActivityItem(newest.Id, newest.At, user, names.GetValueOrDefault(user, main.ActorName), what, place?.Subject, place?.EntityId, null, main.Action),
                rows.Min(r => r.Id));
        })];
    }

    private sealed record Place(Guid EntityId, string Subject, string? Detail = null);

    private static string What(AuditRecord main, Place? place)
    {
        if (main.Action == "user.updated" && main.EntityType == "user")
        {
            return PasswordEvent(main.Changes);
        }

        var name = Names.GetValueOrDefault(main.Action) ?? Generic(main);
        return place?.Detail is { } detail ? $"{name}：{detail}" : name;
    }

    /// <summary>The user record changes on its own when a password check fails, locks the account or succeeds after failures.</summary>
    private static string PasswordEvent(string changes)
    {
        using var json = JsonDocument.Parse(changes);
        var root = json.RootElement;
        if (root.TryGetProperty("lockout_end", out var lockout) && lockout[1].ValueKind != JsonValueKind.Null)
        {
            return "连续输错密码，账户被临时锁定";
        }

        if (root.TryGetProperty("access_failed_count", out var failed) && failed[0].TryGetInt32(out var was) && failed[1].TryGetInt32(out var now))
        {
            return now > was ? "密码验证失败（登录或再次确认密码）" : "密码验证通过，失败次数清零";
        }

        return "账户信息更新";
    }

    private static string Generic(AuditRecord a)
    {
        var verb = a.Action.EndsWith(".created", StringComparison.Ordinal) ? "新建" : a.Action.EndsWith(".deleted", StringComparison.Ordinal) ? "删除" : "操作";
        return $"{verb}（{a.Action}）";
    }

    /// <summary>For each main record, the entity its object belongs to; records of other kinds stay unplaced.</summary>
    private async Task<Dictionary<(string Type, string Id), Place>> PlaceAsync(List<AuditRecord> mains, CancellationToken ct)
    {
        var ids = mains.GroupBy(m => m.EntityType).ToDictionary(g => g.Key, g => g.Select(m => Guid.TryParse(m.EntityId, out var id) ? id : Guid.Empty).Distinct().ToList());
        List<Guid> Of(string type) => ids.GetValueOrDefault(type) ?? [];
        var places = new Dictionary<(string, string), Place>();
        void Add(string type, Guid id, Place place) => places[(type, id.ToString())] = place;

        var devices = Of("device");
        foreach (var d in await db.Devices.AsNoTracking().Where(d => devices.Contains(d.Id)).Select(d => new { d.Id, d.EntityId, d.Type, d.Site }).ToListAsync(ct))
        {
            Add("device", d.Id, new Place(d.EntityId, $"{d.Type.ToChinese()}（{d.Site}）", $"{d.Type.ToChinese()}（{d.Site}）"));
        }

        var responses = Of("warning_response");
        foreach (var r in await db.WarningResponses.AsNoTracking().Where(r => responses.Contains(r.Id))
                     .Join(db.Warnings, r => r.WarningId, w => w.Id, (r, w) => new { r.Id, r.EntityId, r.Kind, w.RuleName }).ToListAsync(ct))
        {
            Add("warning_response", r.Id, new Place(r.EntityId, $"预警“{r.RuleName}”", $"{r.Kind.ToChinese()}（预警“{r.RuleName}”）"));
        }

        var warnings = Of("warning");
        foreach (var w in await db.Warnings.AsNoTracking().Where(w => warnings.Contains(w.Id)).Select(w => new { w.Id, w.EntityId, w.RuleName }).ToListAsync(ct))
        {
            Add("warning", w.Id, new Place(w.EntityId, $"预警“{w.RuleName}”"));
        }

        var reports = Of("self_report");
        foreach (var r in await db.SelfReports.AsNoTracking().Where(r => reports.Contains(r.Id))
                     .Join(db.SelfReportForms, r => r.FormId, f => f.Id, (r, f) => new { r.Id, r.EntityId, r.PeriodStart, f.Name }).ToListAsync(ct))
        {
            Add("self_report", r.Id, new Place(r.EntityId, $"“{r.Name}”{r.PeriodStart:yyyy-MM-dd} 期", $"“{r.Name}”{r.PeriodStart:yyyy-MM-dd} 期"));
        }

        var caseIds = Of("case");
        var events = Of("case_event");
        var statements = Of("case_statement");
        var ofEvents = await db.CaseEvents.AsNoTracking().Where(e => events.Contains(e.Id)).Select(e => new { e.Id, e.CaseId }).ToListAsync(ct);
        var ofStatements = await db.CaseStatements.AsNoTracking().Where(s => statements.Contains(s.Id)).Select(s => new { s.Id, s.CaseId }).ToListAsync(ct);
        var all = caseIds.Concat(ofEvents.Select(e => e.CaseId)).Concat(ofStatements.Select(s => s.CaseId)).Distinct().ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => all.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => new Place(c.EntityId, $"案件“{c.Title}”", $"案件“{c.Title}”"), ct);
        foreach (var (id, place) in cases)
        {
            Add("case", id, place);
        }

        foreach (var e in ofEvents.Where(e => cases.ContainsKey(e.CaseId)))
        {
            Add("case_event", e.Id, cases[e.CaseId]);
        }

        foreach (var s in ofStatements.Where(s => cases.ContainsKey(s.CaseId)))
        {
            Add("case_statement", s.Id, cases[s.CaseId]);
        }

        var confirmations = Of("service_address_confirmation");
        foreach (var c in await db.ServiceAddressConfirmations.AsNoTracking().Where(c => confirmations.Contains(c.Id)).Select(c => new { c.Id, c.EntityId, c.Address }).ToListAsync(ct))
        {
            Add("service_address_confirmation", c.Id, new Place(c.EntityId, "送达地址确认书", $"送达地址“{c.Address}”"));
        }

        var served = Of("service_record");
        foreach (var r in await db.ServiceRecords.AsNoTracking().Where(r => served.Contains(r.Id))
                     .Join(db.Documents, r => r.DocumentId, d => d.Id, (r, d) => new { r.Id, r.EntityId, d.Type, d.Number }).ToListAsync(ct))
        {
            var document = $"《{Tianmu.Documents.DocumentTypes.Of(r.Type).Name}》{r.Number}";
            Add("service_record", r.Id, new Place(r.EntityId, document, document));
        }

        var payments = Of("payment");
        foreach (var p in await db.Payments.AsNoTracking().Where(p => payments.Contains(p.Id) && p.EntityId != null).Select(p => new { p.Id, p.EntityId, p.Amount, p.Code }).ToListAsync(ct))
        {
            Add("payment", p.Id, new Place(p.EntityId!.Value, $"缴款码 {p.Code}", $"{p.Amount:0.00} 元（缴款码 {p.Code}）"));
        }

        var repairs = Of("credit_repair");
        foreach (var r in await db.CreditRepairs.AsNoTracking().Where(r => repairs.Contains(r.Id)).Select(r => new { r.Id, r.EntityId, r.FactKind }).ToListAsync(ct))
        {
            Add("credit_repair", r.Id, new Place(r.EntityId, "信用修复", $"信用修复（{Credit.CreditGradeReader.KindName(r.FactKind)}）"));
        }

        var messages = Of("notification");
        foreach (var n in await db.Notifications.AsNoTracking().Where(n => messages.Contains(n.Id)).Select(n => new { n.Id, n.EntityId, n.Title }).ToListAsync(ct))
        {
            Add("notification", n.Id, new Place(n.EntityId, $"消息“{n.Title}”", $"“{n.Title}”"));
        }

        return places;
    }
}
