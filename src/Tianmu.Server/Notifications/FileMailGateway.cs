using System.Net.Mail;
using Tianmu.Security;

namespace Tianmu.Server.Notifications;

/// <summary>
/// The embedded default when no SMTP host is configured: writes each e-mail as {id}.eml under
/// {DataDir}/outbox/mail/ — exactly the message a server would get, except that the recipient is
/// masked: the folder is a record of what would have been sent, not a second copy of personal data.
/// A repeat of the same message overwrites its file.
/// </summary>
public sealed class FileMailGateway(string folder, SmtpOptions options) : IMailGateway
{
    public string Folder { get; } = folder;

    public async Task<DeliveryOutcome> SendAsync(MailRequest mail, CancellationToken ct)
    {
        try
        {
            Directory.CreateDirectory(Folder);
            using var message = MailComposer.Compose(mail, Mask.Email(mail.To), options.Sender);
            var mime = await MailComposer.RenderAsync(message, Folder, envelopeHeaders: true, ct);
            var file = Path.Combine(Folder, $"{mail.Id}.eml");
            await File.WriteAllBytesAsync(file + ".tmp", mime, ct);
            File.Move(file + ".tmp", file, overwrite: true);
            return DeliveryOutcome.Ok;
        }
        catch (FormatException)
        {
            return new DeliveryOutcome(false, "收件地址不是有效的电子邮件地址", Permanent: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SmtpException)
        {
            return new DeliveryOutcome(false, $"写入邮件记录文件失败（{e.GetType().Name}）");
        }
    }
}
