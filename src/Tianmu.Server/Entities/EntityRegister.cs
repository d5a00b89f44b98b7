using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tianmu.Agencies;
using Tianmu.Common;
using Tianmu.Entities;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Security;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Entities;

public sealed record LicenceDto(string? Kind, string? Number, DateOnly? ValidFrom, DateOnly? ValidTo);

public sealed record EntityView(
    Guid Id, string Name, string? CreditCode, bool IsIndividual, string IdNumber, string Category, string CategoryName, string SubCategory,
    Guid AgencyId, string AgencyName, string Address, string? ContactName, string ContactPhone, IReadOnlyList<LicenceDto> Licences);

public sealed record EntityInput(
    string? Name, string? CreditCode, string? IdNumber, string? Category, string? SubCategory, Guid? AgencyId,
    string? Address, string? ContactName, string? ContactPhone, LicenceDto[]? Licences);

public sealed record EntityFilter(EntityCategory? Category, Guid? AgencyId, string? Q, int? Page, int? PageSize);

/// <summary>
/// The register of regulated entities (行政相对人), scoped to the caller's jurisdiction. Registering
/// and editing are for administrators and officers; phone and ID numbers are encrypted before they
/// reach the database and masked on the way out.
/// </summary>
public sealed partial class EntityRegister(TianmuDb db, PersonalDataProtector protector, TimeProvider clock)
{
    public async Task<Paged<EntityView>> ListAsync(CurrentUser caller, EntityFilter filter, CancellationToken ct)
    {
        var query = db.EntitiesIn(caller.Jurisdiction).AsNoTracking();
        if (filter.Category is { } category)
        {
            query = query.Where(e => e.Category == category);
        }

        if (filter.AgencyId is { } agencyId)
        {
            query = query.Where(e => e.AgencyId == agencyId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(e => e.Name.Contains(q) || e.CreditCode == q.ToUpperInvariant());
        }

        var page = await query.OrderBy(e => e.AgencyPath).ThenBy(e => e.Name).ThenBy(e => e.Id).Include(e => e.Agency).Include(e => e.Licences).PageAsync(filter.Page, filter.PageSize, ct);
        return page.Map(View);
    }

    public async Task<Result<EntityView>> GetAsync(CurrentUser caller, Guid id, CancellationToken ct) =>
        await Scoped(caller).AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) is { } entity ? View(entity) : Error.NotFound("监管对象");

    public async Task<Result<EntityView>> CreateAsync(CurrentUser caller, EntityInput input, CancellationToken ct)
    {
        var agency = input.AgencyId is { } agencyId ? await db.Agencies.In(caller.Jurisdiction).FirstOrDefaultAsync(a => a.Id == agencyId, ct) : null;
        var checkedInput = Check(input, agency);
        if (!checkedInput.IsSuccess)
        {
            return checkedInput.Error!;
        }

        var (profile, licences) = checkedInput.Value;
        if (await DuplicateAsync(profile, null, ct) is { } duplicate)
        {
            return duplicate;
        }

        var entity = new RegulatedEntity(Guid.CreateVersion7(), profile, agency!, clock.GetUtcNow());
        entity.ReplaceLicences(LicencesFor(entity.Id, licences));
        db.Entities.Add(entity);
        await db.SaveChangesAsync(ct);
        return View(entity);
    }

    public async Task<Result<EntityView>> UpdateAsync(CurrentUser caller, Guid id, EntityInput input, CancellationToken ct)
    {
        var entity = await Scoped(caller).FirstOrDefaultAsync(e => e.Id == id, ct);
        if (entity is null)
        {
            return Error.NotFound("监管对象");
        }

        // Personal data left out (null) keeps its stored value; it is decrypted here, never sent to the client to be echoed back.
        input = input with
        {
            IdNumber = input.IdNumber ?? (input.CreditCode is null ? protector.Unprotect(entity.IdNumberCipher) : null),
            ContactPhone = input.ContactPhone ?? protector.Unprotect(entity.ContactPhoneCipher),
        };
        var agency = input.AgencyId is { } agencyId ? await db.Agencies.In(caller.Jurisdiction).FirstOrDefaultAsync(a => a.Id == agencyId, ct) : entity.Agency;
        var checkedInput = Check(input, agency);
        if (!checkedInput.IsSuccess)
        {
            return checkedInput.Error!;
        }

        var (profile, licences) = checkedInput.Value;
        if (await DuplicateAsync(profile, id, ct) is { } duplicate)
        {
            return duplicate;
        }

        entity.Update(profile, agency!);
        db.Licences.RemoveRange(entity.Licences);
        entity.ReplaceLicences(LicencesFor(entity.Id, licences));
        await db.SaveChangesAsync(ct);
        return View(entity);
    }

