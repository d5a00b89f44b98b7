using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Notifications;

/// <summary>
/// The server sending e-mail to a real local SMTP server (<see cref="LocalSmtpServer"/>), with fast polling and
/// short retry waits, and every log entry captured.
/// </summary>
public sealed class MailApp : TianmuApp
{
    public const string Sender = "tianmu@test.local";

    public LocalSmtpServer Smtp { get; private set; } = default!;

    public LogCapture Logs { get; } = new();

    /// <summary>What every node sending to <paramref name="port"/> is configured with.</summary>
    public static Dictionary<string, string> Settings(int port) => new()
    {
        ["Tianmu:Smtp:Host"] = "127.0.0.1",
        ["Tianmu:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Tianmu:Smtp:FromAddress"] = Sender,
        ["Tianmu:Smtp:TimeoutSeconds"] = "10",
        ["Tianmu:Smtp:RetrySeconds"] = "0.3",
        ["Tianmu:Smtp:MaxAttempts"] = "8",
        ["Tianmu:Sms:PollSeconds"] = "0.2",
    };

    public override async Task InitializeAsync()
    {
        Smtp = await LocalSmtpServer.StartAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings(Smtp.Port))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Logging:LogLevel:Default", "Debug");
        builder.UseSetting("Logging:Console:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(Logs));
    }

    protected override async Task BeforeDisposeAsync() => await Smtp.DisposeAsync();
}
