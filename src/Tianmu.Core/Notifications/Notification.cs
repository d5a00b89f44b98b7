namespace Tianmu.Notifications;

/// <summary>How an entity is told (S15/Z16: 短信、电话或询问; the portal is the online way of art. 41).</summary>
public enum NotificationChannel
{
    /// <summary>门户消息 — the entity's inbox; delivered when the row commits.</summary>
    Portal,

    /// <summary>短信 — sent through the configured gateway by the delivery job.</summary>
    Sms,

    /// <summary>电子邮件 — sent over SMTP by the delivery job (addresses come from the entity's service-address confirmation).</summary>
    Email,
}

/// <summary>What the notification announces.</summary>
public enum NotificationKind
{
    /// <summary>预警告知 — a violation (or self-supervision) warning was raised.</summary>
    WarningRaised,

    /// <summary>告知提醒、责令整改 — reminder and rectification order with its deadline (S3).</summary>
    RectificationOrdered,

    /// <summary>案件期限提醒 — to a case's responsible staff, before a deadline (staff inbox).</summary>
    CaseDeadlineReminder,

    /// <summary>案件逾期督办 — to the agency's heads, once a deadline has passed (staff inbox).</summary>
    CaseDeadlineEscalated,

    /// <summary>文书送达 — a document served electronically to the addresses the entity confirmed (art. 61, Z20).</summary>
    DocumentServed,

    /// <summary>缴款通知 — the amount due and the payment code of a decision (Z19).</summary>
    PaymentNotice,

    /// <summary>缴款到账 — the payment platform reported a payment (Z19).</summary>
    PaymentReceived,

    /// <summary>处罚决定公开 — the party is told where its penalty decision is published (行政处罚法第四十八条; Z20).</summary>
    DecisionPublished,

    /// <summary>信用修复审核结果 — an officer approved or refused the entity's credit repair application, with the reason.</summary>
    CreditRepairDecided,
}

public enum NotificationStatus
{
    /// <summary>待发送 — waiting for (another) delivery attempt.</summary>
    Pending,

    /// <summary>已发送 — accepted by the gateway, or committed to the portal inbox.</summary>
    Sent,

    /// <summary>发送失败 — given up after the last attempt, or undeliverable (no phone number); shown to staff.</summary>
    Failed,
}

/// <summary>
/// One row of the notification outbox: a message to one entity on one channel about one event
/// (<see cref="Source"/>). It is added to the same transaction as the event it announces, so a crash
/// neither loses nor invents one, and (source, channel) is unique, so an event never queues twice.
/// The SMS recipient is the entity's contact phone as it was when the event happened — the record
/// says where the notice went — kept encrypted and shown masked; only the gateway sees it in clear.
/// </summary>
public sealed class Notification : IAudited
{
    private Notification() { }

    private Notification(Guid id, NotificationChannel channel, NotificationKind kind, NotificationAddress to, NotificationContent content, DateTimeOffset now)
    {
        Id = id;
        EntityId = to.EntityId;
        AgencyPath = to.AgencyPath;
        Channel = channel;
        Kind = kind;
        Title = content.Title;
        Body = content.Body;
        Link = content.Link;
        Source = content.Source;
        CreatedAt = now;
        NextAttemptAt = now;
        Status = NotificationStatus.Pending;
    }

    /// <summary>A portal message: readable in the inbox as soon as its transaction commits, so it is sent then.</summary>
    public static Notification ToPortal(Guid id, NotificationKind kind, NotificationAddress to, NotificationContent content, DateTimeOffset now) =>
        new(id, NotificationChannel.Portal, kind, to, content, now) { Status = NotificationStatus.Sent, SentAt = now };

    /// <summary>
    /// A message to one staff member's inbox about an entity's case (<paramref name="userId"/>); never shown in
    /// the entity's portal inbox. Sent when its transaction commits, like a portal message.
    /// </summary>
    public static Notification ToStaff(Guid id, NotificationKind kind, Guid userId, NotificationAddress about, NotificationContent content, DateTimeOffset now) =>
        new(id, NotificationChannel.Portal, kind, about, content, now) { RecipientUserId = userId, Status = NotificationStatus.Sent, SentAt = now };

    /// <summary>
    /// A text message to the entity's contact phone (<paramref name="phoneCipher"/>, as stored on the
    /// entity). Without a phone number it is failed at once, so staff see the entity was not reached.
    /// The body is the text as read; the sign and template values are kept for platforms that take templates.
    /// </summary>
    public static Notification ToPhone(Guid id, NotificationKind kind, NotificationAddress to, string source, string title, SmsText sms, string? phoneCipher, string? phoneMasked, DateTimeOffset now)
    {
        var n = new Notification(id, NotificationChannel.Sms, kind, to, new NotificationContent(source, title, sms.Text, null), now)
        {
            RecipientCipher = phoneCipher,
            RecipientMasked = phoneMasked,
            SmsSign = sms.Sign,
            SmsValues = sms.ValuesJson,
        };
        if (phoneCipher is null)
        {
            n.Status = NotificationStatus.Failed;
            n.LastError = "监管对象未登记联系电话，短信未发送。";
        }

        return n;
    }

