using Tianmu.Agencies;

namespace Tianmu.Entities;

/// <summary>
/// 行政相对人 — a regulated entity (pool, hotel, water supplier, clinic…) in the jurisdiction of one agency.
/// The foundation keeps only what scoping and the demo need; the entity register issue extends it.
/// </summary>
public sealed class RegulatedEntity : IAudited
{
    private RegulatedEntity() { }

    public RegulatedEntity(Guid id, string name, string? creditCode, EntityCategory category, string subCategory, Agency agency, string address)
    {
        Id = id;
        Name = name;
        CreditCode = creditCode;
        Category = category;
        SubCategory = subCategory;
        AgencyId = agency.Id;
        Agency = agency;
        Address = address;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>统一社会信用代码 (GB 32100-2015); null for an individual.</summary>
    public string? CreditCode { get; private set; }

    public EntityCategory Category { get; private set; }

    /// <summary>Sub-category in Chinese, e.g. 游泳场所, 二次供水, 口腔.</summary>
    public string SubCategory { get; private set; } = "";

    /// <summary>The agency in charge (监管机构); defines whose jurisdiction the entity is in.</summary>
    public Guid AgencyId { get; private set; }

    public Agency? Agency { get; private set; }

    public string Address { get; private set; } = "";
}

public enum EntityCategory
{
    /// <summary>公共场所</summary>
    PublicPlace,

    /// <summary>生活饮用水</summary>
    DrinkingWater,

    /// <summary>医疗机构</summary>
    MedicalInstitution,

    /// <summary>学校</summary>
    School,

    /// <summary>放射诊疗</summary>
    Radiology,

    /// <summary>消毒产品</summary>
    Disinfection,
}

public static class EntityCategories
{
    public static string ToChinese(this EntityCategory category) => category switch
    {
        EntityCategory.PublicPlace => "公共场所",
        EntityCategory.DrinkingWater => "生活饮用水",
        EntityCategory.MedicalInstitution => "医疗机构",
        EntityCategory.School => "学校",
        EntityCategory.Radiology => "放射诊疗",
        EntityCategory.Disinfection => "消毒产品",
        _ => category.ToString(),
    };
}
