using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Devices;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Warnings.Analysis;

/// <summary>
/// 趋向超限 — which regions have many devices of one metric sliding toward their limit. For every active
/// device of the jurisdiction a least-squares line is fitted to its usable readings of the last
/// <c>hours</c>, in one grouped pass over the readings in the database (sums only: bounded by the
/// window, nothing but one row per device and metric leaves it). A device slides when the line's
/// value now is within its limit and the line reaches the limit within as long again, and the fit
/// is meaningful by the trend rule's own bars (R² ≥ 0.6, slope ≥ 3 standard errors, ≥ 6 readings
/// spanning half the window). The limit is the tightest Min/Max of the threshold rules that apply
/// to the device (<see cref="ApplicableRules"/>).
/// </summary>
public sealed class TrendingRegions(TianmuDb db, ApplicableRules applicable, TimeProvider clock)
{
    public const int DefaultHours = 6;
    public const int MaxHours = 48;

    private const int MinReadings = 6;
    private const double MinRSquared = 0.6;
    private const double MinSlopeT = 3.0;

    public async Task<(List<TrendingRegion> Regions, List<SlidingDevice> Devices)> FindAsync(CurrentUser caller, Regions regions, int hours, CancellationToken ct)
    {
        var devices = await Scoped(caller).AsNoTracking().Include(d => d.Entity).Include(d => d.Parameters)
            .Where(d => d.Status == DeviceStatus.Active && d.Parameters.Any()).ToListAsync(ct);
        var limits = await LimitsAsync(devices, ct);
        if (limits.Count == 0)
        {
            return ([], []);
        }

        var end = clock.GetUtcNow();
        var start = end.AddHours(-hours);
        var fits = await FitsAsync([.. limits.Keys.Select(k => k.Device).Distinct()], start, end, ct);
        var byId = devices.ToDictionary(d => d.Id);
        var sliding = new List<SlidingDevice>();
        var counts = new Dictionary<(string Region, string Code, string Metric), (string Name, int Devices, int Sliding)>();
        foreach (var (key, (min, max, name)) in limits)
        {
            if (!fits.TryGetValue(key, out var fit))
            {
                continue;
            }

            var device = byId[key.Device];
            var region = regions.Of(device.Entity!.AgencyPath);
            var slide = fit.Slide(hours, min, max);
            var c = counts.GetValueOrDefault((region.Name, region.DivisionCode, key.Metric), (Name: name, Devices: 0, Sliding: 0));
            counts[(region.Name, region.DivisionCode, key.Metric)] = (name, c.Devices + 1, c.Sliding + (slide is null ? 0 : 1));
            if (slide is { } s)
            {
                sliding.Add(new SlidingDevice(device.Id, device.Entity.Name, region.Name, key.Metric, name, Math.Round(s.Fitted, 4), s.Limit, s.Side,
                    Math.Round(fit.Slope, 4), Math.Round(s.Hours, 1)));
            }
        }

        return ([.. counts.Select(c => new TrendingRegion(c.Key.Region, c.Key.Code, c.Key.Metric, c.Value.Name, c.Value.Devices, c.Value.Sliding))
                .OrderByDescending(r => r.Sliding).ThenByDescending(r => r.Devices).ThenBy(r => r.DivisionCode, StringComparer.Ordinal).ThenBy(r => r.Metric, StringComparer.Ordinal)],
            [.. sliding.OrderBy(s => s.HoursToLimit).Take(200)]);
    }

    private IQueryable<Device> Scoped(CurrentUser caller)
    {
        var j = caller.Jurisdiction;
        return j.Everything ? db.Devices : j.AgencyPath is { } path ? db.Devices.Where(d => d.Entity!.AgencyPath.StartsWith(path)) : db.Devices.Where(_ => false);
    }

