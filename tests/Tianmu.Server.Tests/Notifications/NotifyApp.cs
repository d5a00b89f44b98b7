using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tianmu.Notifications;
using Tianmu.Server.Notifications;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Notifications;

/// <summary>
/// The server with a real HTTP SMS gateway (<see cref="RecordingSmsGateway"/>), fast polling and
/// retries, at most 3 attempts, a template code for every kind of SMS (as a template platform needs), and every log
/// entry at Debug level captured.
/// </summary>
public sealed class NotifyApp : TianmuApp
{
    public RecordingSmsGateway Gateway { get; } = RecordingSmsGateway.Start();

    public LogCapture Logs { get; } = new();

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Tianmu:Sms:GatewayUrl", Gateway.Url);
        builder.UseSetting("Tianmu:Sms:GatewayToken", "test-gateway-token");
        builder.UseSetting("Tianmu:Sms:PollSeconds", "0.3");
        builder.UseSetting("Tianmu:Sms:RetrySeconds", "0.5");
        builder.UseSetting("Tianmu:Sms:MaxAttempts", "3");
        builder.UseSetting("Tianmu:Sms:BatchSize", "5");
        foreach (var kind in SmsTemplates.All.Keys)
        {
            builder.UseSetting($"Tianmu:Sms:Templates:{kind}", TemplateCode(kind));
        }

        builder.UseSetting("Logging:LogLevel:Default", "Debug");
        builder.UseSetting("Logging:Console:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(Logs));
    }

    public static string TemplateCode(NotificationKind kind) => $"SMS_{(int)kind:000}";

    protected override async Task BeforeDisposeAsync() => await Gateway.DisposeAsync();
}