    /// <summary>Validates one entity's fields (API, UI and each CSV row alike) and encrypts its personal data.</summary>
    internal Result<(EntityProfile Profile, List<LicenceDto> Licences)> Check(EntityInput input, Agency? agency)
    {
        var errors = new FieldErrors().Required("name", input.Name, "名称", 100).Required("address", input.Address, "地址", 200);
        var creditCode = string.IsNullOrWhiteSpace(input.CreditCode) ? null : input.CreditCode.Trim().ToUpperInvariant();
        var idNumber = string.IsNullOrWhiteSpace(input.IdNumber) ? null : input.IdNumber.Trim().ToUpperInvariant();
        if (creditCode is not null && !CreditCode.IsValid(creditCode))
        {
            errors.Add("creditCode", "统一社会信用代码无效：须为 18 位，且第 18 位校验码须符合 GB 32100-2015。");
        }

        if (creditCode is null && idNumber is null)
        {
            errors.Add("creditCode", "单位须填写统一社会信用代码；个人须填写身份证号。");
        }

        if (creditCode is not null && idNumber is not null)
        {
            errors.Add("idNumber", "已填写统一社会信用代码的单位无需填写身份证号。");
        }

        if (idNumber is not null && !IdNumber.IsValid(idNumber))
        {
            errors.Add("idNumber", "身份证号无效：须为 18 位，且校验码须符合 GB 11643-1999。");
        }

        var category = EntityCategories.Parse(input.Category);
        if (category is null)
        {
            errors.Add("category", "请选择类别：公共场所、生活饮用水、医疗机构、学校、放射诊疗或消毒产品。");
        }
        else if (!category.Value.SubCategories().Contains(input.SubCategory?.Trim()))
        {
            errors.Add("subCategory", $"{category.Value.ToChinese()}的子类别只能是：{string.Join("、", category.Value.SubCategories())}。");
        }

        if (agency is null)
        {
            errors.Add("agencyId", "监管机构不存在或不在您的管辖范围内。");
        }

        var phone = input.ContactPhone?.Trim();
        if (!string.IsNullOrEmpty(phone) && !PhonePattern().IsMatch(phone))
        {
            errors.Add("contactPhone", "联系电话须为 11 位手机号或带区号的固定电话（如 0531-86001234）。");
        }

        var licences = (input.Licences ?? []).ToList();
        for (var i = 0; i < licences.Count; i++)
        {
            var l = licences[i];
            if (string.IsNullOrWhiteSpace(l.Kind) || string.IsNullOrWhiteSpace(l.Number))
            {
                errors.Add($"licences[{i}]", "许可证须填写名称和编号。");
            }
            else if (l.ValidFrom is { } from && l.ValidTo is { } to && to < from)
            {
                errors.Add($"licences[{i}]", "许可证有效期止不能早于有效期起。");
            }
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var profile = new EntityProfile(
            input.Name!.Trim(), creditCode, protector.Protect(idNumber), protector.BlindIndex(idNumber), category!.Value, input.SubCategory!.Trim(),
            input.Address!.Trim(), string.IsNullOrWhiteSpace(input.ContactName) ? null : input.ContactName.Trim(), protector.Protect(phone));
        return (profile, licences);
    }

    private async Task<Error?> DuplicateAsync(EntityProfile profile, Guid? self, CancellationToken ct)
    {
        // Uniqueness is platform-wide (the register of another jurisdiction counts too), but says nothing about that entity.
        if (profile.CreditCode is { } code && await db.Entities.AnyAsync(e => e.CreditCode == code && e.Id != self, ct))
        {
            return Error.Conflict("entity.duplicate_credit_code", $"统一社会信用代码 {code} 已登记。");
        }

        if (profile.IdNumberHash is { } hash && await db.Entities.AnyAsync(e => e.IdNumberHash == hash && e.Id != self, ct))
        {
            return Error.Conflict("entity.duplicate_id_number", "该身份证号的个人已登记。");
        }

        return null;
    }

    private IQueryable<RegulatedEntity> Scoped(CurrentUser caller) =>
        db.EntitiesIn(caller.Jurisdiction).Include(e => e.Agency).Include(e => e.Licences);

    internal EntityView View(RegulatedEntity e) => new(
        e.Id, e.Name, e.CreditCode, e.IsIndividual, IdNumber.Mask(protector.Unprotect(e.IdNumberCipher)), e.Category.ToString(), e.Category.ToChinese(),
        e.SubCategory, e.AgencyId, e.Agency?.Name ?? "", e.Address, e.ContactName, Mask.Phone(protector.Unprotect(e.ContactPhoneCipher)),
        [.. e.Licences.OrderBy(l => l.Kind).Select(l => new LicenceDto(l.Kind, l.Number, l.ValidFrom, l.ValidTo))]);

    /// <summary>Licence rows for an entity from checked input (kind and number present).</summary>
    internal static IEnumerable<Licence> LicencesFor(Guid entityId, IEnumerable<LicenceDto> licences) =>
        licences.Select(l => new Licence(Guid.CreateVersion7(), entityId, l.Kind!, l.Number!, l.ValidFrom, l.ValidTo));

    internal static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), ["yyyy-MM-dd", "yyyy/M/d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    [GeneratedRegex(@"^(1\d{10}|0\d{2,3}-?\d{7,8})$")]
    internal static partial Regex PhonePattern();
}
