namespace Tianmu.Agencies;

public enum AgencyLevel
{
    /// <summary>省级</summary>
    Province,

    /// <summary>市级</summary>
    City,

    /// <summary>县级</summary>
    County,
}

public static class AgencyLevels
{
    public static string ToChinese(this AgencyLevel level) => level switch
    {
        AgencyLevel.Province => "省级",
        AgencyLevel.City => "市级",
        AgencyLevel.County => "县级",
        _ => level.ToString(),
    };

    /// <summary>The level a child of <paramref name="parent"/> has; a county has no children.</summary>
    public static AgencyLevel? ChildLevel(this AgencyLevel parent) => parent switch
    {
        AgencyLevel.Province => AgencyLevel.City,
        AgencyLevel.City => AgencyLevel.County,
        _ => null,
    };
}
