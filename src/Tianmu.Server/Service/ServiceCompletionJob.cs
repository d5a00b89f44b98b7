using Microsoft.Extensions.Options;
using Tianmu.Persistence;
using Tianmu.Server.Hosting;

namespace Tianmu.Server.Service;

/// <summary>
/// Completes services the platform witnesses later, on one node at a time (a database lease): electronic services
/// delivered by SMS or e-mail only are served when the gateway accepts the message (the delivery worker sets its
/// SentAt); public notices when their 30 days have passed; and receipts the request could not issue are issued.
/// Polling the outbox rather than hooking the delivery worker keeps the two features apart: a few seconds' delay,
/// while the service date stays the gateway's acceptance time.
/// </summary>
public sealed class ServiceCompletionJob(IServiceScopeFactory scopes, DatabaseLeases leases, ServiceOptions options, TimeProvider clock, ILogger<ServiceCompletionJob> log)
    : ScopedJob<ServiceDesk>(scopes, leases, clock, log)
{
    protected override string Name => "service-completion";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, options.CompletionSeconds));

    public override Task StartAsync(CancellationToken cancellationToken) =>
        options.CompletionSeconds > 0 ? base.StartAsync(cancellationToken) : Task.CompletedTask;

    protected override Task<int> RunAsync(ServiceDesk desk, CancellationToken ct) => desk.CompleteDueAsync(ct);
}

public static class ServiceFeature
{
    /// <summary>Service (送达): confirmations, serving and receipts, the party's documents, publications, and the completion job.</summary>
    public static void AddDocumentService(this IServiceCollection services)
    {
        services.AddOptions<ServiceOptions>().BindConfiguration("Tianmu:Service");
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ServiceOptions>>().Value);
        services.AddScoped<ServiceAddresses>();
        services.AddScoped<ServiceReceipts>();
        services.AddScoped<ServiceDesk>();
        services.AddScoped<PortalDocuments>();
        services.AddScoped<DecisionPublications>();
        services.AddHostedService<ServiceCompletionJob>();
    }
}
