using Tianmu.Common;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Credit.Scoring;

/// <summary>Small helpers the factor scorers share: a fact's points rounded, a contribution summed, a warning's status on the day.</summary>
internal static class Facts
{
    public static CreditFact Of(string kind, Guid? id, DateOnly on, string label, double points) => new(kind, id, on, label, Round(points));

    public static CreditContribution Contribution(string factor, string name, List<CreditFact> facts) =>
        new(factor, name, Round(facts.Sum(f => f.Points)), facts);

    /// <summary>Two decimals; no "-0" in an explanation (a deduction of nothing is 0).</summary>
    public static double Round(double points) => Math.Round(points, 2) + 0.0;

    /// <summary>
    /// The status a warning had at the end of the day: its current status if it was last changed by then;
    /// otherwise it was still awaiting handling (a later verdict, even "false alarm", was not known yet).
    /// </summary>
    public static WarningStatus StatusOn(WarningFact w, PointInTime t) => w.UpdatedAt is { } u && t.Known(u) ? w.Status : WarningStatus.New;

    public static DateOnly DayOf(DateTimeOffset at) => ChinaTime.DateOf(at);

    public static string ToChinese(this Severity severity) => severity switch
    {
        Severity.Low => "提示",
        Severity.Medium => "一般",
        _ => "严重",
    };

    public static bool Contains(IReadOnlyList<string> values, string value)
    {
        foreach (var v in values)
        {
            if (v == value)
            {
                return true;
            }
        }

        return false;
    }
}
