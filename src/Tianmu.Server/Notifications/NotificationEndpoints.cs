using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Notifications;

public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications", async ([AsParameters] NotificationFilter filter, HttpContext http, NotificationQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.ListAsync(http.Caller(), filter, ct)))
            .WithTags("告知").RequireAuthorization(Authz.Staff).WithSummary("管辖范围内发给监管对象的门户消息和短信及其发送状态");
        api.MapGet("/notifications/mine", async ([AsParameters] InboxFilter filter, HttpContext http, NotificationQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.StaffInboxAsync(http.Caller(), filter, ct)))
            .WithTags("告知").RequireAuthorization(Authz.Staff).WithSummary("本人收到的工作消息（案件期限提醒、逾期督办），最新在前，及未读数");

        var portal = api.MapGroup("/portal/messages").WithTags("相对人门户").RequireAuthorization(Authz.Roles(Role.EntityUser));
        portal.MapGet("/", async ([AsParameters] InboxFilter filter, HttpContext http, NotificationQueries queries, CancellationToken ct) =>
            TypedResults.Ok(await queries.InboxAsync(http.Caller(), filter, ct))).WithSummary("本单位收到的消息（最新在前）及未读数");
        portal.MapPost("/{id:guid}/read", async (Guid id, HttpContext http, NotificationQueries queries, CancellationToken ct) =>
            (await queries.MarkReadAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("将一条消息标为已读");
    }
}
