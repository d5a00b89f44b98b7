using Tianmu.Server.Catalog;

namespace Tianmu.Server.Components.Shared;

/// <summary>Reads the fields rendered by CatalogFields from a posted form.</summary>
public static class CatalogForm
{
    public static CatalogInput Read(IFormCollection form, string? code = null, Guid? agencyId = null) => new(
        code, agencyId, form["name"], [.. form["categories"].OfType<string>()], [.. form["methods"].OfType<string>()], form["rulePack"],
        form["obligationBasis"], form["penaltyBasis"], form["discretionRange"], form["leniency"],
        QueryValue.Date(form["effectiveFrom"]), QueryValue.Date(form["effectiveTo"]));
}
