using System.Runtime.InteropServices;

namespace Tianmu.Warnings.Rules;

/// <summary>
/// Evaluates one rule over one metric's series of readings. Pure and deterministic: the same rule,
/// samples and <c>now</c> always give the same episodes, so a warning can be re-derived later and late
/// readings are handled by re-evaluating a window. Linear in the number of samples for every kind.
/// </summary>
public static class RuleEvaluator
{
    /// <summary>At most this many samples are kept as an episode's evidence: the first ones and the one that raised it.</summary>
    public const int EvidenceCap = 100;

    /// <summary>Whether <paramref name="kind"/> reads a series of one metric, i.e. whether <see cref="Evaluate(RuleDefinition, ReadOnlySpan{Sample}, DateTimeOffset)"/> handles it.</summary>
    public static bool IsSeriesKind(RuleKind kind) =>
        kind is RuleKind.Threshold or RuleKind.CountInWindow or RuleKind.Trend or RuleKind.FlatLine or RuleKind.MissingData;

    /// <summary>
    /// The episodes <paramref name="rule"/> finds in <paramref name="series"/>, oldest first; the last may be
    /// open (End null). The series must be in device-time order (ties allowed). Violation, trend and
    /// self-supervision rules see only samples usable as evidence — an unusable reading can raise a device
    /// warning but never a violation warning; device rules see every sample.
    /// </summary>
    /// <exception cref="NotSupportedException">The kind is not about a series: AI events, overdue reports and cross-checks have their own entry points below.</exception>
    /// <exception cref="ArgumentException">The rule lacks a parameter its kind needs, or the series is out of order.</exception>
    public static IReadOnlyList<Episode> Evaluate(RuleDefinition rule, IReadOnlyList<Sample> series, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Evaluate(rule, series is List<Sample> list ? CollectionsMarshal.AsSpan(list) : [.. series], now);
    }

    /// <inheritdoc cref="Evaluate(RuleDefinition, IReadOnlyList{Sample}, DateTimeOffset)"/>
    /// <remarks>The engine's form: a slice of the window it holds, evaluated without copying it.</remarks>
    public static IReadOnlyList<Episode> Evaluate(RuleDefinition rule, ReadOnlySpan<Sample> series, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!IsSeriesKind(rule.Kind))
        {
            throw new NotSupportedException($"Rule {rule.Code}: kind {rule.Kind} is not evaluated over a series of one metric; it has its own evaluator.");
        }

