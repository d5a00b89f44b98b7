using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tianmu.Catalog;
using Tianmu.Common;
using Tianmu.Devices;
using Tianmu.Entities;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Catalog;

public sealed record CoverageRow(Guid AgencyId, string AgencyName, int Applicable, int Covered, decimal Ratio);

public sealed record CoverageView(Guid ItemId, string ItemName, Guid AgencyId, string AgencyName, int Applicable, int Covered, decimal Ratio, string Basis, IReadOnlyList<CoverageRow> ByAgency);

public sealed record DrawInput(Guid? AgencyId, string? Criteria, string? Seed, int? SampleSize);

public sealed record DrawView(
    Guid Id, Guid ItemId, string ItemCode, string ItemName, string AgencyName, string Criteria, string Seed, int SampleSize,
    IReadOnlyList<string> Population, IReadOnlyList<string> Selected, string DrawnBy, DateTimeOffset DrawnAt, string Method);

/// <summary>
/// Coverage of a catalog item in a region (Z5): entities of the item's categories there, and how many
/// are covered — today, by an active monitoring device (self-report duties join when ingest lands).
/// Where coverage is not full, a recorded and published seeded draw decides which entities are covered.
/// </summary>
public sealed class CatalogCoverage(TianmuDb db, CatalogAdmin catalog, TimeProvider clock)
{
    public const string Method = "对总体中每个主体标识 key，计算 SHA-256(\"种子|key\") 的十六进制小写字符串，按该字符串升序排列，取前 N 个。";

    public async Task<Result<CoverageView>> CoverageAsync(CurrentUser caller, Guid itemId, Guid? agencyId, CancellationToken ct)
    {
        var context = await ContextAsync(caller, itemId, agencyId, ct);
        if (!context.IsSuccess)
        {
            return context.Error!;
        }

        var (item, version, region) = context.Value;
        var rows = await ApplicableAsync(region.Path, version.CategoryList, ct);
        var children = await db.Agencies.AsNoTracking().Where(a => a.ParentId == region.Id).OrderBy(a => a.DivisionCode).ToListAsync(ct);
        var byAgency = (children.Count == 0 ? [region] : children).Select(a =>
        {
            var mine = rows.Where(r => r.Path.StartsWith(a.Path, StringComparison.Ordinal)).ToList();
            return new CoverageRow(a.Id, a.Name, mine.Count, mine.Count(r => r.Covered), Ratio(mine.Count(r => r.Covered), mine.Count));
        }).ToList();
        return new CoverageView(item.Id, version.Name, region.Id, region.Name, rows.Count, rows.Count(r => r.Covered), Ratio(rows.Count(r => r.Covered), rows.Count),
            "覆盖：该主体有处于“启用”状态的非现场执法监测设备。", byAgency);
    }

