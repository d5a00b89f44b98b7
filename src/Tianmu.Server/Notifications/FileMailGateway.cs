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
        // System.Net.Mail writes a pickup file under a name of its own: into a folder of this attempt, then moved.
        var pickup = Path.Combine(Folder, $".pickup-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(pickup);
            using (var message = MailComposer.Compose(mail, Mask.Email(mail.To), options.Sender))
            using (var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = pickup })
            {
                client.DeliveryFormat = SmtpDeliveryFormat.International;
                await client.SendMailAsync(message, ct);
            }

            File.Move(Directory.GetFiles(pickup).Single(), Path.Combine(Folder, $"{mail.Id}.eml"), overwrite: true);
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
        finally
        {
            if (Directory.Exists(pickup))
            {
                Directory.Delete(pickup, recursive: true);
            }
        }
    }
}
