using Tianmu.Documents;
using Tianmu.Entities;

namespace Tianmu.Tests.Documents;

/// <summary>文号 = region abbreviation + 卫 + enforcement category + nature + 〔year〕 + serial + 号 (卫生行政执法文书规范).</summary>
public sealed class DocumentNumbersTests
{
    [Theory]
    [InlineData(EntityCategory.PublicPlace, "济历卫公罚〔2026〕12号")]
    [InlineData(EntityCategory.DrinkingWater, "济历卫水罚〔2026〕12号")]
    [InlineData(EntityCategory.MedicalInstitution, "济历卫医罚〔2026〕12号")]
    [InlineData(EntityCategory.School, "济历卫学罚〔2026〕12号")]
    [InlineData(EntityCategory.Radiology, "济历卫放罚〔2026〕12号")]
    [InlineData(EntityCategory.Disinfection, "济历卫消罚〔2026〕12号")]
    public void CategoryCodeFollowsTheEntitysCategory(EntityCategory category, string expected) =>
        Assert.Equal(expected, DocumentNumbers.Format("济历", category, "罚", 2026, 12));

    [Fact]
    public void NatureComesFromTheDocumentType()
    {
        Assert.Equal("济市中卫公罚告〔2025〕1号", DocumentNumbers.Format("济市中", EntityCategory.PublicPlace, DocumentType.PriorNotice, 2025, 1));
        Assert.Equal("青崂卫水催〔2026〕305号", DocumentNumbers.Format("青崂", EntityCategory.DrinkingWater, DocumentType.Demand, 2026, 305));
    }

    [Fact]
    public void UnnumberedTypesAndBadInputHaveNoNumber()
    {
        Assert.Throws<ArgumentException>(() => DocumentNumbers.Format("济历", EntityCategory.PublicPlace, DocumentType.InspectionRecord, 2026, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DocumentNumbers.Format("济历", EntityCategory.PublicPlace, "罚", 2026, 0));
        Assert.Throws<ArgumentException>(() => DocumentNumbers.Format(" ", EntityCategory.PublicPlace, "罚", 2026, 1));
    }

    [Fact]
    public void DecisionsNoticesAndOpinionsAreNumberedRecordsAndReportsAreNot()
    {
        DocumentType[] numbered = [DocumentType.PenaltyDecision, DocumentType.OnTheSpotDecision, DocumentType.NoPenaltyDecision, DocumentType.PreservationDecision,
            DocumentType.PriorNotice, DocumentType.HearingNotice, DocumentType.Demand, DocumentType.SupervisionOpinion, DocumentType.LegalReviewOpinion,
            DocumentType.ServiceReceipt];
        Assert.All(Enum.GetValues<DocumentType>(), t => Assert.Equal(numbered.Contains(t), DocumentTypes.Of(t).Numbered));
        Assert.Equal(18, DocumentTypes.List.Count);
        Assert.Equal(DocumentTypes.List.Count, DocumentTypes.List.Select(t => t.Nature ?? t.Name).Distinct().Count());
    }
}
