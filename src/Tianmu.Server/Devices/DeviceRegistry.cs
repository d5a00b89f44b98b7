using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Devices;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Security;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Devices;

/// <summary>The device registry: register (with the S5 privacy rule), list and read, scoped through the entity's agency.</summary>
public sealed partial class DeviceRegistry(TianmuDb db, PersonalDataProtector protector, TimeProvider clock)
{
    public async Task<Paged<DeviceSummary>> ListAsync(CurrentUser caller, DeviceFilter filter, CancellationToken ct)
    {
        var query = Scoped(caller).AsNoTracking();
        if (filter.EntityId is { } entityId)
        {
            query = query.Where(d => d.EntityId == entityId);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(d => d.Status == status);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(d => d.Type == type);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(d => d.Entity!.Name.Contains(q) || d.SerialNumber == q || d.Hj212Mn == q);
        }

        var page = await query.OrderBy(d => d.Entity!.Name).ThenBy(d => d.Id).Include(d => d.Entity).PageAsync(filter.Page, filter.PageSize, ct);
        var expiries = await ExpiriesAsync([.. page.Items.Select(d => d.Id)], ct);
        return page.Map(d => Summary(d, expiries.TryGetValue(d.Id, out var expires) ? expires : null));
    }

    public async Task<Result<DeviceDetail>> GetAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var device = await Scoped(caller).AsNoTracking().Include(d => d.Entity).Include(d => d.Parameters).FirstOrDefaultAsync(d => d.Id == id, ct);
        return device is null ? DeviceErrors.NotFound : await DetailAsync(device, ct);
    }

    public async Task<Result<DeviceDetail>> RegisterAsync(CurrentUser caller, DeviceInput input, CancellationToken ct)
    {
        // S5 first: an image or sound recorder in a private place is refused before anything else, and nothing is stored.
        if (input.Type is { } type && input.PlaceType is { } place && PrivacyRule.Refusal(type, input.CapturesImageOrSound ?? false, place) is { } refusal)
        {
            return DeviceErrors.Privacy(refusal);
        }

        var entity = input.EntityId is { } entityId ? await db.EntitiesIn(caller.Jurisdiction).Include(e => e.Agency).FirstOrDefaultAsync(e => e.Id == entityId, ct) : null;
        var errors = Validate(input);
        if (entity is null)
        {
            errors.Add("entityId", "监管对象不存在或不在您的管辖范围内。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        if (input.Hj212Mn is { Length: > 0 } mn && await db.Devices.AnyAsync(d => d.Hj212Mn == mn, ct))
        {
            return Error.Conflict("device.duplicate_mn", $"HJ 212 监测点编码 {mn} 已被其他设备使用。");
        }

        var device = new Device(Guid.CreateVersion7(), entity!, Spec(input), clock.GetUtcNow());
        db.Devices.Add(device);
        db.DeviceStatusChanges.Add(new DeviceStatusChange(Guid.CreateVersion7(), device.Id, DeviceStatus.Registered, DeviceStatus.Registered, clock.GetUtcNow(), caller.UserName, "登记"));
        await db.SaveChangesAsync(ct);
        return await DetailAsync(device, ct);
    }

    internal IQueryable<Device> Scoped(CurrentUser caller) =>
        caller.Jurisdiction.Everything
            ? db.Devices
            : caller.Jurisdiction.AgencyPath is { } path ? db.Devices.Where(d => d.Entity!.Agency!.Path.StartsWith(path)) : db.Devices.Where(_ => false);

    internal async Task<DeviceDetail> DetailAsync(Device d, CancellationToken ct)
    {
        var history = await db.DeviceStatusChanges.AsNoTracking().Where(c => c.DeviceId == d.Id).OrderBy(c => c.At).ToListAsync(ct);
        var calibrations = await db.Calibrations.AsNoTracking().Where(c => c.DeviceId == d.Id).OrderByDescending(c => c.ExpiresOn).ToListAsync(ct);
        var incidents = await db.DeviceIncidents.AsNoTracking().Where(i => i.DeviceId == d.Id).OrderByDescending(i => i.ReportedAt).ToListAsync(ct);
        var maintenance = await db.MaintenanceEntries.AsNoTracking().Where(m => m.DeviceId == d.Id).OrderByDescending(m => m.At).ToListAsync(ct);
        return new DeviceDetail(
            Summary(d, calibrations.FirstOrDefault()?.ExpiresOn), d.CapturesImageOrSound, d.Protocol.ToString(), d.Hj212Mn, d.Mobility.ToString(),
            d.Funding.ToString(), d.Funding.ToChinese(), d.ContractReference, d.ContractDataSecurity, d.ContractIntellectualProperty, d.ContractMaintenance,
            d.ContractConfidentiality, [.. d.Parameters.Select(p => new ParameterInput(p.Code, p.Name, p.Unit, p.RangeMin, p.RangeMax, p.Accuracy, p.Standard))],
            d.ReviewedBy, d.ReviewedAt, d.ReviewNote, d.ConfirmationText, d.ConfirmedByName, d.ConfirmedAt, d.NoticePhotoHash, d.PublishedLocation,
            d.NoticePostedAt, d.CredentialHash is not null, d.CredentialIssuedAt, [.. DeviceLifecycle.Allowed(d.Status).Select(a => a.ToString())],
            [.. history.Select(h => new StatusChangeView(h.FromStatus.ToString(), h.ToStatus.ToString(), h.ToStatus.ToChinese(), h.At, ChinaTime.Format(h.At), h.ChangedBy, h.Note))],
            [.. calibrations.Select(c => new CalibrationView(c.Id, c.Number, c.Issuer, c.IssuedOn, c.ExpiresOn))],
            [.. incidents.Select(i => new IncidentView(i.Id, i.Kind.ToString(), i.Description, i.ReportedBy, i.ReportedAt, i.Liability?.ToString(), i.Outcome, i.ResolvedAt))],
            [.. maintenance.Select(m => new MaintenanceView(m.At, m.PerformedBy, m.Description))]);
    }

    private async Task<Dictionary<Guid, DateOnly>> ExpiriesAsync(List<Guid> ids, CancellationToken ct) =>
        (await db.Calibrations.AsNoTracking().Where(c => ids.Contains(c.DeviceId)).Select(c => new { c.DeviceId, c.ExpiresOn }).ToListAsync(ct))
            .GroupBy(c => c.DeviceId).ToDictionary(g => g.Key, g => g.Max(c => c.ExpiresOn));

    private static DeviceSummary Summary(Device d, DateOnly? calibrationExpiresOn) => new(
        d.Id, d.EntityId, d.Entity?.Name ?? "", d.Type.ToString(), d.Type.ToChinese(), d.Make, d.Model, d.SerialNumber, d.PlaceType.ToString(),
        d.PlaceType.ToChinese(), d.Site, d.Status.ToString(), d.Status.ToChinese(), calibrationExpiresOn);

    private DeviceSpec Spec(DeviceInput i) => new(
        i.Type!.Value, i.Make!.Trim(), i.Model!.Trim(), i.SerialNumber!.Trim(), i.CapturesImageOrSound ?? false, i.Protocol ?? DeviceProtocol.Http,
        string.IsNullOrWhiteSpace(i.Hj212Mn) ? null : i.Hj212Mn.Trim(), protector.Protect(i.Hj212Password), i.Mobility ?? Mobility.Fixed,
        i.PlaceType!.Value, i.Site!.Trim(), i.Funding ?? FundingModel.MarketEntity, i.ContractReference, i.ContractDataSecurity ?? false,
        i.ContractIntellectualProperty ?? false, i.ContractMaintenance ?? false, i.ContractConfidentiality ?? false,
        [.. (i.Parameters ?? []).Select(p => new ParameterSpec(p.Code!.Trim(), p.Name!.Trim(), (p.Unit ?? "").Trim(), p.RangeMin, p.RangeMax, p.Accuracy, p.Standard))]);

    private static FieldErrors Validate(DeviceInput i)
    {
        var errors = new FieldErrors().Required("make", i.Make, "生产厂家", 100).Required("model", i.Model, "型号", 100)
            .Required("serialNumber", i.SerialNumber, "出厂编号", 100).Required("site", i.Site, "安装位置", 200);
        if (i.Type is null)
        {
            errors.Add("type", "请选择设备类型。");
        }

        if (i.PlaceType is null)
        {
            errors.Add("placeType", "请选择场所类型。");
        }

        if (i.Protocol == DeviceProtocol.Hj212 && (string.IsNullOrWhiteSpace(i.Hj212Mn) || !MnPattern().IsMatch(i.Hj212Mn.Trim()) || string.IsNullOrWhiteSpace(i.Hj212Password)))
        {
            errors.Add("hj212Mn", "HJ 212 设备须填写监测点编码 MN（1–24 位字母或数字）和访问密码 PW。");
        }

        var parameters = i.Parameters ?? [];
        for (var n = 0; n < parameters.Length; n++)
        {
            var p = parameters[n];
            if (string.IsNullOrWhiteSpace(p.Code) || string.IsNullOrWhiteSpace(p.Name))
            {
                errors.Add($"parameters[{n}]", "监测参数须填写编码和名称（无量纲参数如 pH 的单位可不填）。");
            }
            else if (p.RangeMin is { } min && p.RangeMax is { } max && max <= min)
            {
                errors.Add($"parameters[{n}]", "量程上限须大于下限。");
            }
        }

        if (parameters.Select(p => p.Code).Distinct().Count() != parameters.Length)
        {
            errors.Add("parameters", "监测参数编码不能重复。");
        }

        return errors;
    }

    [GeneratedRegex("^[A-Za-z0-9]{1,24}$")]
    private static partial Regex MnPattern();
}
