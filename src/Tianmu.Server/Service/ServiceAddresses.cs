using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Entities;
using Tianmu.Evidence;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Security;
using Tianmu.Server.Auth;
using Tianmu.Server.Portal;
using Tianmu.Server.Warnings;
using Tianmu.Service;

namespace Tianmu.Server.Service;

/// <summary>
/// 送达地址确认书 (行政处罚法第六十一条; Z20): the party states its address and method and, for electronic service, its
/// consent and the addresses it names. In the portal the server composes the text from the terms, the party reads it,
/// re-types its password and sends back the text's SHA-256; the server recomposes the text and signs only if the hashes
/// agree. An officer may record a confirmation signed on paper on site. A new confirmation supersedes the current one;
/// the history stays. Phone, e-mail and the text naming them are encrypted at rest and shown masked.
/// </summary>
/// <remarks>Codes: <c>not_found</c>; <c>validation_failed</c>; <c>service.confirmation_text_changed</c> (409) when the
/// text read is not the text the terms give now; <c>service.address_changed</c> (409) when another confirmation was
/// signed at the same moment; the password codes of <see cref="Reconfirmation"/>.</remarks>
public sealed partial class ServiceAddresses(TianmuDb db, PersonalDataProtector protector, Reconfirmation reconfirmation, IObjectStore store, TimeProvider clock)
{
    /// <summary>The caller's entities with their current confirmation and its history; the exact texts, since they are the party's own.</summary>
    public async Task<IReadOnlyList<EntityAddressView>> MineAsync(CurrentUser caller, CancellationToken ct)
    {
        var entities = await db.Entities.AsNoTracking().Where(e => db.EntityIdsOf(caller).Contains(e.Id)).OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync(ct);
        var result = new List<EntityAddressView>();
        foreach (var e in entities)
        {
            result.Add(await ViewAsync(e.Id, e.Name, exact: true, ct));
        }

        return result;
    }

    /// <summary>The text the party is about to sign, composed from its terms, with its SHA-256.</summary>
    public async Task<Result<ConfirmationPreview>> PreviewAsync(CurrentUser caller, ServiceAddressInput input, CancellationToken ct)
    {
        var terms = await MyTermsAsync(caller, input, ct);
        if (terms.Error is { } invalid)
        {
            return invalid;
        }

        var (entity, stated) = terms.Value;
        var text = ServiceAddressText.Compose(stated);
        return new ConfirmationPreview(entity.Id, entity.Name, text, ServiceAddressText.Hash(text));
    }

    /// <summary>Signs in the portal: agreement, the hash of the text read, then the password; supersedes the current confirmation.</summary>
    public async Task<Result<ConfirmationView>> SignAsync(CurrentUser caller, ServiceAddressInput input, CancellationToken ct)
    {
        var terms = await MyTermsAsync(caller, input, ct);
        if (terms.Error is { } invalid)
        {
            return invalid;
        }

        if (input.Agree != true)
        {
            return Error.Validation("agree", "请阅读送达地址确认书并勾选“本单位已阅读并确认”。");
        }

        var (entity, stated) = terms.Value;
        var text = ServiceAddressText.Compose(stated);
        if (!string.Equals(input.TextHash?.Trim(), ServiceAddressText.Hash(text), StringComparison.OrdinalIgnoreCase))
        {
            return Error.Conflict("service.confirmation_text_changed", "确认书内容与您阅读的文本不一致（可能填写的内容或机构信息已变化），请重新生成并阅读后再签署。");
        }

        if (await reconfirmation.CheckAsync(caller, input.Password, ct) is { } refused)
        {
            return refused;
        }

        var signature = new ConfirmationSignature(ConfirmationChannel.Portal, caller.Id, $"{caller.DisplayName}（{caller.UserName}）", clock.GetUtcNow());
        return await SaveAsync(entity, stated, signature, exact: true, ct);
    }

    /// <summary>Staff: an entity's current confirmation and history, masked; not found outside the caller's jurisdiction.</summary>
    public async Task<Result<EntityAddressView>> ForEntityAsync(CurrentUser caller, Guid entityId, CancellationToken ct)
    {
        var entity = await Scoped(caller).AsNoTracking().Where(e => e.Id == entityId).Select(e => new { e.Id, e.Name }).FirstOrDefaultAsync(ct);
        return entity is null ? Error.NotFound("监管对象") : await ViewAsync(entity.Id, entity.Name, exact: false, ct);
    }

