using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Common;
using Tianmu.Devices;
using Tianmu.Evidence;
using Tianmu.Persistence;
using Tianmu.Security;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Devices;

public sealed record NoteInput(string? Note);

/// <summary>
/// Lifecycle steps of a device, each in the order <see cref="DeviceLifecycle"/> allows and atomic in
/// the database: the status is a concurrency token, so two officers clicking at once cannot both
/// move the device.
/// </summary>
public sealed class DeviceOperations(TianmuDb db, DeviceRegistry registry, IObjectStore objects, PersonalDataProtector protector, AuditScope audit, TimeProvider clock)
{
    public Task<Result<DeviceDetail>> ReviewAsync(CurrentUser caller, Guid id, NoteInput input, CancellationToken ct) =>
        StepAsync(caller, id, DeviceAction.Review, input.Note, (d, now) => d.RecordReview($"{caller.DisplayName}（{caller.UserName}）", now, input.Note), ct);

    public Task<Result<DeviceDetail>> ActivateAsync(CurrentUser caller, Guid id, CancellationToken ct) =>
        StepAsync(caller, id, DeviceAction.Activate, null, (d, now) => d.RecordActivation(now), ct);

    public Task<Result<DeviceDetail>> SuspendAsync(CurrentUser caller, Guid id, NoteInput input, CancellationToken ct) =>
        StepAsync(caller, id, DeviceAction.Suspend, input.Note, null, ct);

    public Task<Result<DeviceDetail>> ResumeAsync(CurrentUser caller, Guid id, CancellationToken ct) =>
        StepAsync(caller, id, DeviceAction.Resume, null, null, ct);

    public Task<Result<DeviceDetail>> RetireAsync(CurrentUser caller, Guid id, NoteInput input, CancellationToken ct) =>
        StepAsync(caller, id, DeviceAction.Retire, input.Note, (d, now) => d.SetCredential(null, null, now), ct);

    /// <summary>Posts the on-site notice: its photo is stored write-once and the location is published (art. 41).</summary>
    public async Task<Result<DeviceDetail>> PostNoticeAsync(CurrentUser caller, Guid id, Stream? photo, string? publishedLocation, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("publishedLocation", publishedLocation, "公布的设备位置", 200);
        if (photo is null)
        {
            errors.Add("photo", "请上传现场公告照片。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var hash = await objects.PutAsync(photo!, ct);
        return await StepAsync(caller, id, DeviceAction.PostNotice, publishedLocation, (d, now) => d.RecordNotice(hash, publishedLocation!.Trim(), now), ct);
    }

    /// <summary>Issues (or rotates) the device's ingest secret; it is returned once and only its hash is kept.</summary>
    public async Task<Result<CredentialView>> IssueCredentialAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var device = await registry.Scoped(caller).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (device is null)
        {
            return DeviceErrors.NotFound;
        }

        if (device.Status == DeviceStatus.Retired)
        {
            return DeviceErrors.OutOfOrder("设备已停用报废，不能签发接入凭据。");
        }

        var secret = "dk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        audit.Action = device.CredentialHash is null ? "device.credential_issued" : "device.credential_rotated";
        device.SetCredential(SecretHash(secret), protector.Protect(secret), now);
        await db.SaveChangesAsync(ct);
        return new CredentialView(secret, now, "设备接入密钥只显示这一次，请立即配置到设备；此前的密钥已失效。");
    }

    public async Task<Result<DeviceDetail>> RevokeCredentialAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var device = await registry.Scoped(caller).Include(d => d.Entity).Include(d => d.Parameters).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (device is null)
        {
            return DeviceErrors.NotFound;
        }

        audit.Action = "device.credential_revoked";
        device.SetCredential(null, null, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await registry.DetailAsync(device, ct);
    }

    public static string SecretHash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    internal async Task<Result<DeviceDetail>> StepAsync(CurrentUser caller, Guid id, DeviceAction action, string? note, Action<Device, DateTimeOffset>? record, CancellationToken ct)
    {
        var device = await registry.Scoped(caller).Include(d => d.Entity).Include(d => d.Parameters).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (device is null)
        {
            return DeviceErrors.NotFound;
        }

        return await ApplyAsync(device, action, $"{caller.DisplayName}（{caller.UserName}）", note, record, ct);
    }

    internal async Task<Result<DeviceDetail>> ApplyAsync(Device device, DeviceAction action, string by, string? note, Action<Device, DateTimeOffset>? record, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var from = device.Status;
        var change = device.Move(action, now, by, note);
        if (change is null)
        {
            return DeviceErrors.OutOfOrder(DeviceLifecycle.Refusal(from, action));
        }

        record?.Invoke(device, now);
        audit.Action = $"device.{Naming.ToSnakeCase(action.ToString())}";
        db.DeviceStatusChanges.Add(change);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DeviceErrors.ChangedMeanwhile;
        }

        return await registry.DetailAsync(device, ct);
    }
}
