namespace Tianmu.Entities;

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

/// <summary>Categories and their sub-categories as the health supervision system names them.</summary>
public static class EntityCategories
{
    private static readonly Dictionary<EntityCategory, string[]> Subs = new()
    {
        [EntityCategory.PublicPlace] = ["游泳场所", "住宿", "沐浴", "美容美发", "候车（机、船）室", "商场（超市）", "文化娱乐场所", "其他"],
        [EntityCategory.DrinkingWater] = ["集中式供水", "二次供水", "现制现售", "分质供水", "涉水产品", "其他"],
        [EntityCategory.MedicalInstitution] = ["医院", "门诊部", "诊所", "口腔", "社区卫生服务机构", "卫生院", "医学检验实验室", "其他"],
        [EntityCategory.School] = ["幼儿园", "小学", "中学", "高等学校", "其他"],
        [EntityCategory.Radiology] = ["放射诊疗", "其他"],
        [EntityCategory.Disinfection] = ["消毒产品生产", "医疗机构消毒供应", "其他"],
    };

    public static IReadOnlyList<string> SubCategories(this EntityCategory category) => Subs[category];

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

    /// <summary>Reads a category from its code name (PublicPlace) or its Chinese name (公共场所).</summary>
    public static EntityCategory? Parse(string? text)
    {
        text = text?.Trim();
        if (Enum.TryParse<EntityCategory>(text, ignoreCase: true, out var byName) && Enum.IsDefined(byName))
        {
            return byName;
        }

        return Enum.GetValues<EntityCategory>().Select(c => (EntityCategory?)c).FirstOrDefault(c => c!.Value.ToChinese() == text);
    }
}
