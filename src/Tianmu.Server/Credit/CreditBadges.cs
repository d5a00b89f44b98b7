namespace Tianmu.Server.Credit;

/// <summary>Status colours of STYLE.md for the credit pages: risk from green (low) to red (severe); repairs yellow while pending.</summary>
public static class CreditBadges
{
    public static string Risk(string risk) => risk switch { "Low" => "badge-green", "Medium" => "badge-yellow", "High" => "badge-orange", _ => "badge-red" };

    public static string Repair(string status) => status switch { "Pending" => "badge-yellow", "Approved" => "badge-green", _ => "badge-grey" };

    /// <summary>Points as shown: a sign always, one decimal at most.</summary>
    public static string Points(double points) => points > 0 ? "+" + points.ToString("0.#") : points.ToString("0.#");
}