    /// <summary>Each device metric's tightest threshold limits; the rules are looked up once per kind of device (agency, category, metrics).</summary>
    private async Task<Dictionary<(Guid Device, string Metric), (double? Min, double? Max, string Name)>> LimitsAsync(List<Device> devices, CancellationToken ct)
    {
        var result = new Dictionary<(Guid, string), (double?, double?, string)>();
        var cache = new Dictionary<string, IReadOnlyList<RaisedBy>>(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            var key = $"{device.Entity!.AgencyPath}|{device.Entity.Category}|{string.Join(',', device.Parameters.Select(p => p.Code).Order(StringComparer.Ordinal))}";
            if (!cache.TryGetValue(key, out var rules))
            {
                cache[key] = rules = await applicable.ForAsync(device, device.Entity, ct);
            }

            foreach (var p in device.Parameters)
            {
                var thresholds = rules.Where(r => r.Rule.Kind == RuleKind.Threshold && r.Rule.Metric == p.Code).Select(r => r.Rule).ToList();
                var min = thresholds.Max(r => r.Min);
                var max = thresholds.Min(r => r.Max);
                if (min is not null || max is not null)
                {
                    result[(device.Id, p.Code)] = (min, max, p.Name);
                }
            }
        }

        return result;
    }

    /// <summary>The least-squares sums of every (device, metric) over the window, x in hours from its start, in one grouped query.</summary>
    private async Task<Dictionary<(Guid, string), Fit>> FitsAsync(List<Guid> ids, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sqlite
            ? """
              SELECT device_id, metric, COUNT(*), SUM(x), SUM(value), SUM(x * value), SUM(x * x), SUM(value * value), MIN(x), MAX(x)
              FROM (SELECT device_id, metric, value, (device_time - $f) / 36000000000.0 AS x FROM readings
                    WHERE device_id IN (SELECT value FROM json_each($ids)) AND device_time >= $f AND device_time < $t AND usable = 1)
              GROUP BY device_id, metric
              """
            : """
              SELECT device_id, metric, COUNT(*), SUM(x), SUM(value), SUM(x * value), SUM(x * x), SUM(value * value), MIN(x), MAX(x)
              FROM (SELECT device_id, metric, value, (extract(epoch FROM device_time - @f) / 3600.0)::float8 AS x FROM readings
                    WHERE device_id = ANY(@ids) AND device_time >= @f AND device_time < @t AND usable) s
              GROUP BY device_id, metric
              """;
        Add(command, sqlite ? "$ids" : "@ids", sqlite ? JsonSerializer.Serialize(ids.Select(id => id.ToString().ToUpperInvariant())) /* EF's SQLite Guid text */ : ids.ToArray());
        Add(command, sqlite ? "$f" : "@f", sqlite ? from.UtcTicks : from.ToUniversalTime());
        Add(command, sqlite ? "$t" : "@t", sqlite ? to.UtcTicks : to.ToUniversalTime());
        var fits = new Dictionary<(Guid, string), Fit>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = sqlite ? Guid.Parse(reader.GetString(0)) : reader.GetGuid(0);
            double D(int i) => Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
            fits[(id, reader.GetString(1))] = new Fit(Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture), D(3), D(4), D(5), D(6), D(7), D(9) - D(8));
        }

        return fits;
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Least-squares sums of one series; x in hours.</summary>
    internal sealed record Fit(int N, double Sx, double Sy, double Sxy, double Sxx, double Syy, double SpanHours)
    {
        private double Cxx => Sxx - (Sx * Sx / N);

        private double Cxy => Sxy - (Sx * Sy / N);

        private double Cyy => Syy - (Sy * Sy / N);

        public double Slope => Cxx > 0 ? Cxy / Cxx : 0;

        /// <summary>Where the line heads within <paramref name="hours"/> after the window's end, if it is a meaningful slide toward a limit.</summary>
        public (double Fitted, double Limit, string Side, double Hours)? Slide(int hours, double? min, double? max)
        {
            if (N < MinReadings || SpanHours < hours / 2.0 || Cxx <= 0 || Cyy <= 0)
            {
                return null;
            }

            var slope = Slope;
            var rSquared = Cxy * Cxy / (Cxx * Cyy);
            var residual = Math.Max(0, Cyy - (slope * Cxy)) / (N - 2);
            var t = residual > 0 ? Math.Abs(slope) / Math.Sqrt(residual / Cxx) : double.PositiveInfinity;
            if (rSquared < MinRSquared || t < MinSlopeT)
            {
                return null;
            }

            var fitted = (Sy / N) + (slope * (hours - (Sx / N)));
            if (slope < 0 && min is { } lo && fitted >= lo && (fitted - lo) / -slope <= hours)
            {
                return (fitted, lo, "下限", (fitted - lo) / -slope);
            }

            if (slope > 0 && max is { } hi && fitted <= hi && (hi - fitted) / slope <= hours)
            {
                return (fitted, hi, "上限", (hi - fitted) / slope);
            }

            return null;
        }
    }
}
