namespace Tianmu.Credit;

/// <summary>
/// An agency's own version of the credit model (S4: 执法机构应结合本地区实际制定具体实施办法; S10, Z4), published as
/// JSON and checked before it is stored. Entities are graded under the model of the nearest agency above them
/// valid on the day, else the shipped default; every grade names the code and version it used.
/// </summary>
public sealed class AgencyCreditModel : IAudited
{
    private AgencyCreditModel() { }

    public AgencyCreditModel(Guid id, Guid agencyId, string agencyPath, CreditModel model, string json, DateTimeOffset publishedAt, string publishedBy)
    {
        Id = id;
        AgencyId = agencyId;
        AgencyPath = agencyPath;
        Code = model.Code;
        Version = model.Version;
        Name = model.Name;
        ValidFrom = model.ValidFrom;
        Json = json;
        PublishedAt = publishedAt;
        PublishedBy = publishedBy;
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    /// <summary>The publishing agency's path: the model applies to entities under it.</summary>
    public string AgencyPath { get; private set; } = "";

    public string Code { get; private set; } = "";

    public int Version { get; private set; }

    public string Name { get; private set; } = "";

    public DateOnly ValidFrom { get; private set; }

    /// <summary>The model exactly as published.</summary>
    public string Json { get; private set; } = "";

    public DateTimeOffset PublishedAt { get; private set; }

    public string PublishedBy { get; private set; } = "";

    public CreditModel Model() => CreditModels.Parse(Json);
}
