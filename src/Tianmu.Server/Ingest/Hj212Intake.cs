using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tianmu.Devices;
using Tianmu.Ingest;
using Tianmu.Ingest.Hj212;
using Tianmu.Persistence;
using Tianmu.Security;
using Tianmu.Server.Warnings;

namespace Tianmu.Server.Ingest;

/// <summary>How a framed packet was taken.</summary>
public enum Hj212Verdict
{
    Accepted,

    /// <summary>A valid frame whose data segment is not an HJ 212 packet: counted as a bad packet.</summary>
    Malformed,

    /// <summary>Unknown MN or wrong PW.</summary>
    Unauthenticated,
}

/// <summary>What a packet led to: the verdict, the reply to send (if the sender asked for one) and the readings stored.</summary>
public sealed record Hj212Outcome(Hj212Verdict Verdict, string? Reply, int Stored);

/// <summary>
/// Handles one framed HJ 212 data segment: authenticates MN and PW against the device registry,
/// maps factor codes to the device's metrics, stamps each value's evidence usability (flags other
/// than N are stored but never evidence), stores the readings and builds the 9014 acknowledgement.
/// </summary>
public sealed class Hj212Intake(TianmuDb db, ReadingStore store, PersonalDataProtector protector, WarningQueue warnings, IOptions<Hj212Options> options, TimeProvider clock, ILogger<Hj212Intake> log)
{
    public async Task<Hj212Outcome> HandleAsync(string data, CancellationToken ct)
    {
        var packet = Hj212Packet.Parse(data, out var error);
        if (packet is null)
        {
            log.LogInformation("HJ 212 packet refused: {Reason}", error);
            return new Hj212Outcome(Hj212Verdict.Malformed, null, 0);
        }

        var device = packet.Mn is { Length: > 0 } mn
            ? await db.Devices.AsNoTracking().Include(d => d.Parameters)
                .FirstOrDefaultAsync(d => d.Hj212Mn == mn && d.Protocol == DeviceProtocol.Hj212 && d.Status != DeviceStatus.Retired, ct)
            : null;
        if (device is null || !PasswordMatches(protector.Unprotect(device.Hj212PasswordCipher), packet.Pw))
        {
            log.LogWarning("HJ 212 authentication failed for MN {Mn}", packet.Mn);
            return new Hj212Outcome(Hj212Verdict.Unauthenticated, null, 0);
        }

        var stored = 0;
        if (Hj212Packet.DataCommands.Contains(packet.Cn) && packet.DataTime is { } time)
        {
            var valueName = packet.Cn == "2011" ? "Rtd" : "Avg";
            var metrics = device.Parameters.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
            var stamp = await UsabilityStamp.ForAsync(db, device, ct);
            var now = clock.GetUtcNow();
            var readings = new List<Reading>();
            foreach (var factor in packet.Factors)
            {
                var metric = metrics.Contains(factor.Code) ? factor.Code : options.Value.Factors.GetValueOrDefault(factor.Code);
                if (metric is null || (metrics.Count > 0 && !metrics.Contains(metric)) || factor.Number(valueName) is not { } value || !double.IsFinite(value))
                {
                    continue;
                }

                var flag = DataFlags.All.ContainsKey(factor.Flag) ? factor.Flag : "D";
                readings.Add(new Reading(device.Id, metric, time.ToUniversalTime(), value, flag, stamp.Usable(time, flag), now));
            }

            stored = await store.AppendAsync(readings, ct);
            if (stored > 0)
            {
                warnings.Enqueue(device.Id, readings);
            }
        }

        return new Hj212Outcome(Hj212Verdict.Accepted, packet.WantsAcknowledgement ? packet.Acknowledgement(clock.GetUtcNow()) : null, stored);
    }

    private static bool PasswordMatches(string? expected, string? given) =>
        expected is not null && given is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}
