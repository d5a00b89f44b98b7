using Microsoft.EntityFrameworkCore;
using Tianmu.Agencies;
using Tianmu.Catalog;
using Tianmu.Common;
using Tianmu.Entities;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Catalog;

public sealed record CatalogInput(
    string? Code, Guid? AgencyId, string? Name, string[]? Categories, string[]? Methods, string? RulePack, string? ObligationBasis,
    string? PenaltyBasis, string? DiscretionRange, string? Leniency, DateOnly? EffectiveFrom, DateOnly? EffectiveTo);

public sealed record CatalogVersionView(
    Guid Id, int Number, string Status, string Name, string[] Categories, string[] CategoryNames, string[] Methods, string[] MethodNames,
    string? RulePack, string ObligationBasis, string PenaltyBasis, string DiscretionRange, string? Leniency, DateOnly EffectiveFrom,
    DateOnly? EffectiveTo, string CreatedBy, DateTimeOffset CreatedAt, string? PublishedBy, DateTimeOffset? PublishedAt)
{
    public static CatalogVersionView Of(CatalogVersion v) => new(
        v.Id, v.Number, v.Status.ToString(), v.Name, [.. v.CategoryList.Select(c => c.ToString())], [.. v.CategoryList.Select(c => c.ToChinese())],
        [.. v.MethodList.Select(m => m.ToString())], [.. v.MethodList.Select(m => m.ToChinese())], v.RulePack, v.ObligationBasis, v.PenaltyBasis,
        v.DiscretionRange, v.Leniency, v.EffectiveFrom, v.EffectiveTo, v.CreatedBy, v.CreatedAt, v.PublishedBy, v.PublishedAt);
}

public sealed record CatalogItemView(Guid Id, string Code, Guid AgencyId, string AgencyName, bool Editable, CatalogVersionView? Published, CatalogVersionView? Draft, IReadOnlyList<CatalogVersionView> History);

