namespace Tianmu.Server.Warnings.Analysis;

/// <summary>A stacked series: one name, a count per period.</summary>
public sealed record StackSeries(string Name, IReadOnlyList<int> Counts, int Total);

/// <summary>Warnings per period, stacked by one dimension (category, rule or region).</summary>
public sealed record Breakdown(IReadOnlyList<StackSeries> Series);

/// <summary>An entity with at least two warnings of the same rule in the period (重复预警).</summary>
public sealed record RepeatedEpisodes(Guid EntityId, string EntityName, string Region, string RuleCode, string RuleName, int Warnings, int Devices, DateTimeOffset First, DateTimeOffset Last);

/// <summary>A region (agency) and metric: how many devices report it and how many slide toward their limit.</summary>
public sealed record TrendingRegion(string Region, string DivisionCode, string Metric, string MetricName, int Devices, int Sliding);

/// <summary>A device whose least-squares line over the trend window reaches its limit within as long again.</summary>
public sealed record SlidingDevice(Guid DeviceId, string EntityName, string Region, string Metric, string MetricName, double Fitted, double Limit, string Side, double SlopePerHour, double HoursToLimit);

/// <summary>Sign-for times of one severity against its limit (<see cref="Tianmu.Warnings.ResponseLimits"/>).</summary>
public sealed record ResponseRow(string Severity, string SeverityName, double LimitHours, int Warnings, int WithinLimit, int Late, int Pending, double? ShareWithinLimit, double? MedianMinutes);

/// <summary>One warning's response: when it was raised, by when it had to be signed for, when it was.</summary>
public sealed record WarningResponse(Guid WarningId, string RuleName, string Severity, string EntityName, string Region, DateTimeOffset CreatedAt, DateTimeOffset RespondBy, DateTimeOffset? SignedForAt, string Outcome);

public sealed record WarningAnalysisView(
    DateOnly From, DateOnly To, string Granularity, IReadOnlyList<string> Periods, int Total, int Open,
    Breakdown ByCategory, Breakdown ByRule, Breakdown ByRegion,
    IReadOnlyList<RepeatedEpisodes> Repeated,
    int TrendHours, IReadOnlyList<TrendingRegion> Trending, IReadOnlyList<SlidingDevice> SlidingDevices,
    IReadOnlyList<ResponseRow> Responses, IReadOnlyList<WarningResponse> ResponseDetails, string SignForSource);
