using Tianmu.Warnings.Rules;

namespace Tianmu.Warnings;

/// <summary>
/// How long an officer has to sign for a new warning before it is escalated to the agency head. The
/// regulations require prompt handling (S15/Z16) without fixing hours, so these are the platform's
/// defaults — a serious warning within 2 hours, a general one within 8, a notice within 24 — kept
/// here as data so an agency's own limits replace them in one place.
/// </summary>
public static class ResponseLimits
{
    public static TimeSpan SignForWithin(Severity severity) => severity switch
    {
        Severity.High => TimeSpan.FromHours(2),
        Severity.Medium => TimeSpan.FromHours(8),
        _ => TimeSpan.FromHours(24),
    };
}