    public async Task<Result<DrawView>> DrawAsync(CurrentUser caller, Guid itemId, DrawInput input, CancellationToken ct)
    {
        var context = await ContextAsync(caller, itemId, input.AgencyId, ct);
        if (!context.IsSuccess)
        {
            return context.Error!;
        }

        var (item, version, region) = context.Value;
        var population = (await ApplicableAsync(region.Path, version.CategoryList, ct)).Where(r => !r.Covered).Select(r => r.Key).Order(StringComparer.Ordinal).ToList();
        var errors = new FieldErrors().Required("criteria", input.Criteria, "选取标准", 2000);
        if (input.SampleSize is not { } size || size < 1 || size > population.Count)
        {
            errors.Add("sampleSize", $"抽取数量须在 1 到 {population.Count}（未覆盖主体数）之间。");
        }

        if (input.Seed is { Length: > 200 })
        {
            errors.Add("seed", "种子不能超过 200 个字符。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var seed = string.IsNullOrWhiteSpace(input.Seed) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) : input.Seed.Trim();
        var draw = new SelectionDraw(Guid.CreateVersion7(), item.Id, region.Id, input.Criteria!.Trim(), seed, population, input.SampleSize!.Value,
            $"{caller.DisplayName}（{caller.UserName}）", clock.GetUtcNow());
        db.SelectionDraws.Add(draw);
        await db.SaveChangesAsync(ct);
        return View(draw, item, version.Name, region.Name);
    }

    public async Task<IReadOnlyList<DrawView>> DrawsAsync(Guid? itemId, string? divisionCode, CancellationToken ct)
    {
        var query = from d in db.SelectionDraws.AsNoTracking()
                    join i in db.CatalogItems.AsNoTracking() on d.ItemId equals i.Id
                    join a in db.Agencies.AsNoTracking() on d.AgencyId equals a.Id
                    select new { d, i, a };
        if (itemId is { } id)
        {
            query = query.Where(x => x.d.ItemId == id);
        }

        if (!string.IsNullOrWhiteSpace(divisionCode))
        {
            var code = "/" + divisionCode.Trim() + "/";
            query = query.Where(x => x.a.Path.Contains(code));
        }

        var rows = await query.OrderByDescending(x => x.d.DrawnAt).Take(500).ToListAsync(ct);
        var names = await db.CatalogVersions.AsNoTracking().Where(v => rows.Select(r => r.i.Id).Contains(v.ItemId) && v.Status == VersionStatus.Published)
            .GroupBy(v => v.ItemId).Select(g => new { g.Key, Name = g.OrderByDescending(v => v.Number).First().Name }).ToDictionaryAsync(x => x.Key, x => x.Name, ct);
        return [.. rows.Select(r => View(r.d, r.i, names.GetValueOrDefault(r.i.Id, r.i.Code), r.a.Name))];
    }

    private async Task<Result<(CatalogItem Item, CatalogVersion Version, Tianmu.Agencies.Agency Region)>> ContextAsync(CurrentUser caller, Guid itemId, Guid? agencyId, CancellationToken ct)
    {
        var item = await catalog.Visible(caller).AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null)
        {
            return Error.NotFound("执法事项");
        }

        var version = await db.CatalogVersions.AsNoTracking().Where(v => v.ItemId == itemId).OrderByDescending(v => v.Status == VersionStatus.Published).ThenByDescending(v => v.Number).FirstAsync(ct);
        var regions = db.Agencies.In(caller.Jurisdiction).AsNoTracking();
        var region = agencyId is { } id
            ? await regions.FirstOrDefaultAsync(a => a.Id == id, ct)
            : caller.AgencyId is { } own ? await regions.FirstOrDefaultAsync(a => a.Id == own, ct) : await regions.OrderBy(a => a.Path).FirstOrDefaultAsync(ct);
        return region is null ? Error.Validation("agencyId", "区域不存在或不在您的管辖范围内。") : (item, version, region);
    }

    private sealed record Applicable(string Key, string Path, bool Covered);

    private async Task<List<Applicable>> ApplicableAsync(string regionPath, IReadOnlyList<EntityCategory> categories, CancellationToken ct)
    {
        var rows = await db.Entities.AsNoTracking()
            .Where(e => e.Agency!.Path.StartsWith(regionPath) && categories.Contains(e.Category))
            .Select(e => new { e.Id, e.CreditCode, e.Agency!.Path, Covered = db.Devices.Any(d => d.EntityId == e.Id && d.Status == DeviceStatus.Active) })
            .ToListAsync(ct);
        return [.. rows.Select(r => new Applicable(r.CreditCode ?? r.Id.ToString(), r.Path, r.Covered))];
    }

    private static decimal Ratio(int covered, int applicable) => applicable == 0 ? 0 : Math.Round((decimal)covered / applicable, 4);

    private static DrawView View(SelectionDraw d, CatalogItem item, string itemName, string agencyName) => new(
        d.Id, item.Id, item.Code, itemName, agencyName, d.Criteria, d.Seed, d.SampleSize,
        d.Population.Split('\n', StringSplitOptions.RemoveEmptyEntries), d.Selected.Split('\n', StringSplitOptions.RemoveEmptyEntries), d.DrawnBy, d.DrawnAt, Method);
}
