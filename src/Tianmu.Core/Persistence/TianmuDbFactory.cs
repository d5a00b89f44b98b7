using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;

namespace Tianmu.Persistence;

/// <summary>
/// Creates contexts with the auditing interceptor always attached: per request with the caller's
/// <see cref="AuditScope"/>, or for background work as the system actor.
/// </summary>
public sealed class TianmuDbFactory(DatabaseSettings settings, TimeProvider clock) : IDbContextFactory<TianmuDb>
{
    public TianmuDb CreateDbContext() => Create(new AuditScope());

    public TianmuDb Create(AuditScope scope)
    {
        var options = new DbContextOptionsBuilder<TianmuDb>();
        settings.Apply(options);
        options.AddInterceptors(new AuditingInterceptor(scope, clock));
        return new TianmuDb(options.Options);
    }
}
