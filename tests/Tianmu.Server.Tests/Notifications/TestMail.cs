using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Notifications;
using Tianmu.Persistence;
using Tianmu.Security;
using Tianmu.Server.Notifications;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Notifications;

/// <summary>Queues e-mails as the service and payment features do (Notifier.Queue), reads outbox rows, posts page forms.</summary>
public static partial class TestMail
{
    public const string Subject = "文书送达：行政处罚决定书";

    public static string Body(string entity) => $"{entity}：济南市历下区卫生健康局向贵单位送达《行政处罚决定书》，请登录天目门户查看并下载。";

    /// <summary>Queues one e-mail to <paramref name="address"/> about <paramref name="entityName"/> and commits it; returns the row's id.</summary>
    public static async Task<Guid> QueueAsync(TianmuApp app, string entityName, string address, string? subject = null, string? body = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TianmuDb>();
        var protector = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        var entity = await db.Entities.SingleAsync(e => e.Name == entityName);
        var rows = scope.ServiceProvider.GetRequiredService<Notifier>().Queue(
            new NotificationAddress(entity.Id, entity.AgencyPath), NotificationKind.DocumentServed,
            new NotificationContent($"test:mail:{Guid.NewGuid()}", subject ?? Subject, body ?? Body(entityName), null),
            new NotificationRecipients(false, EmailCipher: protector.Protect(address)), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return Assert.Single(rows).Id;
    }

    public static async Task<Notification> RowAsync(TianmuApp app, Guid id)
    {
        await using var db = app.Db();
        return await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id);
    }

    /// <summary>The row once <paramref name="done"/> holds (or the deadline passed).</summary>
    public static async Task<Notification> RowWhenAsync(TianmuApp app, Guid id, Func<Notification, bool> done, double seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var row = await RowAsync(app, id);
            if (done(row) || DateTime.UtcNow > deadline)
            {
                return row;
            }

            await Task.Delay(100);
        }
    }

    public static Task<Notification> SettledAsync(TianmuApp app, Guid id) => RowWhenAsync(app, id, n => n.Status != NotificationStatus.Pending);

    /// <summary>
    /// One delivery worker per node given (a node may be named more than once), each with its own scope and
    /// connection, racing over the outbox until none of <paramref name="ids"/> is pending (or a minute passed).
    /// </summary>
    public static Task RaceAsync(IEnumerable<TianmuApp> workers, IReadOnlyCollection<Guid> ids) =>
        Task.WhenAll(workers.Select(node => Task.Run(async () =>
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                await using var scope = node.Services.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<NotificationDelivery>().DeliverDueAsync(default) == 0)
                {
                    await using var db = node.Db();
                    if (!await db.Notifications.AnyAsync(n => ids.Contains(n.Id) && n.Status == NotificationStatus.Pending))
                    {
                        return;
                    }

                    await Task.Delay(20);
                }
            }
        })));

    /// <summary>Submits a form of a static page (<paramref name="handler"/> is its @formname) with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient web, string path, string handler, Dictionary<string, string>? fields = null)
    {
        var page = await web.GetStringAsync(path);
        var form = new Dictionary<string, string>(fields ?? [])
        {
            ["_handler"] = handler,
            ["__RequestVerificationToken"] = Antiforgery().Match(page).Groups[1].Value,
        };
        return await web.PostAsync(path, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
