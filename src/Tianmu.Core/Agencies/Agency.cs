namespace Tianmu.Agencies;

/// <summary>卫生健康监督机构 — a health supervision agency, one node of the province → city → county tree.</summary>
public sealed class Agency : IAudited
{
    private Agency() { }

    public Agency(Guid id, Agency? parent, AgencyLevel level, string divisionCode, string name, string shortName)
    {
        Id = id;
        ParentId = parent?.Id;
        Level = level;
        DivisionCode = divisionCode;
        Name = name;
        ShortName = shortName;
        Path = (parent?.Path ?? "/") + divisionCode + "/";
    }

    public Guid Id { get; private set; }

    public Guid? ParentId { get; private set; }

    public AgencyLevel Level { get; private set; }

    /// <summary>行政区划代码 (GB/T 2260), six digits; unique.</summary>
    public string DivisionCode { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>文书编号用简称 — the region abbreviation that opens a document number, e.g. 济历.</summary>
    public string ShortName { get; private set; } = "";

    /// <summary>Materialised path of division codes (/370000/370100/); a jurisdiction is every path below one.</summary>
    public string Path { get; private set; } = "";

    public void Rename(string name, string shortName)
    {
        Name = name;
        ShortName = shortName;
    }
}