    /// <summary>Staff: records a confirmation the party signed on paper on site, with its scan if given.</summary>
    public async Task<Result<ConfirmationView>> RecordPaperAsync(CurrentUser caller, Guid entityId, PaperAddressInput input, ResponseFile? scan, CancellationToken ct)
    {
        var entity = await Scoped(caller).AsNoTracking().Include(e => e.Agency).FirstOrDefaultAsync(e => e.Id == entityId, ct);
        if (entity is null)
        {
            return Error.NotFound("监管对象");
        }

        var account = string.IsNullOrWhiteSpace(input.PortalAccount) ? null : input.PortalAccount.Trim();
        var terms = Terms(entity, input.Address, input.Method, input.ElectronicConsent, account, input.Phone, input.Email);
        var errors = new FieldErrors().Required("signerName", input.SignerName, "签署人（姓名、职务）", 100);
        if (account is not null && !await db.EntityUsers.AnyAsync(l => l.EntityId == entityId && db.Users.Any(u => u.Id == l.UserId && u.UserName == account), ct))
        {
            errors.Add("portalAccount", $"“{account}”不是该监管对象的门户账户。");
        }

        if (terms.Error is { Fields: { } fields })
        {
            foreach (var (field, messages) in fields)
            {
                Array.ForEach(messages, m => errors.Add(field, m));
            }
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var stored = await ServiceFiles.StoreAsync(store, scan, allowVideo: false, ct);
        if (stored.Error is { } badFile)
        {
            return badFile;
        }

        var signature = new ConfirmationSignature(ConfirmationChannel.Paper, null, input.SignerName!.Trim(), clock.GetUtcNow(),
            $"{caller.DisplayName}（{caller.UserName}）", stored.Value?.Sha256, stored.Value?.ContentType);
        return await SaveAsync(entity, terms.Value!, signature, exact: false, ct);
    }

    /// <summary>Staff: a paper confirmation's scan, within the caller's jurisdiction.</summary>
    public async Task<Result<StoredFile>> ScanAsync(CurrentUser caller, Guid confirmationId, CancellationToken ct)
    {
        var j = caller.Jurisdiction;
        var c = await db.ServiceAddressConfirmations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == confirmationId, ct);
        if (c is null || !j.Covers(c.AgencyPath) || c.AttachmentSha256 is null)
        {
            return Error.NotFound("确认书扫描件");
        }

        try
        {
            var bytes = await store.ReadAsync(c.AttachmentSha256, ct);
            return bytes is null
                ? Error.Conflict("service.file_missing", "存储中找不到该扫描件，请联系管理员。")
                : new StoredFile(bytes, c.AttachmentType ?? "application/octet-stream", $"送达地址确认书-{c.Id.ToString("N")[..8]}{(c.AttachmentType == "application/pdf" ? ".pdf" : c.AttachmentType == "image/png" ? ".png" : ".jpg")}");
        }
        catch (TamperedObjectException)
        {
            return Error.Conflict("service.file_tampered", "该扫描件与登记的哈希不符，疑似被篡改，已拒绝提供。");
        }
    }

    /// <summary>The entity's current confirmation, if any (for serving).</summary>
    internal Task<ServiceAddressConfirmation?> CurrentAsync(Guid entityId, CancellationToken ct) =>
        db.ServiceAddressConfirmations.AsNoTracking().FirstOrDefaultAsync(c => c.EntityId == entityId && c.SupersededAt == null, ct);

    internal ConfirmationView View(ServiceAddressConfirmation c, bool exact) => new(
        c.Id, c.EntityId, c.Address, c.Method.ToString(), c.Method.ToChinese(), c.ElectronicConsent, c.ConsentsToElectronicService, c.PortalAccount,
        c.PhoneMasked, c.EmailMasked, exact ? protector.Unprotect(c.TextCipher)! : c.MaskedText, c.TextSha256, c.Channel.ToString(), c.Channel.ToChinese(),
        c.SignedByName, c.SignedAt, c.RecordedBy, c.AttachmentSha256 is not null, c.SupersededAt is null, c.SupersededAt);

    private async Task<EntityAddressView> ViewAsync(Guid entityId, string name, bool exact, CancellationToken ct)
    {
        var all = await db.ServiceAddressConfirmations.AsNoTracking().Where(c => c.EntityId == entityId).ToListAsync(ct);
        var views = all.OrderByDescending(c => c.SignedAt).Select(c => View(c, exact)).ToList();
        return new EntityAddressView(entityId, name, views.FirstOrDefault(v => v.Current), views);
    }

