using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Ingest;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Warnings;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Devices;

/// <summary>
/// One metric's readings for the device page's chart. Each point is <c>[unix ms, min, max, count,
/// usable 1/0]</c>: a raw reading (min = max) or a bucket's usable or unusable readings, so a spike
/// survives downsampling and unusable readings can be drawn apart.
/// </summary>
public sealed record MetricSeries(
    string Metric, string Name, string? Unit, int Readings, int? BucketSeconds, IReadOnlyList<double[]> Points,
    IReadOnlyList<LimitBand> Limits, IReadOnlyList<EpisodeBand> Episodes);

/// <summary>The limits of a rule that watches the metric (from its rule pack).</summary>
public sealed record LimitBand(string RuleCode, string RuleName, string Kind, double? Min, double? Max, string? Unit, string Clause);

/// <summary>A warning episode of the device: start to end, or to now while it continues.</summary>
public sealed record EpisodeBand(Guid WarningId, string RuleCode, string RuleName, string Severity, string Status, DateTimeOffset Start, DateTimeOffset End, bool Continuing);

public sealed record DeviceSeriesView(Guid DeviceId, DateTimeOffset From, DateTimeOffset To, int MaxPoints, IReadOnlyList<MetricSeries> Metrics);

/// <summary>
/// The device page's charts: readings over a range, downsampled in the database to at most
/// <see cref="MaxPoints"/> points a metric (min and max per bucket), the limits of the rules that
/// apply to the device today and its warning episodes in the range.
/// </summary>
public sealed class DeviceSeries(TianmuDb db, DeviceRegistry registry, ApplicableRules applicable, ReadingStore readings, TimeProvider clock)
{
    public const int MaxPoints = 2000;

    /// <summary>The longest range a chart shows: a year.</summary>
    public static readonly TimeSpan LongestRange = TimeSpan.FromDays(366);

    /// <summary>Rule kinds whose Min/Max are limits of the measured value (the others' are not).</summary>
    private static readonly RuleKind[] LimitKinds = [RuleKind.Threshold, RuleKind.CountInWindow, RuleKind.Trend];

    public async Task<Result<DeviceSeriesView>> GetAsync(CurrentUser caller, Guid id, string? metric, DateTimeOffset? from, DateTimeOffset? to, int? maxPoints, CancellationToken ct)
    {
        var device = await registry.Scoped(caller).AsNoTracking().Include(d => d.Entity).Include(d => d.Parameters).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (device is null)
        {
            return DeviceErrors.NotFound;
        }

        var now = clock.GetUtcNow();
        var end = to ?? now;
        var start = from ?? end.AddHours(-24);
        var errors = new FieldErrors();
        if (start >= end || end - start > LongestRange)
        {
            errors.Add("from", "时间范围须为正且不超过一年。");
        }

        var parameters = device.Parameters.Where(p => string.IsNullOrEmpty(metric) || p.Code == metric).ToList();
        if (parameters.Count == 0 && !string.IsNullOrEmpty(metric))
        {
            errors.Add("metric", "该设备不监测此参数。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var limit = Math.Clamp(maxPoints ?? MaxPoints, 10, MaxPoints);
        var rules = await applicable.ForAsync(device, device.Entity!, ct);
        var warnings = await db.Warnings.AsNoTracking()
            .Where(w => w.DeviceId == id && w.EpisodeStart < end && (w.EpisodeEnd == null || w.EpisodeEnd > start))
            .OrderBy(w => w.EpisodeStart).Take(500).ToListAsync(ct);
        var series = new List<MetricSeries>();
        foreach (var p in parameters)
        {
            var envelope = await readings.EnvelopeAsync(id, p.Code, start, end, limit, ct);
            var limits = rules.Where(r => r.Rule.Metric == p.Code && LimitKinds.Contains(r.Rule.Kind) && (r.Rule.Min is not null || r.Rule.Max is not null))
                .Select(r => new LimitBand(r.Rule.Code, r.Rule.Name, r.Rule.Kind.ToString(), r.Rule.Min, r.Rule.Max, r.Rule.Unit, r.Rule.Clause))
                .DistinctBy(l => (l.Min, l.Max)).ToList();
            // A warning without a metric (a device-level rule) concerns every chart of the device.
            var episodes = warnings.Where(w => w.Metric is null || w.Metric == p.Code)
                .Select(w => new EpisodeBand(w.Id, w.RuleCode, w.RuleName, w.Severity.ToString(), w.Status.ToChinese(), w.EpisodeStart, w.EpisodeEnd ?? now, w.EpisodeEnd is null))
                .ToList();
            series.Add(new MetricSeries(p.Code, p.Name, p.Unit, envelope.Readings, envelope.Bucket is { } b ? (int)b.TotalSeconds : null,
                [.. envelope.Rows.Select(Point)], limits, episodes));
        }

        return new DeviceSeriesView(id, start, end, limit, series);
    }

    private static double[] Point(EnvelopeRow r) => [r.Time.ToUnixTimeMilliseconds(), r.Min, r.Max, r.Count, r.Usable ? 1 : 0];
}
