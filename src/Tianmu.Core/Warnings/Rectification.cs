namespace Tianmu.Warnings;

/// <summary>
/// When later data prove a rectification (S3: 首违不罚/轻微不罚 → 告知提醒 and an order to correct, art. 33):
/// the warning's condition has ended and stayed ended for <see cref="SustainedFor"/> — a full daily
/// cycle of opening hours and loads. For a warning about a device's readings the data must actually
/// cover that span (readings after the end, not silence); for a warning about the entity (overdue or
/// contradicted self-reports) a recurrence would have extended the warning, so the time is enough.
/// </summary>
public static class Rectification
{
    public static readonly TimeSpan SustainedFor = TimeSpan.FromHours(24);

    /// <param name="aboutDevice">Whether the warning is about a device's readings (else about the entity).</param>
    /// <param name="episodeEnd">When the condition ended; null while it continues.</param>
    /// <param name="lastReadingAfterEnd">For device warnings, the latest admissible reading after the end.</param>
    /// <param name="now">The time of the check.</param>
    public static bool IsVerified(bool aboutDevice, DateTimeOffset? episodeEnd, DateTimeOffset? lastReadingAfterEnd, DateTimeOffset now) =>
        episodeEnd is { } end && (aboutDevice ? lastReadingAfterEnd >= end + SustainedFor : now >= end + SustainedFor);

    /// <summary>The deadline passed and later data have not shown the rectification: officers may turn it into a clue.</summary>
    public static bool IsOverdue(WarningStatus status, DateOnly? rectifyBy, DateOnly today) =>
        status == WarningStatus.RectificationOrdered && rectifyBy < today;
}
