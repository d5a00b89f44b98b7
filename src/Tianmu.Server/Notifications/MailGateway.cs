using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using System.Text.RegularExpressions;
using Tianmu.Security;

namespace Tianmu.Server.Notifications;

/// <summary>
/// One e-mail: <see cref="Id"/> is the outbox row's, the same on every retry; it becomes the Message-ID,
/// so a mail system can drop a repeat whose acceptance was lost.
/// </summary>
public sealed record MailRequest(Guid Id, string To, string Subject, string Body);

/// <summary>Where e-mails go: an SMTP server, or, embedded, .eml files.</summary>
public interface IMailGateway
{
    Task<DeliveryOutcome> SendAsync(MailRequest mail, CancellationToken ct);
}

/// <summary>The message itself, the same for the server and the file outbox: plain UTF-8 text, subject and sender name encoded (RFC 2047).</summary>
public static partial class MailComposer
{
    public const string Footer = "\n\n——\n此邮件由天目卫生健康非现场执法平台自动发送，请勿直接回复。如有疑问，请联系作出告知的卫生健康监督机构。";

    public static MailMessage Compose(MailRequest mail, string to, MailAddress from)
    {
        var message = new MailMessage
        {
            From = from,
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            Body = mail.Body + Footer,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.Base64,
            IsBodyHtml = false,
        };
        message.To.Add(new MailAddress(to));
        message.Headers.Add("Message-ID", MessageId(mail.Id));
        return message;
    }

    public static string MessageId(Guid id) => $"<{id}@tianmu>";

    /// <summary>
    /// The message as MIME bytes, exactly as System.Net.Mail writes it (its pickup-folder delivery, into a folder of this
    /// call). With <paramref name="envelopeHeaders"/> false, the X-Sender/X-Receiver lines that pickup files start with
    /// are left out: they are envelope, not message, and must not reach a server.
    /// </summary>
    public static async Task<byte[]> RenderAsync(MailMessage message, string folder, bool envelopeHeaders, CancellationToken ct)
    {
        var pickup = Path.Combine(folder, $".pickup-{Guid.NewGuid():N}");
        Directory.CreateDirectory(pickup);
        try
        {
            using (var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = pickup })
            {
                client.DeliveryFormat = SmtpDeliveryFormat.International;
                await client.SendMailAsync(message, ct);
            }

            var bytes = await File.ReadAllBytesAsync(Directory.GetFiles(pickup).Single(), ct);
            return envelopeHeaders ? bytes : WithoutEnvelope(bytes);
        }
        finally
        {
            Directory.Delete(pickup, recursive: true);
        }
    }

    private static byte[] WithoutEnvelope(byte[] mime)
    {
        var start = 0;
        while (StartsWith(mime, start, "X-Sender: "u8) || StartsWith(mime, start, "X-Receiver: "u8))
        {
            start = mime.AsSpan(start).IndexOf("\r\n"u8) + start + 2;
        }

        return mime[start..];
    }

    private static bool StartsWith(byte[] bytes, int at, ReadOnlySpan<byte> prefix) => bytes.AsSpan(at).StartsWith(prefix);

    /// <summary>A server's reply may quote the address it refused: every address in <paramref name="text"/> is masked before it is stored or logged.</summary>
    public static string Redact(string text) => Address().Replace(text, m => Mask.Email(m.Value));

    [GeneratedRegex(@"[^\s<>""'(),;:]+@[^\s<>""'(),;:]+")]
    private static partial Regex Address();
}
