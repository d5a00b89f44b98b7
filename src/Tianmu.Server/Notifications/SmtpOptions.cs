using System.Net.Mail;
using Tianmu.Server.Hosting;

namespace Tianmu.Server.Notifications;

/// <summary>
/// E-mail delivery (section Tianmu:Smtp). Without a host, messages are written as .eml files to
/// {DataDir}/outbox/mail/ with the recipient masked (the embedded default, no real mail).
/// </summary>
public sealed class SmtpOptions
{
    public const string DefaultFromName = "天目卫生健康非现场执法平台";

    /// <summary>The mail server (relay or submission server); empty: the embedded file outbox.</summary>
    public string? Host { get; set; }

    /// <summary>25 for a relay, 587 for submission with STARTTLS, 465 for SMTPS (<see cref="ImplicitTls"/>).</summary>
    public int Port { get; set; } = 25;

    /// <summary>The sender's address; required with a host.</summary>
    public string? FromAddress { get; set; }

    /// <summary>The sender's display name, shown in the recipient's mail client.</summary>
    public string FromName { get; set; } = DefaultFromName;

    /// <summary>Sign-in to the server (AUTH), if it requires one; use it only with TLS (<see cref="StartTls"/>, <see cref="ImplicitTls"/>) outside the host.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Upgrade the connection with STARTTLS before signing in and sending; the server's certificate must be trusted.</summary>
    public bool StartTls { get; set; }

    /// <summary>SMTPS: TLS from the first byte (RFC 8314; port 465), as many mail services in China offer; not with <see cref="StartTls"/>.</summary>
    public bool ImplicitTls { get; set; }

    /// <summary>
    /// A PEM file of the CA that issued the server's certificate, for a private mail relay: trusted instead of the
    /// system's store. Used with <see cref="ImplicitTls"/> (System.Net.Mail's STARTTLS checks the system store only).
    /// </summary>
    public string? TrustedCaFile { get; set; }

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Attempts before a message is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait after the first failed attempt; it doubles after each further one, up to an hour.</summary>
    public double RetrySeconds { get; set; } = 60;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public bool UsesServer => !string.IsNullOrWhiteSpace(Host);

    /// <summary>The sender with its display name (the default address in the embedded outbox).</summary>
    public MailAddress Sender => new(string.IsNullOrWhiteSpace(FromAddress) ? "tianmu@localhost" : FromAddress, FromName, System.Text.Encoding.UTF8);

    /// <summary>Reads and checks section Tianmu:Smtp once, at start-up; a bad value is one sentence for the operator.</summary>
    public static SmtpOptions From(IConfiguration configuration)
    {
        SmtpOptions options;
        try
        {
            options = configuration.GetSection("Tianmu:Smtp").Get<SmtpOptions>() ?? new SmtpOptions();
        }
        catch (InvalidOperationException)
        {
            throw new ConfigurationProblem("Tianmu:Smtp 中有无法识别的取值，Port 等数值项须为数字，StartTls 须为 true 或 false。");
        }

        options.Validate();
        return options;
    }

    private void Validate()
    {
        if (UsesServer && string.IsNullOrWhiteSpace(FromAddress))
        {
            throw new ConfigurationProblem("设置了 Tianmu:Smtp:Host 时必须设置发件地址 Tianmu:Smtp:FromAddress。");
        }

        if (FromAddress is { Length: > 0 } from && !MailAddress.TryCreate(from, out _))
        {
            throw new ConfigurationProblem($"Tianmu:Smtp:FromAddress 的值“{from}”不是有效的电子邮件地址。");
        }

        if (Port is < 1 or > 65535 || TimeoutSeconds is < 1 or > 300 || MaxAttempts is < 1 or > 100 || RetrySeconds < 0)
        {
            throw new ConfigurationProblem("Tianmu:Smtp 的取值无效：Port 须为 1–65535，TimeoutSeconds 须为 1–300，MaxAttempts 须为 1–100，RetrySeconds 不能为负。");
        }

        if (ImplicitTls && StartTls)
        {
            throw new ConfigurationProblem("Tianmu:Smtp:ImplicitTls（SMTPS，465 端口）与 StartTls（587 端口）只能设置其一。");
        }

        if (Port == 465 && !ImplicitTls && UsesServer)
        {
            throw new ConfigurationProblem("Tianmu:Smtp:Port 为 465（SMTPS）时须设置 Tianmu:Smtp:ImplicitTls=true；使用 STARTTLS 的服务器请改用 587 端口。");
        }

        if (TrustedCaFile is { Length: > 0 } ca && (!ImplicitTls || !File.Exists(ca)))
        {
            throw new ConfigurationProblem($"Tianmu:Smtp:TrustedCaFile“{ca}”须为存在的 PEM 证书文件，且仅用于 ImplicitTls。");
        }

        if (string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password))
        {
            throw new ConfigurationProblem("Tianmu:Smtp:UserName 与 Tianmu:Smtp:Password 须同时设置或同时不设置。");
        }
    }
}
