using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Entities;
using Tianmu.Evidence;
using Tianmu.Persistence;
using Tianmu.SelfReports;
using Tianmu.Server.Auth;
using Tianmu.Server.Ingest;

namespace Tianmu.Server.SelfReports;

/// <summary>A report; signing its commitment re-confirms the signer's login password (<c>Password</c>).</summary>
public sealed record ReportInput(Guid? FormId, Guid? EntityId, DateOnly? Period, Dictionary<string, string?>? Values, string? CommitmentHash, bool? Agree, string? Password = null);

/// <summary>An uploaded attachment: its form part name (a1, a2… in the order of the form's attachments) and content.</summary>
public sealed record UploadedFile(string Part, string? ContentType, Func<Stream> Open);

/// <summary>A form as one of the user's entities sees it today: the current period and whether it is done.</summary>
public sealed record DueForm(FormView Form, Guid EntityId, string EntityName, DateOnly Period, DateTimeOffset DueAt, string State, string StateName);

public sealed record ReportView(
    Guid Id, Guid FormId, string FormName, int FormVersion, Guid EntityId, string EntityName, DateOnly Period, IReadOnlyList<ReportedValue> Values,
    IReadOnlyList<ReportAttachment> Attachments, string CommitmentText, string CommitmentHash, string SignerName, DateTimeOffset SubmittedAt, bool Late);

/// <summary>
/// The entity's side of self-reporting (S13/Z15): the forms that bind it, and submission — values
/// checked against the form, required attachments into the write-once store, and the commitment
/// signed with the hash of the text shown and the signer's password typed again. One report per form, entity and period.
/// </summary>
public sealed class SelfReportSubmissions(TianmuDb db, IObjectStore objects, Reconfirmation reconfirmation, TimeProvider clock)
{
    public const long MaxAttachmentBytes = 10 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<DueForm>> DueAsync(CurrentUser caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var result = new List<DueForm>();
        foreach (var entity in await MyEntities(caller).AsNoTracking().OrderBy(e => e.Name).ToListAsync(ct))
        {
            foreach (var (form, code) in await FormsForAsync(entity, ct))
            {
                var period = ReportPeriods.StartOf(form.Frequency, today);
                var dueAt = ReportPeriods.DueAt(form.Frequency, period, form.DueTime);
                var done = await db.SelfReports.AnyAsync(r => r.FormId == form.Id && r.EntityId == entity.Id && r.PeriodStart == period, ct);
                var (state, name) = done ? ("Submitted", "已报送") : now > dueAt ? ("Overdue", "已逾期") : ("Due", "待报送");
                result.Add(new DueForm(FormView.Of(form, code), entity.Id, entity.Name, period, dueAt, state, name));
            }
        }

        return result;
    }

