namespace Tianmu.Evidence;

/// <summary>
/// S17: audio-visual evidence of non-site enforcement is kept at least one year. Items are kept
/// <see cref="Days"/> from collection (configurable, never less than a year); a hold in force keeps an
/// item indefinitely, and a released hold (the case file archived) keeps it at least until the
/// archive's retention date.
/// </summary>
public sealed record RetentionPolicy(int Days)
{
    /// <summary>S17: 不少于 1 年.</summary>
    public const int MinimumDays = 365;

    public static readonly RetentionPolicy Default = new(MinimumDays);

    /// <summary>The refusal of a configured period, or null when it keeps items long enough.</summary>
    public static string? Refusal(int days) => days < MinimumDays
        ? $"证据保存期限 Tianmu:Evidence:RetentionDays 为 {days} 天，少于《山东省卫生健康非现场执法规范》第十七条要求的不少于 1 年（{MinimumDays} 天）。"
        : null;

    public DateTimeOffset Until(DateTimeOffset collectedAt) => collectedAt.ToUniversalTime().AddDays(Days);

    /// <summary>When the item may go: null while any hold is in force; otherwise the later of its own retention and every released hold's.</summary>
    public static DateTimeOffset? ExpiresAt(DateTimeOffset retentionUntil, IEnumerable<EvidenceHold> holds)
    {
        var until = retentionUntil;
        foreach (var hold in holds)
        {
            if (hold.InForce)
            {
                return null;
            }

            if (hold.RetainUntil is { } r && r > until)
            {
                until = r;
            }
        }

        return until;
    }
}
