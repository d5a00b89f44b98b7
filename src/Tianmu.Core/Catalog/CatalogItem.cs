using Tianmu.Agencies;
using Tianmu.Entities;

namespace Tianmu.Catalog;

/// <summary>
/// 非现场执法事项 — one item of an agency's enforcement catalog (Z3). The item is only an identity;
/// its content lives in <see cref="CatalogVersion"/>s. Editing creates a new draft version, and a
/// version once published is never changed, so what the public was shown stays on record.
/// </summary>
public sealed class CatalogItem : IAudited
{
    private CatalogItem() { }

    public CatalogItem(Guid id, Agency agency, string code, DateTimeOffset createdAt)
    {
        Id = id;
        AgencyId = agency.Id;
        Agency = agency;
        Code = code;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The agency whose catalog this is; it applies in that agency's whole jurisdiction.</summary>
    public Guid AgencyId { get; private set; }

    public Agency? Agency { get; private set; }

    /// <summary>事项编码, unique, e.g. 鲁-GGCS-001.</summary>
    public string Code { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }
}

public enum CollectionMethod
{
    /// <summary>在线监测</summary>
    OnlineMonitoring,

    /// <summary>视频/AI 识别</summary>
    VideoAi,

    /// <summary>自律报送</summary>
    SelfReport,

    /// <summary>大数据分析</summary>
    BigData,

    /// <summary>省级平台推送</summary>
    ProvincialPush,
}

public enum VersionStatus
{
    Draft,
    Published,
}

/// <summary>The content of a catalog item at one version.</summary>
public sealed class CatalogVersion : IAudited
{
    private CatalogVersion() { }

    public CatalogVersion(Guid id, Guid itemId, int number, CatalogContent content, string createdBy, DateTimeOffset createdAt)
    {
        Id = id;
        ItemId = itemId;
        Number = number;
        Status = VersionStatus.Draft;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        Edit(content);
    }

    public Guid Id { get; private set; }

    public Guid ItemId { get; private set; }

    public int Number { get; private set; }

    public VersionStatus Status { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Supervised entity categories, comma-separated code names.</summary>
    public string Categories { get; private set; } = "";

    /// <summary>Collection methods, comma-separated code names.</summary>
    public string Methods { get; private set; } = "";

    /// <summary>违法判定标准 — the rule pack that decides a violation (delivered by the warnings module).</summary>
    public string? RulePack { get; private set; }

    /// <summary>义务设定依据.</summary>
    public string ObligationBasis { get; private set; } = "";

    /// <summary>处罚依据.</summary>
    public string PenaltyBasis { get; private set; } = "";

    /// <summary>裁量基准 (art. 34), as published.</summary>
    public string DiscretionRange { get; private set; } = "";

    /// <summary>首违不罚/轻微不罚 conditions (art. 33, S3).</summary>
    public string? Leniency { get; private set; }

    public DateOnly EffectiveFrom { get; private set; }

    public DateOnly? EffectiveTo { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public string? PublishedBy { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public IReadOnlyList<EntityCategory> CategoryList => [.. Categories.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<EntityCategory>)];

    public IReadOnlyList<CollectionMethod> MethodList => [.. Methods.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<CollectionMethod>)];

    /// <summary>Only a draft can change.</summary>
    public bool Edit(CatalogContent c)
    {
        if (Status != VersionStatus.Draft)
        {
            return false;
        }

        Name = c.Name;
        Categories = string.Join(",", c.Categories.Distinct().Order());
        Methods = string.Join(",", c.Methods.Distinct().Order());
        RulePack = c.RulePack;
        ObligationBasis = c.ObligationBasis;
        PenaltyBasis = c.PenaltyBasis;
        DiscretionRange = c.DiscretionRange;
        Leniency = c.Leniency;
        EffectiveFrom = c.EffectiveFrom;
        EffectiveTo = c.EffectiveTo;
        return true;
    }

    public void Publish(string by, DateTimeOffset at)
    {
        Status = VersionStatus.Published;
        PublishedBy = by;
        PublishedAt = at;
    }

    public CatalogContent Content => new(Name, CategoryList, MethodList, RulePack, ObligationBasis, PenaltyBasis, DiscretionRange, Leniency, EffectiveFrom, EffectiveTo);
}

public sealed record CatalogContent(
    string Name, IReadOnlyList<EntityCategory> Categories, IReadOnlyList<CollectionMethod> Methods, string? RulePack, string ObligationBasis,
    string PenaltyBasis, string DiscretionRange, string? Leniency, DateOnly EffectiveFrom, DateOnly? EffectiveTo);

public static class CollectionMethods
{
    public static string ToChinese(this CollectionMethod method) => method switch
    {
        CollectionMethod.OnlineMonitoring => "在线监测",
        CollectionMethod.VideoAi => "视频/AI识别",
        CollectionMethod.SelfReport => "自律报送",
        CollectionMethod.BigData => "大数据分析",
        _ => "省级平台推送",
    };
}
