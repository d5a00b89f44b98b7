using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Tianmu.Server.Notifications;

/// <summary>
/// Sends each e-mail over SMTPS — TLS from the first byte (port 465, RFC 8314), which many mail services in China offer
/// instead of STARTTLS and which System.Net.Mail cannot speak. The dialogue is the plain SMTP one (RFC 5321): EHLO,
/// AUTH PLAIN or LOGIN if configured, MAIL, RCPT, DATA with dot-stuffing, QUIT. The message is System.Net.Mail's own
/// MIME (<see cref="MailComposer.RenderAsync"/>), so both gateways send the same bytes. Outcomes as
/// <see cref="SmtpMailGateway"/>: 550–554 is a permanent refusal, anything else is retried; addresses are masked.
/// </summary>
public sealed class SmtpsMailGateway(SmtpOptions options, string workFolder) : IMailGateway
{
    public async Task<DeliveryOutcome> SendAsync(MailRequest mail, CancellationToken ct)
    {
        byte[] mime;
        try
        {
            Directory.CreateDirectory(workFolder);
            using var message = MailComposer.Compose(mail, mail.To, options.Sender);
            mime = await MailComposer.RenderAsync(message, workFolder, envelopeHeaders: false, ct);
        }
        catch (FormatException)
        {
            return new DeliveryOutcome(false, "收件地址不是有效的电子邮件地址", Permanent: true);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        try
        {
            await DeliverAsync(mail.To, mime, timeout.Token);
            return DeliveryOutcome.Ok;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DeliveryOutcome(false, $"邮件服务器 {options.TimeoutSeconds} 秒内未完成投递");
        }
        catch (SmtpReply e)
        {
            var refused = e.Code is >= 550 and <= 554;
            return new DeliveryOutcome(false, $"{(refused ? "邮件服务器拒绝投递" : "邮件发送失败")}（SMTP {e.Code}）：{MailComposer.Redact(e.Text)}", refused);
        }
        catch (AuthenticationException)
        {
            return new DeliveryOutcome(false, "邮件服务器的 TLS 证书未通过验证（主机名不符或签发机构不受信任，可配置 Tianmu:Smtp:TrustedCaFile）");
        }
        catch (SocketException e)
        {
            return new DeliveryOutcome(false, $"无法连接邮件服务器（{e.SocketErrorCode}）");
        }
        catch (IOException e)
        {
            return new DeliveryOutcome(false, $"邮件服务器连接中断（{e.GetType().Name}）");
        }
    }

    private async Task DeliverAsync(string to, byte[] mime, CancellationToken ct)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(options.Host!, options.Port, ct);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = options.Host, CertificateChainPolicy = TrustPolicy() }, ct);
        var smtp = new SmtpDialogue(tls);
        await smtp.ExpectAsync(220, ct);
        var offers = await smtp.CommandAsync($"EHLO {Environment.MachineName}", 250, ct);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            await SignInAsync(smtp, offers, ct);
        }

        var utf8 = !Ascii.IsValid(options.Sender.Address + to) ? " SMTPUTF8" : "";
        await smtp.CommandAsync($"MAIL FROM:<{options.Sender.Address}>{utf8}", 250, ct);
        await smtp.CommandAsync($"RCPT TO:<{to}>", 250, ct);
        await smtp.CommandAsync("DATA", 354, ct);
        await smtp.DataAsync(mime, ct);
        await smtp.ExpectAsync(250, ct);
        await smtp.CommandAsync("QUIT", 221, ct);
    }

    private async Task SignInAsync(SmtpDialogue smtp, string offers, CancellationToken ct)
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
        if (offers.Contains("PLAIN", StringComparison.OrdinalIgnoreCase) || !offers.Contains("LOGIN", StringComparison.OrdinalIgnoreCase))
        {
            await smtp.CommandAsync($"AUTH PLAIN {B64($"\0{options.UserName}\0{options.Password}")}", 235, ct, secret: true);
            return;
        }

        await smtp.CommandAsync("AUTH LOGIN", 334, ct);
        await smtp.CommandAsync(B64(options.UserName!), 334, ct, secret: true);
        await smtp.CommandAsync(B64(options.Password!), 235, ct, secret: true);
    }

    /// <summary>The system's trust store, plus the operator's own CA (a private mail relay's) when one is configured.</summary>
    private X509ChainPolicy? TrustPolicy()
    {
        if (options.TrustedCaFile is not { Length: > 0 } file)
        {
            return null;
        }

        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.ImportFromPemFile(file);
        return policy;
    }
}

/// <summary>A reply other than the one expected: its code and text (which may quote an address — redact before storing).</summary>
public sealed class SmtpReply(int code, string text) : Exception($"SMTP {code}")
{
    public int Code { get; } = code;

    public string Text { get; } = text;
}

/// <summary>Commands and multi-line replies (RFC 5321 §4.2) over one stream.</summary>
internal sealed class SmtpDialogue(Stream stream)
{
    private readonly StreamReader reader = new(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);

    /// <summary>Sends one command; a sign-in line is never echoed into an error (<paramref name="secret"/>).</summary>
    public async Task<string> CommandAsync(string line, int expected, CancellationToken ct, bool secret = false)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), ct);
        await stream.FlushAsync(ct);
        try
        {
            return await ExpectAsync(expected, ct);
        }
        catch (SmtpReply e) when (secret)
        {
            throw new SmtpReply(e.Code, "登录被拒绝，请检查 Tianmu:Smtp:UserName 与 Password");
        }
    }

    public async Task<string> ExpectAsync(int expected, CancellationToken ct)
    {
        var text = new StringBuilder();
        while (true)
        {
            var line = await reader.ReadLineAsync(ct) ?? throw new IOException("connection closed");
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), out var code))
            {
                throw new IOException("not an SMTP reply");
            }

            text.AppendLine(line.Length > 4 ? line[4..] : "");
            if (line.Length == 3 || line[3] != '-')
            {
                return code == expected ? text.ToString() : throw new SmtpReply(code, text.ToString().Trim());
            }
        }
    }

    /// <summary>The message, each line starting with a dot doubled (§4.5.2), then the lone dot.</summary>
    public async Task DataAsync(byte[] mime, CancellationToken ct)
    {
        var body = new MemoryStream(mime.Length + 64);
        var atLineStart = true;
        foreach (var b in mime)
        {
            if (atLineStart && b == (byte)'.')
            {
                body.WriteByte((byte)'.');
            }

            body.WriteByte(b);
            atLineStart = b == (byte)'\n';
        }

        body.Write(atLineStart ? ".\r\n"u8 : "\r\n.\r\n"u8);
        await stream.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), ct);
        await stream.FlushAsync(ct);
    }
}
