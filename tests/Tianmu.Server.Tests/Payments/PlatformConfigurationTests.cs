using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tianmu.Payments;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Payments.TestPayments;

namespace Tianmu.Server.Tests.Payments;

/// <summary>A deployment connected to a real payment platform: the configured secret, no simulated page, every log entry captured.</summary>
public sealed class PlatformApp : TianmuApp
{
    public const string ConfiguredSecret = "0f3c9a7e5b1d4c2a8e6f0b9d7c5a3e1f2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a";

    public LogCapture Logs { get; } = new();

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Tianmu:Payments:CallbackSecret", ConfiguredSecret);
        builder.UseSetting("Tianmu:Payments:Simulator", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Debug");
        builder.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(Logs));
    }
}

public sealed class PlatformConfigurationTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task TheConfiguredSecretSignsTheCallbackNoKeyIsGeneratedAndTheSecretIsNeverLogged()
    {
        var id = await ServedAsync(app, Own, 200m);
        var code = await CodeAsync(app, id);
        var refused = await app.Anonymous().SendAsync(Signed(Body(NewTransaction(), code, 200m), new string('0', 64)));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var accepted = await app.Anonymous().SendAsync(Signed(Body(NewTransaction(), code, 200m), PlatformApp.ConfiguredSecret));
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        Assert.True((await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("settled").GetBoolean());
        Assert.False(File.Exists(Path.Combine(app.DataDir, "keys", "payment-callback.key")));

        Assert.Contains(app.Logs.Entries, e => e.Contains(code, StringComparison.Ordinal)); // the payment is logged by identifiers…
        Assert.DoesNotContain(app.Logs.Entries, e => e.Contains(PlatformApp.ConfiguredSecret, StringComparison.Ordinal)); // …never with the secret
    }

    [Fact]
    public async Task WithoutTheSimulatorThereIsNothingToPayOnThePortal()
    {
        var id = await ServedAsync(app, Own, 150m);
        var code = await CodeAsync(app, id);
        var web = await app.CookieClientAsync("ent.demo");

        var payments = await web.GetStringAsync("/portal/payments");
        Assert.Contains(code, payments, StringComparison.Ordinal);
        Assert.DoesNotContain("/pay/", payments, StringComparison.Ordinal);
        Assert.Contains("模拟支付未启用", await web.GetStringAsync($"/pay/{code}"), StringComparison.Ordinal);
        Assert.True(PaymentCode.IsWellFormed(code));
    }
}
