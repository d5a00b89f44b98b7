using Tianmu.Server.Hosting;

namespace Tianmu.Server.Notifications;

/// <summary>
/// SMS delivery (section Tianmu:Sms). Without a gateway URL, messages are written to
/// {DataDir}/outbox/sms.jsonl with the phone masked (the embedded default, no real SMS).
/// </summary>
public sealed class SmsOptions
{
    /// <summary>The gateway's endpoint: each message is POSTed as JSON {to, text, id}.</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>Sent as Authorization: Bearer …, if set.</summary>
    public string? GatewayToken { get; set; }

    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Attempts before a message is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait after the first failed attempt; it doubles after each further one, up to an hour.</summary>
    public double RetrySeconds { get; set; } = 30;

    /// <summary>How often a node looks for due SMS and e-mails (the one delivery worker); 0 or less: this node sends none.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>Messages (SMS and e-mail) one worker claims at a time.</summary>
    public int BatchSize { get; set; } = 20;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>The wait before the next attempt after <paramref name="attempts"/> failed ones; null: give up.</summary>
    public TimeSpan? RetryAfter(int attempts) => Backoff.After(attempts, MaxAttempts, RetrySeconds);

    /// <summary>Reads and checks section Tianmu:Sms once, at start-up; a bad value is one sentence for the operator.</summary>
    public static SmsOptions From(IConfiguration configuration)
    {
        SmsOptions options;
        try
        {
            options = configuration.GetSection("Tianmu:Sms").Get<SmsOptions>() ?? new SmsOptions();
        }
        catch (InvalidOperationException)
        {
            throw new ConfigurationProblem("Tianmu:Sms 中有无法识别的取值，数值项须为数字。");
        }

        options.Validate();
        return options;
    }

    private void Validate()
    {
        if (GatewayUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            throw new ConfigurationProblem($"Tianmu:Sms:GatewayUrl 的值“{url}”无效，须为 http 或 https 地址。");
        }

        if (TimeoutSeconds is < 1 or > 300 || MaxAttempts is < 1 or > 100 || RetrySeconds < 0 || BatchSize is < 1 or > 1000)
        {
            throw new ConfigurationProblem("Tianmu:Sms 的取值无效：TimeoutSeconds 须为 1–300，MaxAttempts 须为 1–100，RetrySeconds 不能为负，BatchSize 须为 1–1000。");
        }
    }
}
