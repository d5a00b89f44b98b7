using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Evidence;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Security;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Evidence;

/// <summary>
/// An officer uploads an original with its elements (multipart/form-data: <c>file</c>, <c>entityId</c>,
/// <c>title</c>, <c>form</c>, <c>factAt</c>, <c>place</c>, and optionally <c>persons</c>, <c>warningId</c>,
/// <c>deviceId</c>). The entity, warning and device must be the caller's and belong together; the persons
/// named (personal data) are stored encrypted.
/// </summary>
public sealed class EvidenceUpload(TianmuDb db, IObjectStore objects, EvidenceRecorder recorder, PersonalDataProtector protector, TimeProvider clock)
{
    public const long MaxBytes = 200L * 1024 * 1024;

    public async Task<Result<EvidenceSummary>> UploadAsync(CurrentUser caller, HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return Error.UnsupportedMediaType("unsupported_media_type", "请以 multipart/form-data 提交：file（原件）及证据要素字段。");
        }

        var form = await request.ReadFormAsync(ct);
        var errors = new FieldErrors();
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            errors.Add("file", "请选择要上传的原件文件。");
        }

        var title = form["title"].ToString().Trim();
        errors.Required("title", title, "证据名称", 200);
        var place = form["place"].ToString().Trim();
        errors.Required("place", place, "地点", 300);
        var persons = form["persons"].ToString().Trim();
        if (persons.Length > 500)
        {
            errors.Add("persons", "人物不得超过 500 字。");
        }

        if (!Enum.TryParse<EvidenceForm>(form["form"], out var evidenceForm) || !Enum.IsDefined(evidenceForm))
        {
            errors.Add("form", $"证据形式须为：{string.Join("、", Enum.GetValues<EvidenceForm>().Select(f => $"{f}（{f.ToChinese()}）"))}。");
        }

        var now = clock.GetUtcNow();
        if (!DateTimeOffset.TryParse(form["factAt"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var factAt))
        {
            errors.Add("factAt", "请填写事实发生时间 factAt（ISO 8601，含时区）。");
        }
        else if (factAt > now.AddMinutes(5))
        {
            errors.Add("factAt", "事实发生时间不能晚于现在。");
        }

        var entityId = Guid.TryParse(form["entityId"], out var e) ? e : (Guid?)null;
        if (entityId is null)
        {
            errors.Add("entityId", "请选择监管对象。");
        }

        Guid? warningId = Guid.TryParse(form["warningId"], out var w) ? w : null;
        Guid? deviceId = Guid.TryParse(form["deviceId"], out var d) ? d : null;
        if (errors.Any)
        {
            return errors.ToError();
        }

        var entity = await db.EntitiesIn(caller.Jurisdiction).AsNoTracking().FirstOrDefaultAsync(x => x.Id == entityId, ct);
        if (entity is null)
        {
            return Error.NotFound("监管对象");
        }

        if (warningId is { } wid && !await db.Warnings.AnyAsync(x => x.Id == wid && x.EntityId == entity.Id, ct))
        {
            return Error.Validation("warningId", "所选预警不属于该监管对象。");
        }

        if (deviceId is { } did && !await db.Devices.AnyAsync(x => x.Id == did && x.EntityId == entity.Id, ct))
        {
            return Error.Validation("deviceId", "所选设备不属于该监管对象。");
        }

        string sha;
        await using (var stream = file!.OpenReadStream())
        {
            sha = await objects.PutAsync(stream, ct);
        }

        var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
        var item = await recorder.RecordAsync(
            new EvidenceFacts(null, entity.AgencyId, entity.AgencyPath, entity.Id, entity.Name, title, evidenceForm, factAt.ToUniversalTime(), null, place,
                protector.Protect(persons), WarningId: warningId),
            new StoredOriginal(sha, string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType, string.IsNullOrWhiteSpace(name) ? sha : name, file.Length),
            new Provenance(CaptureMethod.OfficerUpload, deviceId, await recorder.DeviceStateAsync(deviceId, factAt, ct), null,
                $"{caller.DisplayName}（{caller.UserName}）", caller.Id, now),
            ct);
        return EvidenceDesk.Summary(item!, null);
    }
}
