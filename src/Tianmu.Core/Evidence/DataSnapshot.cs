using Tianmu.Ingest;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Evidence;

/// <summary>
/// 数据快照 — the readings window around a warning's episode, with the rule and its version and limits,
/// frozen into one canonical document (<see cref="CanonicalJson"/>) and stored as an original, so the
/// numbers behind a finding can never drift. The document holds only facts (no time of writing), so
/// freezing the same window again gives the same bytes.
/// </summary>
public static class DataSnapshot
{
    public const string Format = "tianmu-data-snapshot/1";

    public const string MediaType = "application/vnd.tianmu.data-snapshot+json";

    /// <summary>Readings this long before the episode and after its end are kept with it, to show what was normal.</summary>
    public static readonly TimeSpan Pad = TimeSpan.FromMinutes(30);

    /// <summary>A continuing episode is frozen up to this long after it was raised (it may go on for days).</summary>
    public static readonly TimeSpan ContinuingCap = TimeSpan.FromHours(6);

    /// <summary>Late readings still arriving are waited for this long after the window closes.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMinutes(10);

    public static (DateTimeOffset From, DateTimeOffset To) WindowOf(Warning w) =>
        (w.EpisodeStart - Pad, w.EpisodeEnd is { } end ? end + Pad : w.RaisedAt + ContinuingCap);

    /// <summary>Whether the window is complete at <paramref name="now"/>, so the snapshot can be frozen.</summary>
    public static bool Ready(Warning w, DateTimeOffset now) => now >= WindowOf(w).To + Settle;

    public static byte[] Write(Warning w, RuleDefinition? rule, Guid deviceId, IReadOnlyList<Reading> readings, ContinuityReport continuity)
    {
        var (from, to) = WindowOf(w);
        using var json = new CanonicalJson();
        json.Begin()
            .String("format", Format)
            .String("warning", w.Id.ToString())
            .String("entity", w.EntityId.ToString())
            .String("device", deviceId.ToString())
            .String("metric", w.Metric);
        json.Object("rule")
            .String("pack", w.PackCode).Int("packVersion", w.PackVersion).String("code", w.RuleCode).String("name", w.RuleName)
            .String("clause", w.Clause).String("category", w.Category.ToString()).String("kind", rule?.Kind.ToString())
            .String("unit", rule?.Unit).Num("min", rule?.Min).Num("max", rule?.Max).Num("hysteresis", rule?.Hysteresis)
            .Num("durationSeconds", rule?.Duration?.TotalSeconds).Num("windowSeconds", rule?.Window?.TotalSeconds)
            .Int("count", rule?.Count).Num("tolerance", rule?.Tolerance)
            .End();
        json.Object("episode").At("start", w.EpisodeStart).At("raisedAt", w.RaisedAt).At("end", w.EpisodeEnd).String("summary", w.Summary).End();
        json.Object("window").At("from", from).At("to", to).End();
        json.Array("readings");
        foreach (var r in readings.OrderBy(r => r.DeviceTime))
        {
            json.Writer.WriteStartObject();
            json.At("t", r.DeviceTime).Num("v", r.Value).String("q", r.Quality).Bool("u", r.Usable);
            json.Writer.WriteEndObject();
        }

        json.EndArray();
        json.Object("continuity").Bool("continuous", continuity.Continuous).Num("expectedIntervalSeconds", continuity.ExpectedIntervalSeconds).Array("gaps");
        foreach (var g in continuity.Gaps)
        {
            json.Writer.WriteStartObject();
            json.At("from", g.From).At("to", g.To);
            json.Writer.WriteEndObject();
        }

        json.EndArray().End();
        json.End();
        return json.ToBytes();
    }
}
