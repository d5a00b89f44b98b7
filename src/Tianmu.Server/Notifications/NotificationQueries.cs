using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Notifications;
using Tianmu.Persistence;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Notifications;

/// <summary>A message in the entity's portal inbox.</summary>
public sealed record PortalMessage(Guid Id, Guid EntityId, string EntityName, string Kind, string Title, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record InboxFilter(bool? Unread, int? Page, int? PageSize);

/// <summary>An outbox row as staff see it: delivery status, attempts and the masked recipient.</summary>
public sealed record NotificationView(
    Guid Id, Guid EntityId, string EntityName, string Channel, string Kind, string Title, string Body, string? Link, string Source, string? Recipient,
    string Status, string StatusName, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, string? LastError, DateTimeOffset? ReadAt)
{
    public string ChannelName => NotificationNames.Of(Enum.Parse<NotificationChannel>(Channel));

    public string KindName => NotificationNames.Of(Enum.Parse<NotificationKind>(Kind));
}

public sealed record NotificationFilter(string? Status, string? Channel, Guid? EntityId, string? Source, int? Page, int? PageSize);

/// <summary>
/// The portal inbox of the entities the caller acts for (portal rows only, newest first, read
/// state), the staff view of the outbox to entities in the caller's jurisdiction, and each staff
/// member's own inbox.
/// </summary>
public sealed class NotificationQueries(TianmuDb db, TimeProvider clock)
{
    public Task<InboxPage> InboxAsync(CurrentUser caller, InboxFilter filter, CancellationToken ct) => PageAsync(Inbox(caller), filter, ct);

    /// <summary>Marks one of the caller's messages read (the first time counts); another entity's message is not found.</summary>
    public Task<Result<PortalMessage>> MarkReadAsync(CurrentUser caller, Guid id, CancellationToken ct) => MarkReadAsync(Inbox(caller), id, ct);

    /// <summary>A page of an inbox, newest first, and its unread count.</summary>
    private async Task<InboxPage> PageAsync(IQueryable<Notification> inbox, InboxFilter filter, CancellationToken ct)
    {
        var mine = inbox.AsNoTracking();
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        var query = filter.Unread == true ? mine.Where(n => n.ReadAt == null) : mine;
        var page = await query.OrderByDescending(n => n.CreatedAt).PageAsync(filter.Page, filter.PageSize, ct);
        var names = await NamesAsync(page.Items.Select(n => n.EntityId), ct);
        return new InboxPage(page.Map(n => Message(n, names[n.EntityId])), unread);
    }

    private async Task<Result<PortalMessage>> MarkReadAsync(IQueryable<Notification> inbox, Guid id, CancellationToken ct)
    {
        var message = await inbox.FirstOrDefaultAsync(n => n.Id == id, ct);
        if (message is null)
        {
            return Error.NotFound("消息");
        }

        message.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Message(message, (await NamesAsync([message.EntityId], ct))[message.EntityId]);
    }

    private static PortalMessage Message(Notification n, string entityName) =>
        new(n.Id, n.EntityId, entityName, n.Kind.ToString(), n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt);

    public async Task<Paged<NotificationView>> ListAsync(CurrentUser caller, NotificationFilter filter, CancellationToken ct)
    {
        var query = Scoped(caller).AsNoTracking().Where(n => n.RecipientUserId == null); // staff inbox messages are their recipients' own
        query = Enum.TryParse<NotificationStatus>(filter.Status, out var status) ? query.Where(n => n.Status == status) : query;
        query = Enum.TryParse<NotificationChannel>(filter.Channel, out var channel) ? query.Where(n => n.Channel == channel) : query;
        query = filter.EntityId is { } entity ? query.Where(n => n.EntityId == entity) : query;
        query = string.IsNullOrWhiteSpace(filter.Source) ? query : query.Where(n => n.Source.StartsWith(filter.Source));
        var page = await query.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Channel).PageAsync(filter.Page, filter.PageSize, ct);
        var names = await NamesAsync(page.Items.Select(n => n.EntityId), ct);
        return page.Map(n => View(n, names[n.EntityId]));
    }

    /// <summary>One outbox row in the caller's jurisdiction, as staff see it.</summary>
    public async Task<NotificationView?> GetAsync(CurrentUser caller, Guid id, CancellationToken ct) =>
        await Scoped(caller).AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct) is { } n ? await ViewAsync(n, ct) : null;

    /// <summary>A row the caller already holds, as staff see it.</summary>
    public async Task<NotificationView> ViewAsync(Notification n, CancellationToken ct) => View(n, (await NamesAsync([n.EntityId], ct))[n.EntityId]);

    private static NotificationView View(Notification n, string entityName) => new(
        n.Id, n.EntityId, entityName, n.Channel.ToString(), n.Kind.ToString(), n.Title, n.Body, n.Link, n.Source, n.RecipientMasked,
        n.Status.ToString(), StatusName(n), n.Attempts, n.CreatedAt, n.Status == NotificationStatus.Pending ? n.NextAttemptAt : null, n.SentAt, n.LastError, n.ReadAt);

    private static string StatusName(Notification n) => (n.Channel, n.Status) switch
    {
        (NotificationChannel.Portal, NotificationStatus.Sent) => n.ReadAt is null ? "已送达未读" : "已读",
        (_, NotificationStatus.Sent) => "已发送",
        (_, NotificationStatus.Pending) => n.Attempts == 0 ? "待发送" : "重试中",
        _ => "发送失败",
    };

    /// <summary>The caller's own staff messages (case deadline reminders and escalations), newest first.</summary>
    public Task<InboxPage> StaffInboxAsync(CurrentUser caller, InboxFilter filter, CancellationToken ct) => PageAsync(StaffInbox(caller), filter, ct);

    /// <summary>Marks one of the caller's own staff messages read (the first time counts); anyone else's is not found.</summary>
    public Task<Result<PortalMessage>> MarkStaffReadAsync(CurrentUser caller, Guid id, CancellationToken ct) => MarkReadAsync(StaffInbox(caller), id, ct);

    /// <summary>Portal rows of the entities the caller acts for (staff messages about them excluded).</summary>
    private IQueryable<Notification> Inbox(CurrentUser caller) =>
        db.Notifications.Where(n => n.Channel == NotificationChannel.Portal && n.RecipientUserId == null && db.EntityUsers.Any(l => l.UserId == caller.Id && l.EntityId == n.EntityId));

    private IQueryable<Notification> StaffInbox(CurrentUser caller) => db.Notifications.Where(n => n.RecipientUserId == caller.Id);

    /// <summary>The outbox rows of the caller's jurisdiction: the subtree of their agency, all for a platform administrator.</summary>
    public IQueryable<Notification> Scoped(CurrentUser caller)
    {
        var j = caller.Jurisdiction;
        return j.Everything ? db.Notifications : j.AgencyPath is { } path ? db.Notifications.Where(n => n.AgencyPath.StartsWith(path)) : db.Notifications.Where(_ => false);
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Entities.AsNoTracking().Where(e => list.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
    }
}

/// <summary>A page of the inbox and how many messages are unread in all.</summary>
public sealed record InboxPage(Paged<PortalMessage> Messages, int Unread);
