using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Devices;
using Tianmu.Persistence;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Devices;

public sealed record CalibrationInput(string? Number, string? Issuer, DateOnly? IssuedOn, DateOnly? ExpiresOn);

public sealed record IncidentInput(IncidentKind? Kind, string? Description);

public sealed record ResolveInput(Liability? Liability, string? Outcome);

public sealed record MaintenanceInput(string? Description);

public sealed record ExpiringCalibration(Guid DeviceId, string EntityName, string TypeName, string Number, DateOnly ExpiresOn, int DaysLeft);

/// <summary>Calibration certificates, incidents, maintenance, and evidence usability at a given time.</summary>
public sealed class DeviceRecords(TianmuDb db, DeviceRegistry registry, TimeProvider clock)
{
    public async Task<Result<CalibrationView>> AddCalibrationAsync(CurrentUser caller, Guid id, CalibrationInput input, CancellationToken ct)
    {
        if (!await registry.Scoped(caller).AnyAsync(d => d.Id == id, ct))
        {
            return DeviceErrors.NotFound;
        }

        var errors = new FieldErrors().Required("number", input.Number, "证书编号", 100).Required("issuer", input.Issuer, "检定机构", 100);
        if (input.IssuedOn is null || input.ExpiresOn is null)
        {
            errors.Add("expiresOn", "请填写检定日期和有效期至。");
        }
        else if (input.ExpiresOn < input.IssuedOn)
        {
            errors.Add("expiresOn", "有效期至不能早于检定日期。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var certificate = new CalibrationCertificate(Guid.CreateVersion7(), id, input.Number!.Trim(), input.Issuer!.Trim(), input.IssuedOn!.Value, input.ExpiresOn!.Value);
        db.Calibrations.Add(certificate);
        await db.SaveChangesAsync(ct);
        return new CalibrationView(certificate.Id, certificate.Number, certificate.Issuer, certificate.IssuedOn, certificate.ExpiresOn);
    }

    /// <summary>Devices whose newest certificate runs out within <paramref name="days"/> days (or already has): the reminder list.</summary>
    public async Task<IReadOnlyList<ExpiringCalibration>> ExpiringAsync(CurrentUser caller, int days, CancellationToken ct)
    {
        var today = clock.Today();
        var devices = await registry.Scoped(caller).AsNoTracking().Where(d => d.Status != DeviceStatus.Retired)
            .Select(d => new { d.Id, d.Type, EntityName = d.Entity!.Name }).ToListAsync(ct);
        var ids = devices.Select(d => d.Id).ToList();
        var newest = (await db.Calibrations.AsNoTracking().Where(c => ids.Contains(c.DeviceId)).ToListAsync(ct))
            .GroupBy(c => c.DeviceId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.ExpiresOn)!);
        return [.. devices
            .Where(d => newest.TryGetValue(d.Id, out var c) && c.ExpiresOn <= today.AddDays(days))
            .Select(d => (d, c: newest[d.Id]))
            .Select(x => new ExpiringCalibration(x.d.Id, x.d.EntityName, x.d.Type.ToChinese(), x.c.Number, x.c.ExpiresOn, x.c.ExpiresOn.DayNumber - today.DayNumber))
            .OrderBy(x => x.ExpiresOn)];
    }

    public async Task<Result<IncidentView>> ReportIncidentAsync(CurrentUser caller, Guid id, IncidentInput input, CancellationToken ct)
    {
        if (!await registry.Scoped(caller).AnyAsync(d => d.Id == id, ct))
        {
            return DeviceErrors.NotFound;
        }

        var errors = new FieldErrors().Required("description", input.Description, "情况说明", 1000);
        if (input.Kind is null)
        {
            errors.Add("kind", "请选择异常类型：离线、损坏、移位、拆除、遮挡或画面模糊。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var incident = new DeviceIncident(Guid.CreateVersion7(), id, input.Kind!.Value, input.Description!.Trim(), $"{caller.DisplayName}（{caller.UserName}）", clock.GetUtcNow());
        db.DeviceIncidents.Add(incident);
        await db.SaveChangesAsync(ct);
        return View(incident);
    }

    public async Task<Result<IncidentView>> ResolveIncidentAsync(CurrentUser caller, Guid id, Guid incidentId, ResolveInput input, CancellationToken ct)
    {
        if (!await registry.Scoped(caller).AnyAsync(d => d.Id == id, ct))
        {
            return DeviceErrors.NotFound;
        }

        var incident = await db.DeviceIncidents.FirstOrDefaultAsync(i => i.Id == incidentId && i.DeviceId == id, ct);
        if (incident is null)
        {
            return Error.NotFound("异常记录");
        }

        if (incident.ResolvedAt is not null)
        {
            return Error.Conflict("device.incident_resolved", "该异常已处理完毕。");
        }

        var errors = new FieldErrors().Required("outcome", input.Outcome, "处理结果", 1000);
        if (input.Liability is null)
        {
            errors.Add("liability", "请认定相对人责任：无、责令恢复或赔偿（山东规范第六条、浙江办法第二十三条）。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        incident.Resolve(input.Liability!.Value, input.Outcome!.Trim(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return View(incident);
    }

    public async Task<Result<MaintenanceView>> AddMaintenanceAsync(CurrentUser caller, Guid id, MaintenanceInput input, CancellationToken ct)
    {
        if (!await registry.Scoped(caller).AnyAsync(d => d.Id == id, ct))
        {
            return DeviceErrors.NotFound;
        }

        if (string.IsNullOrWhiteSpace(input.Description))
        {
            return Error.Validation("description", "请填写维护内容。");
        }

        var entry = new MaintenanceEntry(Guid.CreateVersion7(), id, clock.GetUtcNow(), $"{caller.DisplayName}（{caller.UserName}）", input.Description.Trim());
        db.MaintenanceEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return new MaintenanceView(entry.At, entry.PerformedBy, entry.Description);
    }

    /// <summary>Whether a record the device made at <paramref name="at"/> may be used as evidence, and why not.</summary>
    public async Task<Result<UsabilityView>> UsabilityAsync(CurrentUser caller, Guid id, DateTimeOffset at, CancellationToken ct)
    {
        var device = await registry.Scoped(caller).AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (device is null)
        {
            return DeviceErrors.NotFound;
        }

        var history = await db.DeviceStatusChanges.AsNoTracking().Where(c => c.DeviceId == id).ToListAsync(ct);
        var certificates = await db.Calibrations.AsNoTracking().Where(c => c.DeviceId == id).ToListAsync(ct);
        var verdict = EvidenceUsability.At(at, device.Type, history, certificates);
        return new UsabilityView(at, verdict.Usable, verdict.Reasons);
    }

    private static IncidentView View(DeviceIncident i) =>
        new(i.Id, i.Kind.ToString(), i.Description, i.ReportedBy, i.ReportedAt, i.Liability?.ToString(), i.Outcome, i.ResolvedAt);
}
