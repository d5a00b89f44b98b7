using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Devices;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Devices;

namespace Tianmu.Server.Portal;

public sealed record PortalDevice(Guid Id, string EntityName, string TypeName, string Model, string Site, string PlaceName, string Status, string StatusName, bool AwaitsConfirmation);

public sealed record ConfirmationView(Guid DeviceId, string Text, string TextHash, bool Signed, DateTimeOffset? SignedAt);

/// <summary>Signing: the SHA-256 of the text read, the consent box, and the signer's login password (re-confirmed, <see cref="Reconfirmation"/>).</summary>
public sealed record ConfirmInput(string? TextHash, bool? Agree, string? Password = null);

/// <summary>
/// The entity's side of device governance: its devices, and the installation confirmation (确认书,
/// S6/Z13) it signs from its own account. The exact text shown is what is signed — the client sends
/// back the text's SHA-256, and a text that changed in between is refused. Signing re-confirms the signer's password.
/// </summary>
public sealed class PortalDevices(TianmuDb db, DeviceOperations operations, Reconfirmation reconfirmation)
{
    public async Task<IReadOnlyList<PortalDevice>> ListAsync(CurrentUser caller, CancellationToken ct)
    {
        var devices = await Mine(caller).AsNoTracking().Include(d => d.Entity).OrderBy(d => d.Entity!.Name).ThenBy(d => d.CreatedAt).ToListAsync(ct);
        return [.. devices.Select(d => new PortalDevice(d.Id, d.Entity!.Name, d.Type.ToChinese(), $"{d.Make} {d.Model}", d.Site, d.PlaceType.ToChinese(),
            d.Status.ToString(), d.Status.ToChinese(), d.Status == DeviceStatus.Reviewed))];
    }

    public async Task<Result<ConfirmationView>> ConfirmationAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var device = await Mine(caller).AsNoTracking().Include(d => d.Entity).ThenInclude(e => e!.Agency).Include(d => d.Parameters).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (device is null)
        {
            return DeviceErrors.NotFound;
        }

        if (device.ConfirmationText is { } signed)
        {
            return new ConfirmationView(id, signed, device.ConfirmationTextHash!, true, device.ConfirmedAt);
        }

        var text = Text(device);
        return new ConfirmationView(id, text, Hash(text), false, null);
    }

    public async Task<Result<ConfirmationView>> ConfirmAsync(CurrentUser caller, Guid id, ConfirmInput input, CancellationToken ct)
    {
        var device = await Mine(caller).Include(d => d.Entity).ThenInclude(e => e!.Agency).Include(d => d.Parameters).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (device is null)
        {
            return DeviceErrors.NotFound;
        }

        if (input.Agree != true)
        {
            return Error.Validation("agree", "请阅读确认书并勾选“本单位已阅读并确认”。");
        }

        var text = Text(device);
        if (!string.Equals(input.TextHash, Hash(text), StringComparison.OrdinalIgnoreCase))
        {
            return Error.Conflict("device.confirmation_text_changed", "确认书内容已更新，请重新阅读后再签署。");
        }

        if (await reconfirmation.CheckAsync(caller, input.Password, ct) is { } refused)
        {
            return refused;
        }

        var result = await operations.ApplyAsync(device, DeviceAction.Confirm, $"{caller.DisplayName}（{caller.UserName}）", "相对人签署安装确认书",
            (d, now) => d.RecordConfirmation(text, Hash(text), caller.Id, caller.DisplayName, now), ct);
        return result.IsSuccess ? new ConfirmationView(id, text, Hash(text), true, device.ConfirmedAt) : result.Error!;
    }

    private IQueryable<Device> Mine(CurrentUser caller) =>
        db.Devices.Where(d => db.EntityUsers.Any(l => l.UserId == caller.Id && l.EntityId == d.EntityId));

    /// <summary>The confirmation text. It says plainly that what the device records will be used as enforcement evidence.</summary>
    public static string Text(Device d)
    {
        var e = d.Entity!;
        var parameters = d.Parameters.Count == 0 ? "" : $"，监测{string.Join("、", d.Parameters.OrderBy(p => p.Code, StringComparer.Ordinal).Select(p => p.Name))}";
        return $"""
            非现场执法监测设备安装确认书

            {e.Agency!.Name}在本单位（{e.Name}，{(e.CreditCode is null ? "个人" : "统一社会信用代码 " + e.CreditCode)}）{e.Address}的{d.PlaceType.ToChinese()}（{d.Site}）安装{d.Type.ToChinese()}（{d.Make} {d.Model}，出厂编号 {d.SerialNumber}）{parameters}。

            本单位确认：
            一、已知悉该设备的安装位置、用途及记录的内容；该设备记录的数据、图像等信息将作为卫生健康行政执法的证据使用。
            二、不擅自拆除、移动、遮挡、损坏设备或干扰其正常运行，发现设备异常及时报告。
            三、因本单位原因导致设备损坏、缺失或不能正常运行的，依法承担恢复或赔偿责任。
            （依据：《山东省卫生健康非现场执法规范》第六条；《浙江省卫生健康非现场行政执法工作办法（试行）》第十三条。）
            """;
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
