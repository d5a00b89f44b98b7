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
    string Status, string StatusName, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, string? LastError, DateTimeOffset? ReadAt);

public sealed record NotificationFilter(string? Status, string? Channel, Guid? EntityId, string? Source, int? Page, int? PageSize);

/// <summary>
/// The portal inbox of the entities the caller acts for (portal rows only, newest first, read
/// state), and the staff view of the outbox in the caller's jurisdiction.
/// </summary>
public sealed class NotificationQueries(TianmuDb db, TimeProvider clock)
{
    public async Task<InboxPage> InboxAsync(CurrentUser caller, InboxFilter filter, CancellationToken ct)
    {
        var mine = Inbox(caller).AsNoTracking();
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        var query = filter.Unread == true ? mine.Where(n => n.ReadAt == null) : mine;
        var page = await query.OrderByDescending(n => n.CreatedAt).PageAsync(filter.Page, filter.PageSize, ct);
        var names = await NamesAsync(page.Items.Select(n => n.EntityId), ct);
        return new InboxPage(page.Map(n => new PortalMessage(n.Id, n.EntityId, names[n.EntityId], n.Kind.ToString(), n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt)), unread);
    }

    /// <summary>Marks one of the caller's messages read (the first time counts); another entity's message is not found.</summary>
    public async Task<Result<PortalMessage>> MarkReadAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var message = await Inbox(caller).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (message is null)
        {
            return Error.NotFound("消息");
        }

        message.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        var name = (await NamesAsync([message.EntityId], ct))[message.EntityId];
        return new PortalMessage(message.Id, message.EntityId, name, message.Kind.ToString(), message.Title, message.Body, message.Link, message.CreatedAt, message.ReadAt);
    }

    public async Task<Paged<NotificationView>> ListAsync(CurrentUser caller, NotificationFilter filter, CancellationToken ct)
    {
        var query = Scoped(caller).AsNoTracking();
        query = Enum.TryParse<NotificationStatus>(filter.Status, out var status) ? query.Where(n => n.Status == status) : query;
        query = Enum.TryParse<NotificationChannel>(filter.Channel, out var channel) ? query.Where(n => n.Channel == channel) : query;
        query = filter.EntityId is { } entity ? query.Where(n => n.EntityId == entity) : query;
        query = string.IsNullOrWhiteSpace(filter.Source) ? query : query.Where(n => n.Source.StartsWith(filter.Source));
        var page = await query.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Channel).PageAsync(filter.Page, filter.PageSize, ct);
        var names = await NamesAsync(page.Items.Select(n => n.EntityId), ct);
        return page.Map(n => new NotificationView(
            n.Id, n.EntityId, names[n.EntityId], n.Channel.ToString(), n.Kind.ToString(), n.Title, n.Body, n.Link, n.Source, n.RecipientMasked,
            n.Status.ToString(), StatusName(n), n.Attempts, n.CreatedAt, n.Status == NotificationStatus.Pending ? n.NextAttemptAt : null, n.SentAt, n.LastError, n.ReadAt));
    }

    private static string StatusName(Notification n) => (n.Channel, n.Status) switch
    {
        (NotificationChannel.Portal, NotificationStatus.Sent) => n.ReadAt is null ? "已送达未读" : "已读",
        (_, NotificationStatus.Sent) => "已发送",
        (_, NotificationStatus.Pending) => n.Attempts == 0 ? "待发送" : "重试中",
        _ => "发送失败",
    };

    /// <summary>The caller's own staff messages (case deadline reminders and escalations), newest first.</summary>
    public async Task<InboxPage> StaffInboxAsync(CurrentUser caller, InboxFilter filter, CancellationToken ct)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.RecipientUserId == caller.Id);
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        var query = filter.Unread == true ? mine.Where(n => n.ReadAt == null) : mine;
        var page = await query.OrderByDescending(n => n.CreatedAt).PageAsync(filter.Page, filter.PageSize, ct);
        var names = await NamesAsync(page.Items.Select(n => n.EntityId), ct);
        return new InboxPage(page.Map(n => new PortalMessage(n.Id, n.EntityId, names[n.EntityId], n.Kind.ToString(), n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt)), unread);
    }

    /// <summary>Portal rows of the entities the caller acts for (staff messages about them excluded).</summary>
    private IQueryable<Notification> Inbox(CurrentUser caller) =>
        db.Notifications.Where(n => n.Channel == NotificationChannel.Portal && n.RecipientUserId == null && db.EntityUsers.Any(l => l.UserId == caller.Id && l.EntityId == n.EntityId));

    private IQueryable<Notification> Scoped(CurrentUser caller)
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
