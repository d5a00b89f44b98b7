using System.Globalization;
using Tianmu.Entities;

namespace Tianmu.Documents;

/// <summary>
/// 文号 (卫生行政执法文书规范 2012, rev. 2017): region abbreviation + 卫 + enforcement category + nature +
/// 〔year〕 + serial + 号, e.g. 济历卫公罚〔2026〕12号.
/// </summary>
public static class DocumentNumbers
{
    /// <summary>The enforcement category's one-character code (专业类别).</summary>
    public static string CategoryCode(EntityCategory category) => category switch
    {
        EntityCategory.PublicPlace => "公",
        EntityCategory.DrinkingWater => "水",
        EntityCategory.MedicalInstitution => "医",
        EntityCategory.School => "学",
        EntityCategory.Radiology => "放",
        EntityCategory.Disinfection => "消",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "no category code"),
    };

    public static string Format(string regionAbbreviation, EntityCategory category, string nature, int year, int serial)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(regionAbbreviation);
        ArgumentException.ThrowIfNullOrWhiteSpace(nature);
        ArgumentOutOfRangeException.ThrowIfLessThan(serial, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1000);
        return string.Create(CultureInfo.InvariantCulture, $"{regionAbbreviation.Trim()}卫{CategoryCode(category)}{nature}〔{year}〕{serial}号");
    }

    /// <summary>The number of a numbered type; throws for a type that carries none.</summary>
    public static string Format(string regionAbbreviation, EntityCategory category, DocumentType type, int year, int serial) =>
        Format(regionAbbreviation, category, DocumentTypes.Of(type).Nature ?? throw new ArgumentException($"{type} is not numbered", nameof(type)), year, serial);
}
