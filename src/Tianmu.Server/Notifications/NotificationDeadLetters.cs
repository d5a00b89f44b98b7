using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Common;
using Tianmu.Notifications;
using Tianmu.Persistence;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Notifications;

public sealed record DeadLetterFilter(string? Channel, Guid? EntityId, int? Page, int? PageSize);

/// <summary>
/// 消息发送失败 — the dead letters of the outbox: SMS and e-mails given up after their last attempt, or
/// refused outright, in the caller's jurisdiction; an administrator or head puts one back in the queue
/// (重新发送) once the cause is fixed. Each resend is audited.
/// </summary>
public sealed class NotificationDeadLetters(TianmuDb db, NotificationQueries queries, AuditScope audit, TimeProvider clock)
{
    public Task<Paged<NotificationView>> ListAsync(CurrentUser caller, DeadLetterFilter filter, CancellationToken ct) =>
        queries.ListAsync(caller, new NotificationFilter(nameof(NotificationStatus.Failed), filter.Channel, filter.EntityId, null, filter.Page, filter.PageSize), ct);

    public async Task<Result<NotificationView>> ResendAsync(CurrentUser caller, Guid id, CancellationToken ct)
    {
        var message = await queries.Scoped(caller).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (message is null)
        {
            return Error.NotFound("消息");
        }

        if (message.Status != NotificationStatus.Failed)
        {
            return Error.Conflict("notification_not_failed", message.Status == NotificationStatus.Sent
                ? "该消息已发送成功，无需重新发送。"
                : "该消息正在等待发送或重试，无需重新发送。");
        }

        if (message.RecipientCipher is null)
        {
            return Error.Unprocessable("notification_without_recipient",
                "该消息没有收件号码或地址（告知时监管对象未登记联系方式），重新发送也无法送达。请补登联系方式，并通过电话告知等方式通知监管对象。");
        }

        audit.Action = "notification.resent";
        message.Resend(clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("notification_changed", "该消息刚被他人重新发送，正在发送中，请刷新后查看。");
        }

        // The row as this resend left it: the delivery worker may already have sent it by the time a re-read ran.
        return await queries.ViewAsync(message, ct);
    }
}
