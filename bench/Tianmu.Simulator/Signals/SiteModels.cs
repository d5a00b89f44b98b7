namespace Tianmu.Simulator.Signals;

/// <summary>What a device watches, inferred from its registered parameters.</summary>
public enum SiteKind
{
    /// <summary>Swimming pool water (GB 37488-2019): free chlorine, pH, turbidity, temperature.</summary>
    Pool,

    /// <summary>Treated water leaving a supply plant (GB 5749-2022).</summary>
    SupplyPlant,

    /// <summary>Indoor air of a public place (GB 37488-2019): CO₂, temperature, humidity.</summary>
    IndoorAir,
}

/// <summary>
/// Normal daily behaviour of each kind of site, as smooth functions of China Standard Time plus small
/// deterministic noise. Values stay within the GB limits; violations come only from <see cref="Episode"/>s.
/// </summary>
public static class SiteModels
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>Pools: water temperature marks a pool; CO₂ marks indoor air; chlorine without either is a supply plant.</summary>
    public static SiteKind? KindOf(IReadOnlyCollection<string> metrics) =>
        metrics.Contains("co2") ? SiteKind.IndoorAir
        : metrics.Contains("water_temperature") ? SiteKind.Pool
        : metrics.Contains("free_chlorine") || metrics.Contains("turbidity") ? SiteKind.SupplyPlant
        : null;

    /// <summary>The normal value of a metric at an instant, or null when the model does not know the metric.</summary>
    public static double? Normal(SiteKind kind, string key, string metric, DateTimeOffset t)
    {
        var hour = HourOfDay(t);
        var noise = Noise.At(key + "/" + metric, t);
        return (kind, metric) switch
        {
            (SiteKind.Pool, "free_chlorine") => 0.55 - 0.18 * BatherLoad(hour) + 0.22 * Math.Exp(-MinutesSinceDose(t) / 45) + 0.015 * noise,
            (SiteKind.Pool, "ph") => 7.35 + 0.08 * Math.Sin(2 * Math.PI * t.ToUnixTimeSeconds() / (7 * 3600.0)) + 0.1 * BatherLoad(hour) + 0.02 * noise,
            (SiteKind.Pool, "turbidity") => 0.18 + 0.35 * BatherLoad(hour) + 0.03 * noise,
            (SiteKind.Pool, "water_temperature") => 27.2 + 0.5 * Math.Sin(2 * Math.PI * (hour - 9) / 24) + 0.05 * noise,
            (SiteKind.SupplyPlant, "free_chlorine") => 0.72 + 0.06 * Math.Sin(2 * Math.PI * hour / 24) + 0.02 * noise,
            (SiteKind.SupplyPlant, "ph") => 7.25 + 0.03 * noise,
            (SiteKind.SupplyPlant, "turbidity") => 0.12 + 0.02 * noise,
            (SiteKind.IndoorAir, "co2") => 0.045 + 0.065 * LobbyOccupancy(hour) + 0.002 * noise,
            (SiteKind.IndoorAir, "air_temperature") => 22 + 1.5 * LobbyOccupancy(hour) + 0.1 * noise,
            (SiteKind.IndoorAir, "humidity") => 50 + 5 * Math.Sin(2 * Math.PI * hour / 24) + noise,
            _ => null,
        };
    }

    /// <summary>Bathers in the water, 0–1: open 06:00–22:00, a morning swim, the afternoon peak around 15:30, an evening session.</summary>
    public static double BatherLoad(double hour) =>
        hour is < 6 or >= 22 ? 0 : Math.Min(1, Bump(hour, 7.5, 1, 0.35) + Bump(hour, 15.5, 1.8, 1) + Bump(hour, 19.5, 1.2, 0.6));

    /// <summary>People in a hotel lobby, 0–1: check-out in the morning, check-in from the afternoon into the evening.</summary>
    public static double LobbyOccupancy(double hour) =>
        Math.Min(1, 0.05 + Bump(hour, 9, 1.2, 0.5) + Bump(hour, 15, 2, 0.6) + Bump(hour, 19.5, 1.5, 0.9));

    public static double HourOfDay(DateTimeOffset t) => t.ToOffset(Cst).TimeOfDay.TotalHours;

    /// <summary>The pool's chlorinator doses every two hours; chlorine then decays with use.</summary>
    private static double MinutesSinceDose(DateTimeOffset t) => t.ToUnixTimeSeconds() % 7200 / 60.0;

    private static double Bump(double x, double centre, double width, double height) =>
        height * Math.Exp(-Math.Pow((x - centre) / width, 2) / 2);
}
