using Microsoft.EntityFrameworkCore;
using Tianmu.Notifications;
using Tianmu.Persistence;
using Tianmu.Security;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Notifications;

/// <summary>
/// Queues notifications to an entity on the caller's DbContext without saving: they commit in the
/// same transaction as the warning or order they announce, so a crash neither loses one nor sends one
/// for something that was rolled back. Each event queues a portal message and an SMS.
/// </summary>
public sealed class Notifier(TianmuDb db, PersonalDataProtector protector, SmsOptions sms, TimeProvider clock)
{
    /// <summary>
    /// Warnings the entity is told of (S15/Z16): violations, and self-supervision findings (overdue or
    /// contradicted self-reports) the entity itself has to answer. Trend and device warnings are the
    /// agency's own early signals and device health; they reach the entity through an officer's order.
    /// </summary>
    public static bool Announces(WarningCategory category) => category is WarningCategory.Violation or WarningCategory.SelfSupervision;

    /// <summary>A warning was raised: 预警告知, if its category is one the entity is told of.</summary>
    public async Task WarningRaisedAsync(Warning warning, CancellationToken ct)
    {
        if (Announces(warning.Category))
        {
            await QueueAsync(warning, NotificationKind.WarningRaised, warning.CreatedAt, NotificationTexts.WarningRaisedPortal, NotificationTexts.WarningRaisedSms, ct);
        }
    }

    /// <summary>An officer ordered rectification: 告知提醒 with the deadline (S3), whatever the warning's category.</summary>
    public Task RectificationOrderedAsync(Warning warning, CancellationToken ct) =>
        QueueAsync(warning, NotificationKind.RectificationOrdered, warning.UpdatedAt ?? clock.GetUtcNow(), NotificationTexts.RectificationPortal, NotificationTexts.RectificationSms, ct);

    /// <summary>
    /// Queues one event's message to an entity on each channel of <paramref name="recipients"/>: the portal inbox
    /// (delivered when the transaction commits), an SMS (<paramref name="text"/>, required with a phone number) and an
    /// e-mail (title as subject). Nothing is saved here. Returns the rows, all with <see cref="NotificationContent.Source"/>,
    /// which is unique per channel: queuing the same event twice fails on commit instead of sending twice.
    /// </summary>
    public IReadOnlyList<Notification> Queue(
        NotificationAddress to, NotificationKind kind, NotificationContent content, NotificationRecipients recipients, DateTimeOffset at, SmsText? text = null)
    {
        var rows = new List<Notification>();
        if (recipients.Portal)
        {
            rows.Add(Notification.ToPortal(Guid.CreateVersion7(), kind, to, content, at));
        }

        if (recipients.PhoneCipher is { } phone)
        {
            var message = Signed(text ?? throw new ArgumentNullException(nameof(text), $"An SMS of kind {kind} needs its template text."));
            rows.Add(Notification.ToPhone(Guid.CreateVersion7(), kind, to, content.Source, content.Title, message, phone, Mask.Phone(protector.Unprotect(phone)), at));
        }

        if (recipients.EmailCipher is { } email)
        {
            rows.Add(Notification.ToEmail(Guid.CreateVersion7(), kind, to, content, email, Mask.Email(protector.Unprotect(email)), at));
        }

        db.Notifications.AddRange(rows);
        return rows;
    }

    /// <summary>Both rows carry the time of the event they announce (<paramref name="at"/>).</summary>
    private async Task QueueAsync(
        Warning warning, NotificationKind kind, DateTimeOffset at, Func<Warning, string, string, NotificationContent> portal, Func<Warning, string, string, SmsText> text, CancellationToken ct)
    {
        var to = await db.Entities.AsNoTracking().Where(e => e.Id == warning.EntityId)
            .Select(e => new { e.Name, e.AgencyPath, e.ContactPhoneCipher, Agency = e.Agency!.Name }).SingleAsync(ct);
        var address = new NotificationAddress(warning.EntityId, to.AgencyPath);
        var masked = to.ContactPhoneCipher is null ? null : Mask.Phone(protector.Unprotect(to.ContactPhoneCipher));
        var content = portal(warning, to.Name, to.Agency);
        db.Notifications.Add(Notification.ToPortal(Guid.CreateVersion7(), kind, address, content, at));
        db.Notifications.Add(Notification.ToPhone(
            Guid.CreateVersion7(), kind, address, content.Source, content.Title, Signed(text(warning, to.Name, to.Agency)), to.ContactPhoneCipher, masked, at));
    }

    /// <summary>The SMS account's own signature, when it has one, replaces the agency's name.</summary>
    private SmsText Signed(SmsText text) => sms.SignName is { Length: > 0 } sign ? text with { Sign = sign } : text;
}

/// <summary>Where one message goes: the entity's portal inbox, and a phone number and e-mail address held encrypted.</summary>
public sealed record NotificationRecipients(bool Portal, string? PhoneCipher = null, string? EmailCipher = null);
