using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Devices;
using Tianmu.Evidence;
using Tianmu.Persistence;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;
using Tianmu.Server.Warnings;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Portal;

public sealed record PortalWarningRow(
    Guid Id, string RuleName, string Clause, string Category, string CategoryName, string Severity, string SeverityName, string Summary,
    string? DeviceName, DateTimeOffset EpisodeStart, DateTimeOffset? EpisodeEnd, string Status, string StatusName, DateOnly? RectifyBy, DateTimeOffset? LastResponseAt);

/// <summary>One sample that raised the warning: device time, value, whether it is usable as evidence, and its source (event, report) if any.</summary>
public sealed record EvidenceSample(DateTimeOffset Time, double Value, bool Usable, string? Source);

public sealed record PortalWarningView(
    PortalWarningRow Warning, string PackCode, int PackVersion, string? Metric, string? MetricName, string? Unit, DateTimeOffset RaisedAt, string? OfficerNote,
    IReadOnlyList<EvidenceSample> Evidence, IReadOnlyList<ResponseView> Responses, IReadOnlyList<string> AllowedResponses);

/// <summary>An answer to a warning; <c>Password</c> is the user's login password, re-confirmed before anything is kept.</summary>
public sealed record ResponseInput(string? Kind, string? Text, string? Password = null);

/// <summary>A file attached to an answer: its name as uploaded, declared type and content.</summary>
public sealed record ResponseFile(string Name, string? ContentType, Func<Stream> Open)
{
    public static IReadOnlyList<ResponseFile> From(IFormCollection form) =>
        [.. form.Files.Where(f => f.Length > 0).Select(f => new ResponseFile(CleanName(f.FileName), f.ContentType, f.OpenReadStream))];

    /// <summary>Only the last path segment, at most 100 characters: the name is shown, never used as a path.</summary>
    private static string CleanName(string name)
    {
        var clean = Path.GetFileName(name.Replace('\\', '/')).Trim();
        return clean.Length == 0 ? "附件" : clean.Length > 100 ? clean[^100..] : clean;
    }
}

/// <summary>
/// The entity's side of its warnings (S15/Z16; 行政处罚法 art. 41: the party is told promptly and may
/// query, state and defend online): the warnings of its own entities with the rule, clause and the
/// readings that raised them, and its answers — confirm, explain, contest, or report a rectification
/// done. An answer is appended and audited; it never moves the warning on by itself.
/// </summary>
public sealed class PortalWarnings(TianmuDb db, IObjectStore objects, Reconfirmation reconfirmation, TimeProvider clock)
{
    /// <summary>
    /// What the entity sees: every category. Device warnings too — silence, a flat line or a covered
    /// lens are the entity's to put right (S6/Z23: it must keep the device working and report faults).
    /// </summary>
    public static readonly WarningCategory[] Visible = [WarningCategory.Violation, WarningCategory.Trend, WarningCategory.SelfSupervision, WarningCategory.Device];

    public const int MaxAttachments = PortalUploads.MaxFiles;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A sample as <see cref="Warning.EvidenceJson"/> stores it: {t, v, u, r?}.</summary>
    private sealed record StoredSample(DateTimeOffset T, double V, bool U, string? R);

    public async Task<Paged<PortalWarningRow>> ListAsync(CurrentUser caller, bool? open, int? page, int? pageSize, CancellationToken ct)
    {
        var query = Mine(caller).AsNoTracking();
        query = open is { } o ? query.Where(w => w.IsOpen == o) : query;
        var paged = await query.OrderByDescending(w => w.IsOpen).ThenByDescending(w => w.CreatedAt).PageAsync(page, pageSize, ct);
        var devices = await DeviceNamesAsync(paged.Items.Select(w => w.DeviceId), ct);
        return paged.Map(w => Row(w, devices));
    }

