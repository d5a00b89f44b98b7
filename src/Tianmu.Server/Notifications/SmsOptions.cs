using Tianmu.Notifications;
using Tianmu.Server.Hosting;

namespace Tianmu.Server.Notifications;

/// <summary>
/// SMS delivery (section Tianmu:Sms). Without a gateway URL, messages are written to
/// {DataDir}/outbox/sms.jsonl with the phone masked (the embedded default, no real SMS).
/// </summary>
public sealed class SmsOptions
{
    /// <summary>The gateway's endpoint: each message is POSTed as JSON {id, to, text, signName, templateCode, templateParams}.</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>The signature (签名) the SMS account registered, e.g. 某省卫生健康委员会; unset: each agency's own name.</summary>
    public string? SignName { get; set; }

    /// <summary>
    /// The platform's template code for each kind of message (e.g. WarningRaised = SMS_123456789), registered with the
    /// texts of docs/sms-templates.md. Unset: messages go as free text (gateways that take any content); set: every kind.
    /// </summary>
    public Dictionary<string, string> Templates { get; set; } = [];

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

    /// <summary>The platform's template code for messages of <paramref name="kind"/>; null when sending free text.</summary>
    public string? TemplateFor(NotificationKind kind) => Templates.GetValueOrDefault(kind.ToString());

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

        var unknown = Templates.Keys.Where(k => !SmsTemplates.All.Keys.Any(kind => kind.ToString() == k)).ToList();
        var missing = SmsTemplates.All.Keys.Select(k => k.ToString()).Where(k => !Templates.ContainsKey(k)).ToList();
        if (unknown.Count > 0 || (Templates.Count > 0 && missing.Count > 0) || Templates.Values.Any(string.IsNullOrWhiteSpace))
        {
            throw new ConfigurationProblem(
                $"Tianmu:Sms:Templates 须为每类短信配置模板编号（{string.Join("、", SmsTemplates.All.Keys)}），"
                + (unknown.Count > 0 ? $"无法识别：{string.Join("、", unknown)}。" : missing.Count > 0 && Templates.Count > 0 ? $"缺少：{string.Join("、", missing)}。" : "模板编号不能为空。"));
        }

        if (TimeoutSeconds is < 1 or > 300 || MaxAttempts is < 1 or > 100 || RetrySeconds < 0 || BatchSize is < 1 or > 1000)
        {
            throw new ConfigurationProblem("Tianmu:Sms 的取值无效：TimeoutSeconds 须为 1–300，MaxAttempts 须为 1–100，RetrySeconds 不能为负，BatchSize 须为 1–1000。");
        }
    }
}
