namespace Tianmu.Server.Portal;

/// <summary>Status colours of STYLE.md for the portal's warning pages.</summary>
public static class PortalBadges
{
    public static string Severity(string severity) => severity switch { "High" => "badge-red", "Medium" => "badge-orange", _ => "badge-blue" };

    public static string Response(string kind) => kind switch { "Contest" => "badge-orange", "RectificationDone" => "badge-green", _ => "badge-blue" };
}
