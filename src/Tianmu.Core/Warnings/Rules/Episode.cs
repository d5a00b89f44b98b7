namespace Tianmu.Warnings.Rules;

/// <summary>
/// One reading (or event, or reported value) as a rule sees it: device time, value, whether it may
/// serve as evidence, and for samples that are not plain readings what they came from (e.g.
/// <c>ai_event:{id}</c>, <c>self_report:{id}</c>) so the evidence can be opened.
/// </summary>
public readonly record struct Sample(DateTimeOffset Time, double Value, bool Usable, string? Source = null);

/// <summary>
/// A continuous stretch during which a rule held: when it began, when the rule's condition was first
/// met (raised — e.g. after the minimum duration), when it ended (null while it continues) and the
/// exact samples that raised it, so the warning can be re-derived and shown as evidence.
/// </summary>
public sealed record Episode(DateTimeOffset Start, DateTimeOffset RaisedAt, DateTimeOffset? End, IReadOnlyList<Sample> Evidence, string Summary);
