using System.Net;
using System.Net.Mail;
using System.Net.Sockets;

namespace Tianmu.Server.Notifications;

/// <summary>
/// Sends each e-mail over SMTP (System.Net.Mail: EHLO, optional STARTTLS and AUTH, MAIL, RCPT, DATA), one
/// connection per message. The server's 250 after DATA is acceptance. A refusal of the message or its
/// recipient (SMTP 550–554) is permanent; anything else — server down, 4xx, timeouts, sign-in or TLS
/// trouble that an operator can fix — is retried. Errors are stored with every address masked.
/// </summary>
public sealed class SmtpMailGateway(SmtpOptions options) : IMailGateway
{
    public async Task<DeliveryOutcome> SendAsync(MailRequest mail, CancellationToken ct)
    {
        MailMessage message;
        try
        {
            message = MailComposer.Compose(mail, mail.To, options.Sender);
        }
        catch (FormatException)
        {
            return new DeliveryOutcome(false, "收件地址不是有效的电子邮件地址", Permanent: true);
        }

        using (message)
        using (var client = new SmtpClient(options.Host, options.Port))
        {
            client.EnableSsl = options.StartTls;
            client.DeliveryFormat = SmtpDeliveryFormat.International; // SMTPUTF8 only where an address needs it and the server offers it
            client.Timeout = (int)options.Timeout.TotalMilliseconds;
            if (!string.IsNullOrEmpty(options.UserName))
            {
                client.Credentials = new NetworkCredential(options.UserName, options.Password);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Timeout);
            try
            {
                await client.SendMailAsync(message, timeout.Token);
                return DeliveryOutcome.Ok;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return new DeliveryOutcome(false, $"邮件服务器 {options.TimeoutSeconds} 秒内未完成投递");
            }
            catch (SmtpException e) when (e.StatusCode == SmtpStatusCode.GeneralFailure && e.InnerException is SocketException socket)
            {
                return new DeliveryOutcome(false, $"无法连接邮件服务器（{socket.SocketErrorCode}）");
            }
            catch (SmtpException e)
            {
                var code = (int)e.StatusCode;
                var refused = code is >= 550 and <= 554;
                var what = refused ? "邮件服务器拒绝投递" : "邮件发送失败";
                return new DeliveryOutcome(false, $"{what}（SMTP {(code > 0 ? code : "连接")}）：{MailComposer.Redact(e.Message)}", refused);
            }
            catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException)
            {
                return new DeliveryOutcome(false, $"邮件服务器连接中断（{e.GetType().Name}）");
            }
        }
    }
}