    public async Task<Result<PortalWarningView>> GetAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var w = await Mine(caller).AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);
        if (w is null)
        {
            return Error.NotFound("预警");
        }

        var parameter = w.DeviceId is { } device && w.Metric is { } metric
            ? await db.DeviceParameters.AsNoTracking().FirstOrDefaultAsync(p => p.DeviceId == device && p.Code == metric, ct)
            : null;
        var responses = await db.WarningResponses.AsNoTracking().Where(r => r.WarningId == id).ToListAsync(ct);
        var evidence = (JsonSerializer.Deserialize<List<StoredSample>>(w.EvidenceJson, Json) ?? []).Select(s => new EvidenceSample(s.T, s.V, s.U, s.R));
        return new PortalWarningView(
            Row(w, await DeviceNamesAsync([w.DeviceId], ct)), w.PackCode, w.PackVersion, w.Metric, parameter?.Name, parameter?.Unit, w.RaisedAt,
            w.Status is WarningStatus.RectificationOrdered or WarningStatus.Rectified or WarningStatus.FalseAlarm ? w.Note : null,
            [.. evidence.OrderBy(s => s.Time)], [.. responses.OrderBy(r => r.At).ThenBy(r => r.Id).Select(WarningResponses.View)],
            [.. Allowed(w).Select(k => k.ToString())]);
    }

    public async Task<Result<ResponseView>> RespondAsync(CurrentUser caller, Guid id, ResponseInput input, IReadOnlyList<ResponseFile> files, CancellationToken ct)
    {
        var warning = await Mine(caller).FirstOrDefaultAsync(w => w.Id == id, ct);
        if (warning is null)
        {
            return Error.NotFound("预警");
        }

        var errors = new FieldErrors();
        var kind = Enum.TryParse<ResponseKind>(input.Kind, out var k) && Enum.IsDefined(k) && !int.TryParse(input.Kind, out _) ? k : (ResponseKind?)null;
        if (kind is null)
        {
            errors.Add("kind", "回应类型须为 Confirm（确认属实）、Explain（说明情况）、Contest（陈述申辩/异议）或 RectificationDone（已完成整改）。");
        }
        else if (kind.Value.NeedsText())
        {
            errors.Required("text", input.Text, kind == ResponseKind.Explain ? "情况说明" : "陈述申辩的事实和理由", WarningResponse.MaxText);
        }
        else if (input.Text?.Trim().Length > WarningResponse.MaxText)
        {
            errors.Add("text", $"说明不能超过 {WarningResponse.MaxText} 个字符。");
        }

        PortalUploads.Check(files, errors);
        if (errors.Any)
        {
            return errors.ToError();
        }

        if (kind == ResponseKind.RectificationDone && warning.Status != WarningStatus.RectificationOrdered)
        {
            return Error.Conflict("warning_response.no_rectification_ordered", "该预警未被责令整改（或整改已确认），无需报告整改完成。");
        }

        // Every answer speaks for the entity — confirming a violation as much as contesting it — so each one re-confirms the password.
        if (await reconfirmation.CheckAsync(caller, input.Password, ct) is { } refused)
        {
            return refused;
        }

        var stored = await PortalUploads.StoreAsync(objects, files, "warning_response", ct);
        if (stored.Value is not { } attachments)
        {
            return stored.Error!;
        }

        var now = clock.GetUtcNow();
        var text = string.IsNullOrWhiteSpace(input.Text) ? null : input.Text.Trim();
        var response = new WarningResponse(Guid.CreateVersion7(), warning, kind!.Value, text, WarningResponses.Serialize(attachments), caller.Id,
            $"{caller.DisplayName}（{caller.UserName}）", now);
        db.WarningResponses.Add(response);
        warning.Answered(now);
        await db.SaveChangesAsync(ct);
        return WarningResponses.View(response);
    }

    public async Task<Result<StoredFile>> AttachmentAsync(CurrentUser caller, Guid id, string sha256, CancellationToken ct) =>
        await Mine(caller).AnyAsync(w => w.Id == id, ct) ? await WarningResponses.FileAsync(db, objects, id, sha256, ct) : Error.NotFound("预警");

    /// <summary>What the entity may answer now: a rectification done only while one is ordered.</summary>
    public static IEnumerable<ResponseKind> Allowed(Warning w) =>
        Enum.GetValues<ResponseKind>().Where(k => k != ResponseKind.RectificationDone || w.Status == WarningStatus.RectificationOrdered);

    /// <summary>Warnings of the caller's own entities, of the categories the entity sees; anything else is simply not found.</summary>
    private IQueryable<Warning> Mine(CurrentUser caller) =>
        db.Warnings.Where(w => Visible.Contains(w.Category) && db.EntityUsers.Any(l => l.UserId == caller.Id && l.EntityId == w.EntityId));

    private async Task<Dictionary<Guid, string>> DeviceNamesAsync(IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var list = ids.OfType<Guid>().Distinct().ToList();
        var devices = await db.Devices.AsNoTracking().Where(d => list.Contains(d.Id)).Select(d => new { d.Id, d.Type, d.Site }).ToListAsync(ct);
        return devices.ToDictionary(d => d.Id, d => $"{d.Type.ToChinese()}（{d.Site}）");
    }

    private static PortalWarningRow Row(Warning w, Dictionary<Guid, string> devices) => new(
        w.Id, w.RuleName, w.Clause, w.Category.ToString(), CategoryName(w.Category), w.Severity.ToString(), SeverityName(w.Severity), w.Summary,
        w.DeviceId is { } d ? devices.GetValueOrDefault(d) : null, w.EpisodeStart, w.EpisodeEnd, w.Status.ToString(), w.Status.ToChinese(), w.RectifyBy,
        w.LastResponseAt);

    public static string CategoryName(WarningCategory c) => c switch
    {
        WarningCategory.Violation => "违法预警",
        WarningCategory.Trend => "苗头性/趋势性预警",
        WarningCategory.Device => "设备预警",
        _ => "自律预警",
    };

    public static string SeverityName(Severity s) => s switch { Severity.High => "严重", Severity.Medium => "一般", _ => "提示" };
}
