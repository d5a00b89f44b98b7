using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tianmu.Clues;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Security;
using Tianmu.Server.Auth;
using Tianmu.Server.Ingest;

namespace Tianmu.Server.Clues;

public sealed record PlatformClientInput(Guid? AgencyId, string? Name);

public sealed record PlatformClientView(Guid Id, Guid AgencyId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record PlatformClientCreated(PlatformClientView Client, string Secret);

/// <summary>
/// Registers the systems that push clues (the provincial platform) and checks their signed requests:
/// X-Client-Id, X-Timestamp and X-Signature over the body, exactly as devices sign theirs.
/// </summary>
public sealed class PlatformClients(TianmuDb db, PersonalDataProtector protector, TimeProvider clock)
{
    public static readonly Error Unauthenticated = Error.Unauthenticated("clue.unauthenticated", "平台身份验证失败：客户端编号、密钥或签名不正确，时间戳超出 5 分钟，或客户端已吊销。");

    public async Task<IReadOnlyList<PlatformClientView>> ListAsync(CurrentUser caller, CancellationToken ct) =>
        [.. (await db.PlatformClients.AsNoTracking().Where(c => db.Agencies.In(caller.Jurisdiction).Any(a => a.Id == c.AgencyId))
            .OrderBy(c => c.CreatedAt).ToListAsync(ct)).Select(View)];

    public async Task<Result<PlatformClientCreated>> CreateAsync(CurrentUser caller, PlatformClientInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("name", input.Name, "客户端名称", 100);
        var agency = input.AgencyId is { } id ? await db.Agencies.In(caller.Jurisdiction).FirstOrDefaultAsync(a => a.Id == id, ct) : null;
        if (agency is null)
        {
            errors.Add("agencyId", "机构不存在或不在您的管辖范围内。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var client = new PlatformClient(Guid.CreateVersion7(), agency!.Id, agency.Path, input.Name!.Trim(), protector.Protect(secret)!, clock.GetUtcNow());
        db.PlatformClients.Add(client);
        await db.SaveChangesAsync(ct);
        return new PlatformClientCreated(View(client), secret);
    }

    public async Task<Result<PlatformClientView>> RevokeAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var client = await db.PlatformClients.Where(c => db.Agencies.In(caller.Jurisdiction).Any(a => a.Id == c.AgencyId)).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return Error.NotFound("平台客户端");
        }

        client.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return View(client);
    }

    public async Task<Result<PlatformClient>> AuthenticateAsync(IHeaderDictionary headers, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        string? timestamp = headers["X-Timestamp"];
        if (!DeviceSignature.IsFresh(timestamp, clock.GetUtcNow()) || !Guid.TryParse(headers["X-Client-Id"], out var id))
        {
            return Unauthenticated;
        }

        var client = await db.PlatformClients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.RevokedAt == null, ct);
        return client is not null && DeviceSignature.Matches(protector.Unprotect(client.SecretCipher)!, timestamp!, body.Span, headers["X-Signature"])
            ? client
            : Unauthenticated;
    }

    private static PlatformClientView View(PlatformClient c) => new(c.Id, c.AgencyId, c.Name, c.CreatedAt, c.RevokedAt);
}
