using System.Text.Json;
using Tianmu.Entities;

namespace Tianmu.SelfReports;

public enum FieldType
{
    /// <summary>数值</summary>
    Number,

    /// <summary>文本</summary>
    Text,

    /// <summary>是/否</summary>
    YesNo,
}

/// <summary>
/// One field of a report form. <see cref="Metric"/> names the sensor metric the value can be checked
/// against (self-report vs sensor cross-check, S20/Z24), e.g. free_chlorine.
/// </summary>
public sealed record FormField(string Code, string Label, FieldType Type, string? Unit, double? Min, double? Max, bool Required, string? Metric);

/// <summary>
/// 自律报送表单 — what entities of some categories must report for a catalog item, how often and by
/// when, which attachments are required, and the truthfulness commitment (承诺书, S13/Z15) each
/// submission carries. Editing raises the version; each report keeps the version it was made on.
/// </summary>
public sealed class SelfReportForm : IAudited
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private SelfReportForm() { }

    public SelfReportForm(Guid id, Guid catalogItemId, Guid agencyId, string agencyPath, DateTimeOffset createdAt)
    {
        Id = id;
        CatalogItemId = catalogItemId;
        AgencyId = agencyId;
        AgencyPath = agencyPath;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid CatalogItemId { get; private set; }

    /// <summary>The catalog item's agency: the form binds entities in its whole jurisdiction.</summary>
    public Guid AgencyId { get; private set; }

    public string AgencyPath { get; private set; } = "";

    public string Name { get; private set; } = "";

    public int Version { get; private set; }

    public string CategoriesJson { get; private set; } = "[]";

    /// <summary>Sub-categories bound (e.g. 游泳场所 within 公共场所); empty binds the whole category.</summary>
    public string SubCategoriesJson { get; private set; } = "[]";

    public string FieldsJson { get; private set; } = "[]";

    public string AttachmentsJson { get; private set; } = "[]";

    public ReportFrequency Frequency { get; private set; }

    /// <summary>China local time of day by which the report is due on its due day.</summary>
    public TimeOnly DueTime { get; private set; }

    public string CommitmentText { get; private set; } = "";

    public bool Active { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Reports are due from this date on (periods before it are never overdue).</summary>
    public DateOnly EffectiveFrom { get; private set; }

    public IReadOnlyList<EntityCategory> Categories => JsonSerializer.Deserialize<List<EntityCategory>>(CategoriesJson, Json) ?? [];

    public IReadOnlyList<string> SubCategories => JsonSerializer.Deserialize<List<string>>(SubCategoriesJson, Json) ?? [];

    public IReadOnlyList<FormField> Fields => JsonSerializer.Deserialize<List<FormField>>(FieldsJson, Json) ?? [];

    /// <summary>Names of the attachments every submission must carry, e.g. 余氯检测记录照片.</summary>
    public IReadOnlyList<string> Attachments => JsonSerializer.Deserialize<List<string>>(AttachmentsJson, Json) ?? [];

    /// <summary>Whether the form binds an entity of this category and sub-category.</summary>
    public bool Binds(EntityCategory category, string subCategory) =>
        Categories.Contains(category) && (SubCategories.Count == 0 || SubCategories.Contains(subCategory));

    public void Define(FormDefinition d)
    {
        Name = d.Name;
        CategoriesJson = JsonSerializer.Serialize(d.Categories, Json);
        SubCategoriesJson = JsonSerializer.Serialize(d.SubCategories, Json);
        FieldsJson = JsonSerializer.Serialize(d.Fields, Json);
        AttachmentsJson = JsonSerializer.Serialize(d.Attachments, Json);
        Frequency = d.Frequency;
        DueTime = d.DueTime;
        CommitmentText = d.CommitmentText;
        Active = d.Active;
        EffectiveFrom = d.EffectiveFrom;
        Version++;
    }
}

public sealed record FormDefinition(
    string Name, IReadOnlyList<EntityCategory> Categories, IReadOnlyList<string> SubCategories, IReadOnlyList<FormField> Fields, IReadOnlyList<string> Attachments,
    ReportFrequency Frequency, TimeOnly DueTime, string CommitmentText, bool Active, DateOnly EffectiveFrom);
