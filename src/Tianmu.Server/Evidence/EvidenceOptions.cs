using System.Globalization;
using Tianmu.Evidence;
using Tianmu.Server.Hosting;

namespace Tianmu.Server.Evidence;

/// <summary>
/// Tianmu:Evidence — RetentionDays: how long an item is kept from collection (default and minimum 365,
/// S17; a smaller value stops start-up); ExpiryNoticeDays: how far ahead administrators are shown the
/// items about to expire (default 30).
/// </summary>
public sealed record EvidenceOptions(int RetentionDays = RetentionPolicy.MinimumDays, int ExpiryNoticeDays = 30)
{
    public RetentionPolicy Retention => new(RetentionDays);

    public static EvidenceOptions From(IConfiguration configuration)
    {
        var days = Days(configuration, "Tianmu:Evidence:RetentionDays", RetentionPolicy.MinimumDays);
        if (RetentionPolicy.Refusal(days) is { } refusal)
        {
            throw new ConfigurationProblem(refusal);
        }

        var notice = Days(configuration, "Tianmu:Evidence:ExpiryNoticeDays", 30);
        if (notice is < 1 or > 365)
        {
            throw new ConfigurationProblem($"Tianmu:Evidence:ExpiryNoticeDays 的值 {notice} 无效，须在 1 到 365 天之间。");
        }

        return new EvidenceOptions(days, notice);
    }

    private static int Days(IConfiguration configuration, string key, int fallback) => configuration[key] switch
    {
        null or "" => fallback,
        var v when int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) => d,
        var v => throw new ConfigurationProblem($"{key} 的值“{v}”无效，须为整数天数。"),
    };
}
