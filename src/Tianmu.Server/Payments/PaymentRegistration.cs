using Tianmu.Common;
using Tianmu.Server.Hosting;

namespace Tianmu.Server.Payments;

public static class PaymentRegistration
{
    /// <summary>Payment notices and codes, the signed callback, reconciliation, the party's payments and the simulated platform.</summary>
    public static void AddPayments(this IServiceCollection services, TianmuSettings settings)
    {
        services.AddSingleton(settings.Payments);
        services.AddSingleton(_ => PaymentSecret.LoadOrCreate(settings.Payments.CallbackSecret, Path.Combine(settings.DataDir, "keys", "payment-callback.key")));
        services.AddScoped<PaymentNotices>();
        services.AddKeyedSingleton(PaymentCallback.TurnsKey, new StripedTurns());
        services.AddScoped<PaymentCallback>();
        services.AddScoped<PaymentPortal>();
        services.AddScoped<PaymentReconciliation>();
        services.AddScoped<PaymentResolutions>();
        services.AddHostedService<PaymentNoticeJob>();
        services.AddHostedService<PaymentNonceSweeper>();
    }
}
