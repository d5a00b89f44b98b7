using Tianmu.Entities;

namespace Tianmu.Tests.Entities;

public sealed class EntityCategoriesTests
{
    [Theory]
    [InlineData("公共场所", EntityCategory.PublicPlace)]
    [InlineData("DrinkingWater", EntityCategory.DrinkingWater)]
    [InlineData(" 医疗机构 ", EntityCategory.MedicalInstitution)]
    public void ParsesChineseAndCodeNames(string text, EntityCategory expected) => Assert.Equal(expected, EntityCategories.Parse(text));

    [Theory]
    [InlineData("Spaceport")]
    [InlineData("7")]
    [InlineData(null)]
    public void RefusesUnknownCategories(string? text) => Assert.Null(EntityCategories.Parse(text));

    [Fact]
    public void EveryCategoryHasSubCategoriesEndingInOther() =>
        Assert.All(Enum.GetValues<EntityCategory>(), c => Assert.Equal("其他", c.SubCategories()[^1]));
}
