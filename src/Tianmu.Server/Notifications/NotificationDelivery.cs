using Microsoft.EntityFrameworkCore;
using Tianmu.Notifications;
using Tianmu.Persistence;
using Tianmu.Security;

namespace Tianmu.Server.Notifications;

/// <summary>
/// Sends due SMS and e-mail rows of the outbox, each through its channel's <see cref="IChannelSender"/>.
/// Every node may run it at once: a worker first claims a batch with one conditional UPDATE (rows
/// pending, due and not held by a live claim get its token and a claim expiry), so two workers never
/// hold the same row — on PostgreSQL the second UPDATE waits for the first and re-checks the claim on
/// the committed row; SQLite has one writer. Each result is saved as soon as it is known, guarded by
/// the claim token, so a worker whose claim lapsed cannot overwrite another's. A failed attempt is
/// retried with doubling waits (per channel), then marked failed for the dead-letter view.
/// </summary>
public sealed class NotificationDelivery(
    TianmuDb db, IEnumerable<IChannelSender> senders, PersonalDataProtector protector, SmsOptions options, TimeProvider clock, ILogger<NotificationDelivery> log)
{
    private readonly Dictionary<NotificationChannel, IChannelSender> byChannel = senders.ToDictionary(s => s.Channel);

    /// <summary>
    /// How long a claim holds: long enough for a whole batch of attempts that each time out, so a
    /// claim never lapses while its worker is still sending.
    /// </summary>
    private TimeSpan ClaimFor => (byChannel.Values.Max(s => s.Timeout) * options.BatchSize) + TimeSpan.FromMinutes(1);

    /// <summary>Claims and sends one batch; returns how many messages it attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var claim = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var until = now + ClaimFor;
        var channels = byChannel.Keys.ToList();
        var due = db.Notifications
            .Where(n => channels.Contains(n.Channel) && n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .OrderBy(n => n.NextAttemptAt)
            .Select(n => n.Id)
            .Take(options.BatchSize);
        var claimed = await db.Notifications
            .Where(n => due.Contains(n.Id) && n.Status == NotificationStatus.Pending && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimToken, claim).SetProperty(n => n.ClaimedUntil, until), ct);
        if (claimed == 0)
        {
            return 0;
        }

        var batch = await db.Notifications.Where(n => n.ClaimToken == claim).OrderBy(n => n.NextAttemptAt).ToListAsync(ct);
        foreach (var notification in batch)
        {
            await SendAsync(notification, byChannel[notification.Channel], ct);
        }

        return batch.Count;
    }

    private async Task SendAsync(Notification notification, IChannelSender sender, CancellationToken ct)
    {
        DeliveryOutcome outcome;
        try
        {
            var to = protector.Unprotect(notification.RecipientCipher) ?? throw new InvalidOperationException("Outbox row without a recipient.");
            outcome = await sender.SendAsync(notification, to, ct);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            outcome = new DeliveryOutcome(false, "无法解密收件人（个人信息密钥与写入时不一致）", Permanent: true);
        }

        var at = clock.GetUtcNow();
        if (outcome.Accepted)
        {
            notification.MarkSent(at);
        }
        else
        {
            notification.MarkAttemptFailed(outcome.Error ?? "发送失败", at, outcome.Permanent ? null : sender.RetryAfter(notification.Attempts + 1));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Our claim lapsed and another worker holds the row now: its result stands.
            db.Entry(notification).State = EntityState.Detached;
            log.LogWarning("Notification {Id}: claim lapsed before the result was stored", notification.Id);
            return;
        }

        var channel = notification.Channel == NotificationChannel.Sms ? "SMS" : "e-mail";
        if (outcome.Accepted)
        {
            log.LogInformation("Notification {Id} sent by {Channel} (attempt {Attempt})", notification.Id, channel, notification.Attempts);
        }
        else
        {
            log.LogWarning("Notification {Id}: {Channel} attempt {Attempt} failed: {Error}; {Next}", notification.Id, channel, notification.Attempts, notification.LastError,
                notification.Status == NotificationStatus.Failed ? "given up" : $"retry at {notification.NextAttemptAt:O}");
        }
    }
}

/// <summary>
/// Runs <see cref="NotificationDelivery"/> (SMS and e-mail) every few seconds on every node (the row
/// claims make that safe) until nothing is due; not at all on a node with Tianmu:Sms:PollSeconds 0.
/// </summary>
public sealed class NotificationDeliveryJob(IServiceScopeFactory scopes, SmsOptions options, TimeProvider clock, ILogger<NotificationDeliveryJob> log) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken) =>
        options.PollSeconds > 0 ? base.StartAsync(cancellationToken) : Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.PollSeconds), clock);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    int sent;
                    do
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        sent = await scope.ServiceProvider.GetRequiredService<NotificationDelivery>().DeliverDueAsync(stoppingToken);
                    }
                    while (sent > 0);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Notification delivery failed; will retry");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }
}
