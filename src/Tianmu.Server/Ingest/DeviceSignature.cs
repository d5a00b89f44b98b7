using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Devices;
using Tianmu.Persistence;
using Tianmu.Security;

namespace Tianmu.Server.Ingest;

/// <summary>
/// Authenticates a device request: X-Device-Id, a Unix timestamp in X-Timestamp and
/// <c>X-Signature = hex(HMAC-SHA256(secret, timestamp + "\n" + signed bytes))</c>. A timestamp outside
/// ±5 minutes is refused, so a captured request cannot be replayed later; inside the window a replay
/// stores nothing new because everything devices send is keyed (idempotent).
/// </summary>
public sealed class DeviceSignature(TianmuDb db, PersonalDataProtector protector, TimeProvider clock)
{
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    /// <summary>One answer for unknown device, revoked key and wrong signature: nothing to probe.</summary>
    public static readonly Error Unauthenticated = Error.Unauthenticated("ingest.unauthenticated", "设备身份验证失败：设备编号、密钥或签名不正确，或设备已停用。");

    public async Task<Result<Device>> AuthenticateAsync(string? deviceHeader, string? timestampHeader, string? signatureHeader, ReadOnlyMemory<byte> signed, CancellationToken ct)
    {
        if (!IsFresh(timestampHeader, clock.GetUtcNow()))
        {
            return Error.Unauthenticated("ingest.stale_timestamp", "X-Timestamp 缺失或与服务器时间相差超过 5 分钟，请求被拒绝（防重放）。请校准设备时钟。");
        }

        var device = Guid.TryParse(deviceHeader, out var deviceId)
            ? await db.Devices.AsNoTracking().Include(d => d.Parameters).FirstOrDefaultAsync(d => d.Id == deviceId, ct)
            : null;
        if (device?.CredentialCipher is not { } cipher || device.Status == DeviceStatus.Retired
            || !Matches(protector.Unprotect(cipher)!, timestampHeader!, signed.Span, signatureHeader))
        {
            return Unauthenticated;
        }

        return device;
    }

    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> signed)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp + "\n"));
        hmac.AppendData(signed);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Whether a Unix timestamp lies inside the replay window around now.</summary>
    public static bool IsFresh(string? timestampHeader, DateTimeOffset now) =>
        long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
        && (now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(unix, 0, 253402300799))).Duration() <= ReplayWindow;

    public static bool Matches(string secret, string timestamp, ReadOnlySpan<byte> signed, string? signature) =>
        signature is { Length: 64 } && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(secret, timestamp, signed)), Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
}
