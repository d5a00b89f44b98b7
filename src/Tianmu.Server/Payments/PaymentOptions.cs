using Tianmu.Server.Hosting;

namespace Tianmu.Server.Payments;

/// <summary>
/// The payment platform (section Tianmu:Payments). <see cref="CallbackSecret"/> is the shared secret of the signed
/// callback; without it a random one is generated under {DataDir}/keys (the embedded default). The simulated
/// payment page is on by default only with the demo data (Tianmu:Demo), never silently in production.
/// </summary>
public sealed class PaymentOptions
{
    public const int MinSecretLength = 32;

    /// <summary>Shared with the payment platform; the callback's HMAC-SHA256 key (its UTF-8 bytes). Never logged.</summary>
    public string? CallbackSecret { get; set; }

    /// <summary>The simulated payment page /pay/{code}; unset: on exactly when the demo data is loaded.</summary>
    public bool? Simulator { get; set; }

    /// <summary>How often a node looks for served decisions still without a payment notice.</summary>
    public double NoticeIntervalSeconds { get; set; } = 15;

    public bool SimulatorEnabled { get; private set; }

    public TimeSpan NoticeInterval => TimeSpan.FromSeconds(NoticeIntervalSeconds);

    /// <summary>Reads and checks section Tianmu:Payments once, at start-up; a bad value is one sentence for the operator (never the secret).</summary>
    public static PaymentOptions From(IConfiguration configuration, bool demo)
    {
        PaymentOptions options;
        try
        {
            options = configuration.GetSection("Tianmu:Payments").Get<PaymentOptions>() ?? new PaymentOptions();
        }
        catch (InvalidOperationException)
        {
            throw new ConfigurationProblem("Tianmu:Payments 中有无法识别的取值：Simulator 须为 true 或 false，NoticeIntervalSeconds 须为数字。");
        }

        if (options.CallbackSecret is { } secret && secret.Trim().Length < MinSecretLength)
        {
            throw new ConfigurationProblem($"Tianmu:Payments:CallbackSecret 过短，至少需要 {MinSecretLength} 个字符（建议 64 位十六进制随机数）。");
        }

        if (options.NoticeIntervalSeconds is < 1 or > 3600)
        {
            throw new ConfigurationProblem("Tianmu:Payments:NoticeIntervalSeconds 须在 1 到 3600 之间。");
        }

        options.SimulatorEnabled = options.Simulator ?? demo;
        return options;
    }
}