    /// <summary>Supersedes the current confirmation and adds the new one, in one transaction; a concurrent signing loses with a conflict.</summary>
    private async Task<Result<ConfirmationView>> SaveAsync(RegulatedEntity entity, ServiceAddressTerms terms, ConfirmationSignature signature, bool exact, CancellationToken ct)
    {
        var text = ServiceAddressText.Compose(terms);
        var phone = Mask.Phone(terms.Phone);
        var email = Mask.Email(terms.Email);
        var masked = ServiceAddressText.Compose(terms with { Phone = terms.Phone is null ? null : phone, Email = terms.Email is null ? null : email });
        var content = new ServiceAddressContent(terms.Address, terms.Method, terms.ElectronicConsent, terms.PortalAccount,
            terms.Phone is null ? null : phone, terms.Email is null ? null : email, masked);
        var secrets = new ServiceAddressSecrets(protector.Protect(terms.Phone), protector.Protect(terms.Email), protector.Protect(text)!, ServiceAddressText.Hash(text));
        var confirmation = new ServiceAddressConfirmation(Guid.CreateVersion7(), entity.Id, entity.AgencyPath, content, secrets, signature);
        try
        {
            // The unique index allows one current row per entity: the old one is superseded first, then the new one added.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var current = await db.ServiceAddressConfirmations.FirstOrDefaultAsync(c => c.EntityId == entity.Id && c.SupersededAt == null, ct);
            if (current is not null)
            {
                current.Supersede(confirmation.Id, signature.At);
                await db.SaveChangesAsync(ct);
            }

            db.ServiceAddressConfirmations.Add(confirmation);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Error.Conflict("service.address_changed", "该单位的送达地址确认书刚被更新，请刷新后重新确认。");
        }

        return View(confirmation, exact);
    }

    private Result<ServiceAddressTerms> Terms(RegulatedEntity entity, string? address, string? method, bool? consent, string? portalAccount, string? phone, string? email)
    {
        var errors = new FieldErrors().Required("address", address, "送达地址", 200);
        var chosen = ServiceMethods.TryParse(method, out var m) && ServiceMethods.Of(m).PartyMayChoose;
        if (!chosen)
        {
            errors.Add("method", "送达方式须为 Electronic（电子送达）、Direct（直接送达）或 Postal（邮寄送达）。");
        }

        var agrees = consent == true;
        if (chosen && m == ServiceMethod.Electronic && !agrees)
        {
            errors.Add("electronicConsent", "选择电子送达的，须同意电子送达并提供电子送达地址。");
        }

        var cleanPhone = agrees ? Clean(phone) : null;
        var cleanEmail = agrees && !string.IsNullOrWhiteSpace(email) ? email.Trim() : null;
        if (cleanPhone is not null && !Mobile().IsMatch(cleanPhone))
        {
            errors.Add("phone", "手机号码须为 11 位中国大陆手机号。");
        }

        if (cleanEmail is not null && (cleanEmail.Length > 254 || !EmailAddress().IsMatch(cleanEmail)))
        {
            errors.Add("email", "电子邮箱格式不正确。");
        }

        var account = agrees ? portalAccount : null;
        if (agrees && account is null && cleanPhone is null && cleanEmail is null)
        {
            errors.Add("electronicConsent", "同意电子送达的，须至少提供一个电子送达地址（门户账户、手机号码或电子邮箱）。");
        }

        return errors.Any
            ? errors.ToError()
            : new ServiceAddressTerms(entity.Agency!.Name, entity.Name, entity.IsIndividual ? null : entity.CreditCode, address!.Trim(), m, agrees, account, cleanPhone, cleanEmail);
    }

    /// <summary>The caller's entity and the terms it states; the portal account named is the caller's own.</summary>
    private async Task<Result<(RegulatedEntity Entity, ServiceAddressTerms Terms)>> MyTermsAsync(CurrentUser caller, ServiceAddressInput input, CancellationToken ct)
    {
        var entity = await MyEntityAsync(caller, input.EntityId, ct);
        if (entity.Error is { } missing)
        {
            return missing;
        }

        var terms = Terms(entity.Value!, input.Address, input.Method, input.ElectronicConsent, input.Portal == true ? caller.UserName : null, input.Phone, input.Email);
        return terms.Error is { } invalid ? invalid : (entity.Value!, terms.Value!);
    }

    private async Task<Result<RegulatedEntity>> MyEntityAsync(CurrentUser caller, Guid? entityId, CancellationToken ct)
    {
        var mine = db.Entities.AsNoTracking().Include(e => e.Agency).Where(e => db.EntityIdsOf(caller).Contains(e.Id));
        if (entityId is { } id)
        {
            return await mine.FirstOrDefaultAsync(e => e.Id == id, ct) is { } entity ? entity : Error.NotFound("监管对象");
        }

        var all = await mine.Take(2).ToListAsync(ct);
        return all.Count == 1 ? all[0] : Error.Validation("entityId", "您代表多个单位，请选择为哪个单位确认送达地址。");
    }

    private IQueryable<RegulatedEntity> Scoped(CurrentUser caller)
    {
        var j = caller.Jurisdiction;
        return j.Everything ? db.Entities : j.AgencyPath is { } path ? db.Entities.Where(e => e.AgencyPath.StartsWith(path)) : db.Entities.Where(_ => false);
    }

    private static string? Clean(string? phone) =>
        string.IsNullOrWhiteSpace(phone) ? null : new string([.. phone.Where(c => !char.IsWhiteSpace(c) && c != '-')]);

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailAddress();
}
