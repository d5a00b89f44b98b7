using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tianmu.Identity;
using Tianmu.Persistence;

namespace Tianmu.Server.Auth;

/// <summary>Issues and resolves opaque bearer tokens; the database keeps only their SHA-256.</summary>
public sealed class ApiTokens(TianmuDb db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public async Task<(string Token, int ExpiresIn)> IssueAsync(User user, CancellationToken ct)
    {
        var token = "tm_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        db.ApiTokens.Add(new ApiToken(Guid.CreateVersion7(), Hash(token), user.Id, now, now + Lifetime));
        await db.SaveChangesAsync(ct);
        return (token, (int)Lifetime.TotalSeconds);
    }

    /// <summary>The active user a live token belongs to, or null.</summary>
    public async Task<User?> ResolveAsync(string token, CancellationToken ct)
    {
        var hash = Hash(token);
        var now = clock.GetUtcNow();
        var row = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null && t.ExpiresAt > now, ct);
        if (row is null)
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().Include(u => u.Roles).Include(u => u.Agency).FirstOrDefaultAsync(u => u.Id == row.UserId, ct);
        return user is { IsActive: true } && (user.LockoutEnd is null || user.LockoutEnd <= now) ? user : null;
    }

    public async Task RevokeAsync(string token, CancellationToken ct)
    {
        var hash = Hash(token);
        var row = await db.ApiTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        row?.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
