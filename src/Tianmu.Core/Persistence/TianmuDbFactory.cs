using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;

namespace Tianmu.Persistence;

/// <summary>
/// Creates contexts with the auditing interceptor always attached: per request with the caller's
/// <see cref="AuditScope"/>, or for background work as the system actor.
/// </summary>
public sealed class TianmuDbFactory(DatabaseSettings settings, TimeProvider clock) : IDbContextFactory<TianmuDb>
{
    /// <summary>
    /// Built once: every request and every evaluation of the warning engine creates a context, and
    /// building options each time was a few per cent of the server's CPU under ingest load. The
    /// interceptor reads each context's own <see cref="TianmuDb.AuditScope"/>.
    /// </summary>
    private readonly DbContextOptions<TianmuDb> options = Build(settings, clock);

    public TianmuDb CreateDbContext() => Create(new AuditScope());

    public TianmuDb Create(AuditScope scope) => new(options) { AuditScope = scope };

    private static DbContextOptions<TianmuDb> Build(DatabaseSettings settings, TimeProvider clock)
    {
        var options = new DbContextOptionsBuilder<TianmuDb>();
        settings.Apply(options);
        options.AddInterceptors(new AuditingInterceptor(clock));
        return options.Options;
    }
}
