using Tianmu.Agencies;

namespace Tianmu.Entities;

/// <summary>
/// 行政相对人 — a regulated entity (pool, hotel, water supplier, clinic…) or an individual, in the
/// jurisdiction of one agency. Organisations are identified by 统一社会信用代码, individuals by
/// name and ID number (kept encrypted, with a keyed hash for uniqueness).
/// </summary>
public sealed class RegulatedEntity : IAudited
{
    private readonly List<Licence> licences = [];

    private RegulatedEntity() { }

    public RegulatedEntity(Guid id, EntityProfile profile, Agency agency, DateTimeOffset createdAt)
    {
        Id = id;
        CreatedAt = createdAt;
        Update(profile, agency);
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>统一社会信用代码 (GB 32100-2015); null for an individual.</summary>
    public string? CreditCode { get; private set; }

    /// <summary>个人 — identified by name and ID number instead of a credit code.</summary>
    public bool IsIndividual { get; private set; }

    /// <summary>ID number of an individual, encrypted at rest.</summary>
    [AuditRedacted]
    public string? IdNumberCipher { get; private set; }

    /// <summary>Keyed hash of the ID number: finds duplicates without decrypting.</summary>
    [AuditRedacted]
    public string? IdNumberHash { get; private set; }

    public EntityCategory Category { get; private set; }

    /// <summary>Sub-category in Chinese, e.g. 游泳场所, 二次供水, 口腔.</summary>
    public string SubCategory { get; private set; } = "";

    /// <summary>The agency in charge (监管机构); defines whose jurisdiction the entity is in.</summary>
    public Guid AgencyId { get; private set; }

    public Agency? Agency { get; private set; }

    /// <summary>The agency's path, copied here (agencies never move in the tree) so jurisdiction lists are one index range.</summary>
    public string AgencyPath { get; private set; } = "";

    public string Address { get; private set; } = "";

    public string? ContactName { get; private set; }

    [AuditRedacted]
    public string? ContactPhoneCipher { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyCollection<Licence> Licences => licences;

    public void Update(EntityProfile profile, Agency agency)
    {
        Name = profile.Name;
        CreditCode = profile.CreditCode;
        IsIndividual = profile.CreditCode is null;
        IdNumberCipher = profile.IdNumberCipher;
        IdNumberHash = profile.IdNumberHash;
        Category = profile.Category;
        SubCategory = profile.SubCategory;
        AgencyId = agency.Id;
        Agency = agency;
        AgencyPath = agency.Path;
        Address = profile.Address;
        ContactName = profile.ContactName;
        ContactPhoneCipher = profile.ContactPhoneCipher;
    }

    public void ReplaceLicences(IEnumerable<Licence> wanted)
    {
        licences.Clear();
        licences.AddRange(wanted);
    }
}

/// <summary>The validated, already-encrypted fields of an entity.</summary>
public sealed record EntityProfile(
    string Name, string? CreditCode, string? IdNumberCipher, string? IdNumberHash, EntityCategory Category, string SubCategory,
    string Address, string? ContactName, string? ContactPhoneCipher);

/// <summary>A licence (卫生许可证, 医疗机构执业许可证…) with its number and validity.</summary>
public sealed class Licence : IAudited
{
    private Licence() { }

    public Licence(Guid id, Guid entityId, string kind, string number, DateOnly? validFrom, DateOnly? validTo)
    {
        Id = id;
        EntityId = entityId;
        Kind = kind;
        Number = number;
        ValidFrom = validFrom;
        ValidTo = validTo;
    }

    public Guid Id { get; private set; }

    public Guid EntityId { get; private set; }

    /// <summary>e.g. 公共场所卫生许可证.</summary>
    public string Kind { get; private set; } = "";

    public string Number { get; private set; } = "";

    public DateOnly? ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    public bool IsValidOn(DateOnly date) => (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || date <= ValidTo);
}

/// <summary>Binds a 行政相对人 user to an entity they act for (portal, confirmations, self-reports).</summary>
public sealed class EntityUser : IAudited
{
    private EntityUser() { }

    public EntityUser(Guid entityId, Guid userId)
    {
        EntityId = entityId;
        UserId = userId;
    }

    public Guid EntityId { get; private set; }

    public Guid UserId { get; private set; }
}
