using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Notifications;

public static class NotificationEndpoints
{
    /// <summary>Who sees failed messages and sends them again: administrators and heads, in their jurisdiction.</summary>
    public static readonly Role[] DeadLetterKeepers = [Role.Administrator, Role.Head];

    /// <summary>Who logs calls to an entity: the enforcement staff who tell it (officers and heads).</summary>
    public static readonly Role[] Callers = [Role.Officer, Role.Head];

    public static void MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications", async ([AsParameters] NotificationFilter filter, HttpContext http, NotificationQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.ListAsync(http.Caller(), filter, ct)))
            .WithTags("告知").RequireAuthorization(Authz.Staff).WithSummary("管辖范围内发给监管对象的门户消息、短信和电子邮件及其发送状态");
        api.MapGet("/notifications/mine", async ([AsParameters] InboxFilter filter, HttpContext http, NotificationQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.StaffInboxAsync(http.Caller(), filter, ct)))
            .WithTags("告知").RequireAuthorization(Authz.Staff).WithSummary("本人收到的工作消息（案件期限提醒、逾期督办），最新在前，及未读数");
        api.MapPost("/notifications/mine/{id:guid}/read", async (Guid id, HttpContext http, NotificationQueries queries, CancellationToken ct) =>
                (await queries.MarkStaffReadAsync(http.Caller(), id, ct)).ToHttp())
            .WithTags("告知").RequireAuthorization(Authz.Staff).WithSummary("将本人的一条工作消息标为已读");

        var dead = api.MapGroup("/notifications").WithTags("告知").RequireAuthorization(Authz.Roles(DeadLetterKeepers));
        dead.MapGet("/failed", async ([AsParameters] DeadLetterFilter filter, HttpContext http, NotificationDeadLetters letters, CancellationToken ct) =>
            TypedResults.Ok(await letters.ListAsync(http.Caller(), filter, ct))).WithSummary("管辖范围内发送失败的短信和电子邮件（收件人已脱敏），最新在前");
        dead.MapPost("/{id:guid}/retry", async (Guid id, HttpContext http, NotificationDeadLetters letters, CancellationToken ct) =>
            (await letters.ResendAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("重新发送一条发送失败的消息（重新排队，记入审计日志）");

        var calls = api.MapGroup("/entities/{id:guid}/phone-calls").WithTags("告知");
        calls.MapGet("/", async (Guid id, [AsParameters] PhoneCallFilter filter, HttpContext http, PhoneCalls log, CancellationToken ct) =>
            (await log.ListAsync(http.Caller(), id, filter, ct)).ToHttp()).RequireAuthorization(Authz.Staff).WithSummary("对监管对象的电话告知记录（号码已脱敏），最新在前");
        calls.MapPost("/", async (Guid id, PhoneCallInput input, HttpContext http, PhoneCalls log, CancellationToken ct) =>
                (await log.LogAsync(http.Caller(), id, input, ct)).ToCreated(_ => $"/api/v1/entities/{id}/phone-calls"))
            .RequireAuthorization(Authz.Roles(Callers)).WithSummary("登记一次电话告知（时间、号码、接听人、结果）");

        var portal = api.MapGroup("/portal/messages").WithTags("相对人门户").RequireAuthorization(Authz.Roles(Role.EntityUser));
        portal.MapGet("/", async ([AsParameters] InboxFilter filter, HttpContext http, NotificationQueries queries, CancellationToken ct) =>
            TypedResults.Ok(await queries.InboxAsync(http.Caller(), filter, ct))).WithSummary("本单位收到的消息（最新在前）及未读数");
        portal.MapPost("/{id:guid}/read", async (Guid id, HttpContext http, NotificationQueries queries, CancellationToken ct) =>
            (await queries.MarkReadAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("将一条消息标为已读");
    }
}