        var problems = Validate(rule);
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Rule {rule.Code}: {string.Join("; ", problems)}", nameof(rule));
        }

        InOrder(series);
        var samples = Admissible(rule, series);
        return rule.Kind switch
        {
            RuleKind.Threshold => ThresholdRule.Evaluate(rule, samples),
            RuleKind.CountInWindow => CountInWindowRule.Evaluate(rule, samples, now),
            RuleKind.Trend => TrendRule.Evaluate(rule, samples),
            RuleKind.FlatLine => FlatLineRule.Evaluate(rule, samples),
            RuleKind.MissingData => MissingDataRule.Evaluate(rule, samples, now),
            _ => throw new NotSupportedException($"Rule {rule.Code}: kind {rule.Kind} is not evaluated over a series."),
        };
    }

    /// <summary>
    /// 识别事件计数 — the episodes an <see cref="RuleKind.AiEventCount"/> rule finds in a device's events of the
    /// rule's type (one sample per event, in time order, its source naming the event): at least Count within
    /// Window, counted as <see cref="RuleKind.CountInWindow"/> counts readings. Events not usable as evidence
    /// never raise a violation.
    /// </summary>
    public static IReadOnlyList<Episode> EvaluateEvents(RuleDefinition rule, IReadOnlyList<Sample> events, DateTimeOffset now)
    {
        Require(rule, RuleKind.AiEventCount);
        if (rule.Count is not >= 1 || rule.Window is not { } window || window <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Rule {rule.Code}: Count (at least 1) and a positive Window are needed", nameof(rule));
        }

        var span = events is List<Sample> list ? CollectionsMarshal.AsSpan(list) : [.. events];
        InOrder(span);
        return CountInWindowRule.Evaluate(rule, Admissible(rule, span), now);
    }

    /// <summary>逾期未报 — one episode per overdue period of the entity's self-reports, oldest first.</summary>
    public static IReadOnlyList<Episode> EvaluateOverdue(RuleDefinition rule, IEnumerable<OverduePeriod> periods)
    {
        Require(rule, RuleKind.OverdueReport);
        return OverdueReportRule.Evaluate(periods);
    }

    /// <summary>
    /// 自报与监测比对 — whether <paramref name="reported"/> (its time, value and source) disagrees with every
    /// device series measuring the same metric near that time; at most one episode.
    /// </summary>
    public static IReadOnlyList<Episode> EvaluateCrossCheck(RuleDefinition rule, Sample reported, IReadOnlyList<IReadOnlyList<Sample>> devices)
    {
        Require(rule, RuleKind.CrossCheck);
        if (rule.Tolerance is not >= 0 || rule.Window is not { } window || window <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Rule {rule.Code}: a non-negative Tolerance and a positive Window are needed", nameof(rule));
        }

        return CrossCheckRule.Evaluate(rule, reported, devices);
    }

    /// <summary>
    /// What is missing or inconsistent in a series rule's parameters (empty when it can be evaluated).
    /// Kinds that are not about a series are not checked here.
    /// </summary>
    public static IReadOnlyList<string> Validate(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var problems = new List<string>();
        var needsLimit = rule.Kind is RuleKind.Threshold or RuleKind.CountInWindow or RuleKind.Trend;
        if (needsLimit && rule.Min is null && rule.Max is null)
        {
            problems.Add("Min or Max is required");
        }

        if (rule.Min > rule.Max)
        {
            problems.Add("Min must not exceed Max");
        }

        switch (rule.Kind)
        {
            case RuleKind.Threshold:
                Require(rule.Duration is null || rule.Duration >= TimeSpan.Zero, "Duration must not be negative");
                Require(rule.Hysteresis >= 0, "Hysteresis must not be negative");
                Require(rule.MaxGap is null || rule.MaxGap > TimeSpan.Zero, "MaxGap must be positive");
                break;
            case RuleKind.CountInWindow:
                Require(rule.Count >= 1, "Count must be at least 1");
                Require(rule.Window > TimeSpan.Zero, "Window must be positive");
                break;
            case RuleKind.Trend:
                Require(rule.Window > TimeSpan.Zero, "Window must be positive");
                Require(rule.Horizon > TimeSpan.Zero, "Horizon must be positive");
                Require(rule.Count is null || rule.Count >= 3, "Count (minimum samples) must be at least 3");
                break;
            case RuleKind.FlatLine:
                Require(rule.Duration > TimeSpan.Zero, "Duration must be positive");
                Require(rule.Tolerance is null || rule.Tolerance >= 0, "Tolerance must not be negative");
                Require(rule.Count is null || rule.Count >= 2, "Count (minimum samples) must be at least 2");
                break;
            case RuleKind.MissingData:
                Require(rule.Duration > TimeSpan.Zero, "Duration must be positive");
                break;
            default:
                break;
        }

        return problems;

        void Require(bool condition, string problem)
        {
            if (!condition)
            {
                problems.Add(problem);
            }
        }
    }

    private static void Require(RuleDefinition rule, RuleKind kind)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Kind != kind)
        {
            throw new NotSupportedException($"Rule {rule.Code}: kind {rule.Kind} is not {kind}.");
        }
    }

    private static void InOrder(ReadOnlySpan<Sample> series)
    {
        for (var i = 1; i < series.Length; i++)
        {
            if (series[i].Time < series[i - 1].Time)
            {
                throw new ArgumentException($"Samples must be in time order; sample {i} ({series[i].Time:O}) precedes sample {i - 1}.", nameof(series));
            }
        }
    }

    /// <summary>
    /// The samples a rule may look at. Only device rules accept readings that are not usable as evidence
    /// (a stuck or silent device is a fact about the device, whatever its calibration state). Non-finite
    /// values are not measurements, but they still prove the device reported, so MissingData keeps them.
    /// Usually every sample is admissible, and the series is returned as it is: the engine evaluates
    /// windows of up to 10,000 samples several times a second, and copying each was most of its garbage.
    /// </summary>
    private static ReadOnlySpan<Sample> Admissible(RuleDefinition rule, ReadOnlySpan<Sample> series)
    {
        var allowUnusable = rule.Category == WarningCategory.Device;
        var allowNonFinite = rule.Kind == RuleKind.MissingData;
        var first = 0;
        while (first < series.Length && Admits(series[first]))
        {
            first++;
        }

        if (first == series.Length)
        {
            return series;
        }

        var samples = new List<Sample>(series.Length);
        samples.AddRange(series[..first]);
        foreach (var sample in series[first..])
        {
            if (Admits(sample))
            {
                samples.Add(sample);
            }
        }

        return CollectionsMarshal.AsSpan(samples);

        bool Admits(Sample sample) => (allowUnusable || sample.Usable) && (allowNonFinite || double.IsFinite(sample.Value));
    }

    /// <summary>Samples [from, to] as evidence: all of them, or the first <see cref="EvidenceCap"/> − 1 and the last.</summary>
    internal static Sample[] Evidence(ReadOnlySpan<Sample> samples, int from, int to)
    {
        var count = to - from + 1;
        if (count <= EvidenceCap)
        {
            return samples.Slice(from, count).ToArray();
        }

        var evidence = new Sample[EvidenceCap];
        samples.Slice(from, EvidenceCap - 1).CopyTo(evidence);
        evidence[^1] = samples[to];
        return evidence;
    }
}
