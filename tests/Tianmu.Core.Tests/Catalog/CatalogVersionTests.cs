using Tianmu.Catalog;
using Tianmu.Entities;

namespace Tianmu.Tests.Catalog;

public sealed class CatalogVersionTests
{
    private static CatalogContent Content(string name) =>
        new(name, [EntityCategory.PublicPlace], [CollectionMethod.OnlineMonitoring], null, "a", "b", "c", null, new DateOnly(2026, 1, 1), null);

    [Fact]
    public void APublishedVersionCannotBeEdited()
    {
        var version = new CatalogVersion(Guid.CreateVersion7(), Guid.CreateVersion7(), 1, Content("原名"), "x", DateTimeOffset.UtcNow);
        Assert.True(version.Edit(Content("草稿可改")));
        version.Publish("x", DateTimeOffset.UtcNow);
        Assert.False(version.Edit(Content("已发布不可改")));
        Assert.Equal("草稿可改", version.Name);
    }
}