    public async Task<Result<ReportView>> SubmitAsync(CurrentUser caller, ReportInput input, IReadOnlyList<UploadedFile> files, CancellationToken ct)
    {
        var entity = input.EntityId is { } entityId
            ? await MyEntities(caller).AsNoTracking().FirstOrDefaultAsync(e => e.Id == entityId, ct)
            : await MyEntities(caller).AsNoTracking().OrderBy(e => e.Name).FirstOrDefaultAsync(ct);
        var form = entity is null ? null : (await FormsForAsync(entity, ct)).Select(x => x.Form).FirstOrDefault(f => f.Id == input.FormId);
        if (entity is null || form is null)
        {
            return Error.NotFound("报送表单");
        }

        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        var period = ReportPeriods.StartOf(form.Frequency, input.Period ?? ChinaTime.DateOf(now));
        if (period > ChinaTime.DateOf(now) || period < ReportPeriods.StartOf(form.Frequency, form.EffectiveFrom))
        {
            errors.Add("period", $"报送期间须在表单生效（{form.EffectiveFrom:yyyy-MM-dd}）之后且不晚于今天。");
        }

        var values = ReportValues.Check(form.Fields, input.Values ?? [], errors);
        if (input.Agree != true || input.CommitmentHash != Commitments.Hash(form.CommitmentText))
        {
            errors.Add("agree", "请阅读承诺书并勾选“本单位承诺所报送信息真实”；如承诺书已更新，请刷新后重新阅读。");
        }

        CheckAttachments(form.Attachments, files, errors);
        if (errors.Any)
        {
            return errors.ToError();
        }

        if (await db.SelfReports.AnyAsync(r => r.FormId == form.Id && r.EntityId == entity.Id && r.PeriodStart == period, ct))
        {
            return Error.Conflict("self_report.duplicate", $"本单位 {period:yyyy-MM-dd} 期的“{form.Name}”已报送，不能重复报送。");
        }

        if (await reconfirmation.CheckAsync(caller, input.Password, ct) is { } refused)
        {
            return refused;
        }

        var stored = await StoreAttachmentsAsync(form.Attachments, files, ct);
        if (stored.Value is not { } attachments)
        {
            return stored.Error!;
        }

        var report = new SelfReport(Guid.CreateVersion7(), form, entity.Id, period, new Submission(
            JsonSerializer.Serialize(values, Json), JsonSerializer.Serialize(attachments, Json), form.CommitmentText,
            Commitments.Hash(form.CommitmentText), caller.Id, caller.DisplayName, now));
        db.SelfReports.Add(report);
        if (await db.OverdueReports.FirstOrDefaultAsync(o => o.FormId == form.Id && o.EntityId == entity.Id && o.PeriodStart == period, ct) is { } overdue)
        {
            overdue.MarkReported(now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Error.Conflict("self_report.duplicate", $"本单位 {period:yyyy-MM-dd} 期的“{form.Name}”已报送，不能重复报送。");
        }

        return View(report, form.Name, entity.Name);
    }

    public static ReportView View(SelfReport r, string formName, string entityName) => new(
        r.Id, r.FormId, formName, r.FormVersion, r.EntityId, entityName, r.PeriodStart,
        JsonSerializer.Deserialize<List<ReportedValue>>(r.ValuesJson, Json) ?? [], JsonSerializer.Deserialize<List<ReportAttachment>>(r.AttachmentsJson, Json) ?? [],
        r.CommitmentText, r.CommitmentHash, r.SignerName, r.SubmittedAt, r.Late);

    /// <summary>Active forms binding an entity: its agency or an agency above it, and its category.</summary>
    private async Task<List<(SelfReportForm Form, string Code)>> FormsForAsync(RegulatedEntity entity, CancellationToken ct)
    {
        var rows = await db.SelfReportForms.AsNoTracking().Where(f => f.Active)
            .Join(db.CatalogItems, f => f.CatalogItemId, i => i.Id, (f, i) => new { f, i.Code }).ToListAsync(ct);
        return [.. rows.Where(x => entity.AgencyPath.StartsWith(x.f.AgencyPath, StringComparison.Ordinal) && x.f.Binds(entity.Category, entity.SubCategory))
            .OrderBy(x => x.f.Name).Select(x => (x.f, x.Code))];
    }

    private IQueryable<RegulatedEntity> MyEntities(CurrentUser caller) =>
        db.Entities.Where(e => db.EntityUsers.Any(l => l.UserId == caller.Id && l.EntityId == e.Id));

    private static void CheckAttachments(IReadOnlyList<string> required, IReadOnlyList<UploadedFile> files, FieldErrors errors)
    {
        for (var i = 0; i < required.Count; i++)
        {
            var file = files.FirstOrDefault(f => f.Part == $"a{i + 1}");
            if (file is null)
            {
                errors.Add($"a{i + 1}", $"请上传附件“{required[i]}”。");
            }
            else if (AttachmentType(file.ContentType) is null)
            {
                errors.Add($"a{i + 1}", $"附件“{required[i]}”须为 JPEG、PNG 图片或 PDF 文件。");
            }
        }
    }

    private async Task<Result<List<ReportAttachment>>> StoreAttachmentsAsync(IReadOnlyList<string> required, IReadOnlyList<UploadedFile> files, CancellationToken ct)
    {
        var stored = new List<ReportAttachment>();
        for (var i = 0; i < required.Count; i++)
        {
            var file = files.First(f => f.Part == $"a{i + 1}");
            var type = AttachmentType(file.ContentType)!;
            await using var content = file.Open();
            var head = await UploadStream.HeadAsync(content, 8, ct);
            if (!(type == "application/pdf" ? head.AsSpan().StartsWith("%PDF"u8) : Tianmu.Ingest.AiEvents.MediaRules.Matches(type, head)))
            {
                return Error.UnsupportedMediaType("self_report.attachment_type", $"附件“{required[i]}”的内容与其类型 {type} 不符。");
            }

            var upload = new UploadStream(head, content, MaxAttachmentBytes);
            try
            {
                stored.Add(new ReportAttachment(required[i], await objects.PutAsync(upload, ct), type, upload.Length64));
            }
            catch (UploadTooLargeException)
            {
                return Error.TooLarge("self_report.attachment_too_large", $"附件“{required[i]}”超过 {MaxAttachmentBytes / 1024 / 1024} MB。");
            }
        }

        return stored;
    }

    private static string? AttachmentType(string? contentType) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            { } type when type is "image/jpeg" or "image/png" or "application/pdf" => type,
            _ => null,
        };
}