/// <summary>
/// The enforcement catalog (Z3). Staff see their agency's catalog and those of the agencies above
/// it (a provincial item applies in every county); administrators edit items of their own
/// jurisdiction. An edit goes to a draft; publishing makes it the current version for good.
/// </summary>
public sealed class CatalogAdmin(TianmuDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<CatalogItemView>> ListAsync(CurrentUser caller, CancellationToken ct)
    {
        var items = await Visible(caller).AsNoTracking().Include(i => i.Agency).OrderBy(i => i.Agency!.Path).ThenBy(i => i.Code).ToListAsync(ct);
        var ids = items.Select(i => i.Id).ToList();
        var versions = (await db.CatalogVersions.AsNoTracking().Where(v => ids.Contains(v.ItemId)).ToListAsync(ct)).ToLookup(v => v.ItemId);
        return [.. items.Select(i => View(caller, i, versions[i.Id]))];
    }

    public async Task<Result<CatalogItemView>> GetAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var item = await Visible(caller).AsNoTracking().Include(i => i.Agency).FirstOrDefaultAsync(i => i.Id == id, ct);
        return item is null ? Error.NotFound("执法事项") : View(caller, item, await db.CatalogVersions.AsNoTracking().Where(v => v.ItemId == id).ToListAsync(ct));
    }

    public async Task<Result<CatalogItemView>> CreateAsync(CurrentUser caller, CatalogInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("code", input.Code, "事项编码", 40);
        var agency = input.AgencyId is { } agencyId ? await db.Agencies.In(caller.Jurisdiction).FirstOrDefaultAsync(a => a.Id == agencyId, ct) : null;
        if (agency is null)
        {
            errors.Add("agencyId", "所属机构不存在或不在您的管辖范围内。");
        }

        var content = Validate(input, errors);
        if (errors.Any)
        {
            return errors.ToError();
        }

        var code = input.Code!.Trim();
        if (await db.CatalogItems.AnyAsync(i => i.Code == code, ct))
        {
            return Error.Conflict("catalog.duplicate_code", $"事项编码 {code} 已存在。");
        }

        var item = new CatalogItem(Guid.CreateVersion7(), agency!, code, clock.GetUtcNow());
        db.CatalogItems.Add(item);
        db.CatalogVersions.Add(new CatalogVersion(Guid.CreateVersion7(), item.Id, 1, content!, caller.UserName, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return await GetAsync(caller, item.Id, ct);
    }

    /// <summary>Saves the draft, opening a new version after the published one when there is no draft yet.</summary>
    public async Task<Result<CatalogItemView>> SaveDraftAsync(CurrentUser caller, Guid id, CatalogInput input, CancellationToken ct)
    {
        if (await Editable(caller).FirstOrDefaultAsync(i => i.Id == id, ct) is null)
        {
            return Error.NotFound("执法事项");
        }

        var errors = new FieldErrors();
        var content = Validate(input, errors);
        if (errors.Any)
        {
            return errors.ToError();
        }

        var versions = await db.CatalogVersions.Where(v => v.ItemId == id).ToListAsync(ct);
        if (versions.FirstOrDefault(v => v.Status == VersionStatus.Draft) is { } draft)
        {
            draft.Edit(content!);
        }
        else
        {
            db.CatalogVersions.Add(new CatalogVersion(Guid.CreateVersion7(), id, versions.Max(v => v.Number) + 1, content!, caller.UserName, clock.GetUtcNow()));
        }

        await db.SaveChangesAsync(ct);
        return await GetAsync(caller, id, ct);
    }

    public async Task<Result<CatalogItemView>> PublishAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        if (await Editable(caller).FirstOrDefaultAsync(i => i.Id == id, ct) is null)
        {
            return Error.NotFound("执法事项");
        }

        var draft = await db.CatalogVersions.FirstOrDefaultAsync(v => v.ItemId == id && v.Status == VersionStatus.Draft, ct);
        if (draft is null)
        {
            return Error.Conflict("catalog.no_draft", "没有待发布的草稿；请先修改事项内容。");
        }

        draft.Publish($"{caller.DisplayName}（{caller.UserName}）", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await GetAsync(caller, id, ct);
    }

    /// <summary>Items of the caller's jurisdiction and of the agencies above the caller (whose catalogs apply here).</summary>
    internal IQueryable<CatalogItem> Visible(CurrentUser caller)
    {
        var j = caller.Jurisdiction;
        if (j.Everything)
        {
            return db.CatalogItems;
        }

        if (j.AgencyPath is not { } path)
        {
            return db.CatalogItems.Where(_ => false);
        }

        var ancestors = AncestorPaths(path);
        return db.CatalogItems.Where(i => i.Agency!.Path.StartsWith(path) || ancestors.Contains(i.Agency.Path));
    }

    private IQueryable<CatalogItem> Editable(CurrentUser caller)
    {
        var agencies = db.Agencies.In(caller.Jurisdiction);
        return db.CatalogItems.Where(i => agencies.Any(a => a.Id == i.AgencyId));
    }

    /// <summary>"/370000/370100/370102/" → "/370000/", "/370000/370100/".</summary>
    internal static List<string> AncestorPaths(string path)
    {
        var parts = path.Trim('/').Split('/');
        return [.. Enumerable.Range(1, parts.Length - 1).Select(n => "/" + string.Join("/", parts.Take(n)) + "/")];
    }

    private static CatalogContent? Validate(CatalogInput input, FieldErrors errors)
    {
        errors.Required("name", input.Name, "事项名称", 200).Required("obligationBasis", input.ObligationBasis, "义务设定依据", 2000)
            .Required("penaltyBasis", input.PenaltyBasis, "处罚依据", 2000).Required("discretionRange", input.DiscretionRange, "裁量基准", 2000);
        var categories = (input.Categories ?? []).Select(EntityCategories.Parse).ToList();
        if (categories.Count == 0 || categories.Any(c => c is null))
        {
            errors.Add("categories", "请选择监管对象类别（公共场所、生活饮用水、医疗机构、学校、放射诊疗、消毒产品）。");
        }

        var methods = (input.Methods ?? []).Select(m => Enum.TryParse<CollectionMethod>(m, out var v) && Enum.IsDefined(v) ? v : (CollectionMethod?)null).ToList();
        if (methods.Count == 0 || methods.Any(m => m is null))
        {
            errors.Add("methods", "请选择采集方式：OnlineMonitoring、VideoAi、SelfReport、BigData、ProvincialPush。");
        }

        if (!string.IsNullOrWhiteSpace(input.RulePack) && RulePacks.Find(input.RulePack.Trim()) is null)
        {
            errors.Add("rulePack", $"规则包“{input.RulePack}”不存在，可用：{string.Join("、", RulePacks.All.Select(p => $"{p.Code}（{p.Name}）"))}。");
        }

        if (input.EffectiveFrom is null)
        {
            errors.Add("effectiveFrom", "请填写生效日期。");
        }
        else if (input.EffectiveTo is { } to && to < input.EffectiveFrom)
        {
            errors.Add("effectiveTo", "失效日期不能早于生效日期。");
        }

        return errors.Any ? null : new CatalogContent(
            input.Name!.Trim(), [.. categories.Select(c => c!.Value)], [.. methods.Select(m => m!.Value)],
            string.IsNullOrWhiteSpace(input.RulePack) ? null : input.RulePack.Trim(), input.ObligationBasis!.Trim(), input.PenaltyBasis!.Trim(),
            input.DiscretionRange!.Trim(), string.IsNullOrWhiteSpace(input.Leniency) ? null : input.Leniency.Trim(), input.EffectiveFrom!.Value, input.EffectiveTo);
    }

    private static CatalogItemView View(CurrentUser caller, CatalogItem item, IEnumerable<CatalogVersion> versions)
    {
        var list = versions.OrderByDescending(v => v.Number).ToList();
        var editable = caller.Jurisdiction.Covers(item.Agency?.Path) && caller.Has(Role.Administrator);
        return new CatalogItemView(
            item.Id, item.Code, item.AgencyId, item.Agency?.Name ?? "", editable,
            list.FirstOrDefault(v => v.Status == VersionStatus.Published) is { } p ? CatalogVersionView.Of(p) : null,
            list.FirstOrDefault(v => v.Status == VersionStatus.Draft) is { } d ? CatalogVersionView.Of(d) : null,
            [.. list.Where(v => v.Status == VersionStatus.Published).Select(CatalogVersionView.Of)]);
    }
}