    /// <summary>
    /// An e-mail to <paramref name="emailCipher"/> (encrypted with the personal-data key), e.g. an address the
    /// entity confirmed for electronic service. <see cref="Title"/> is the subject, <see cref="Body"/> the text.
    /// </summary>
    public static Notification ToEmail(Guid id, NotificationKind kind, NotificationAddress to, NotificationContent content, string emailCipher, string emailMasked, DateTimeOffset now) =>
        new(id, NotificationChannel.Email, kind, to, content, now) { RecipientCipher = emailCipher, RecipientMasked = emailMasked };

    public Guid Id { get; private set; }

    public Guid EntityId { get; private set; }

    /// <summary>Set for a staff message (<see cref="ToStaff"/>): the user whose inbox it is in; null for messages to the entity.</summary>
    public Guid? RecipientUserId { get; private set; }

    /// <summary>An SMS's signature (签名) — the agency, or the one the SMS account registered (Tianmu:Sms:SignName).</summary>
    public string? SmsSign { get; private set; }

    /// <summary>An SMS's template values as a JSON object; the template itself is chosen by <see cref="Kind"/> when sent.</summary>
    public string? SmsValues { get; private set; }

    /// <summary>The entity's agency path, for the staff view's jurisdiction scoping.</summary>
    public string AgencyPath { get; private set; } = "";

    public NotificationChannel Channel { get; private set; }

    public NotificationKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>The message text in Chinese; for SMS, exactly what is sent.</summary>
    public string Body { get; private set; } = "";

    /// <summary>Where the portal message leads, e.g. /portal/warnings/{id}.</summary>
    public string? Link { get; private set; }

    /// <summary>The event announced, e.g. warning:{id}:raised; unique with the channel.</summary>
    public string Source { get; private set; } = "";

    /// <summary>SMS and e-mail: the phone number or address, encrypted with the personal-data key.</summary>
    [AuditRedacted]
    public string? RecipientCipher { get; private set; }

    /// <summary>SMS and e-mail: the recipient masked (138****5678, z***@example.cn), for staff.</summary>
    public string? RecipientMasked { get; private set; }

    public NotificationStatus Status { get; private set; }

    /// <summary>Delivery attempts made (SMS, e-mail) since it was queued or last put back by 重新发送.</summary>
    public int Attempts { get; private set; }

    /// <summary>Not before then is the next attempt made (back-off after a failure).</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>
    /// The delivery worker holding the row, until <see cref="ClaimedUntil"/>. Set by a conditional
    /// UPDATE, so two nodes never hold one row; a concurrency token, so a worker whose claim lapsed
    /// cannot record a result over another's.
    /// </summary>
    public Guid? ClaimToken { get; private set; }

    public DateTimeOffset? ClaimedUntil { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Why the last attempt failed (never containing the phone number or e-mail address).</summary>
    public string? LastError { get; private set; }

    /// <summary>Portal only: when the entity first opened or marked it read.</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    public void MarkSent(DateTimeOffset at)
    {
        Status = NotificationStatus.Sent;
        SentAt = at;
        Attempts++;
        LastError = null;
        ClaimToken = null;
        ClaimedUntil = null;
    }

    /// <summary>An attempt failed: try again after <paramref name="retryAfter"/>, or give up when it is null.</summary>
    public void MarkAttemptFailed(string error, DateTimeOffset at, TimeSpan? retryAfter)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        ClaimToken = null;
        ClaimedUntil = null;
        if (retryAfter is { } wait)
        {
            NextAttemptAt = at + wait;
        }
        else
        {
            Status = NotificationStatus.Failed;
        }
    }

    /// <summary>
    /// 重新发送 — an administrator puts a failed SMS or e-mail back in the queue, e.g. once the gateway is fixed:
    /// it is due now and gets a fresh round of attempts. The attempts and error before it stay in the audit trail.
    /// </summary>
    public void Resend(DateTimeOffset at)
    {
        Status = NotificationStatus.Pending;
        Attempts = 0;
        NextAttemptAt = at;
        ClaimToken = null;
        ClaimedUntil = null;
    }

    /// <summary>Marks a portal message read; reading it again keeps the first time.</summary>
    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;
}

/// <summary>Who a notification is for: the entity and its agency's path.</summary>
public sealed record NotificationAddress(Guid EntityId, string AgencyPath);

/// <summary>What a notification says, and the event it announces.</summary>
public sealed record NotificationContent(string Source, string Title, string Body, string? Link);
