using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Warnings;

namespace Tianmu.Server.Warnings;

/// <summary>What the live board is told about a warning that was raised or changed.</summary>
public sealed record WarningChange(
    Guid Id, int Revision, DateTimeOffset ChangedAt, DateTimeOffset CreatedAt, string RuleName, string Category, string Severity, string Summary,
    Guid EntityId, string EntityName, Guid? DeviceId, string Status, string StatusName, bool IsOpen, DateTimeOffset? LastResponseAt)
{
    /// <summary>Only for routing to subscribers; not sent.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string AgencyPath { get; init; } = "";
}

/// <summary>
/// The live feed of warning changes, driven by the database so that a warning raised on any node
/// reaches browsers connected to every node: one poller per node reads the warnings whose
/// <see cref="Warning.ChangedAt"/> lies after its cursor and hands each change to the subscribers
/// whose jurisdiction covers it. Each poll re-reads a short look-back before the cursor, because a
/// transaction stamped earlier may commit later (and node clocks differ a little); a change already
/// sent at that revision is not sent again. The poller idles while nobody is subscribed.
/// </summary>
public sealed class WarningFeed(IDbContextFactory<TianmuDb> contexts, TimeProvider clock, ILogger<WarningFeed> log) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Longer than a warning transaction takes to commit and than the nodes' clocks differ.</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromSeconds(5);

    /// <summary>How many changes one poll reads at most; a larger burst reaches the board in later polls.</summary>
    public const int MaxPerPoll = 500;

    private readonly ConcurrentDictionary<Guid, Subscription> subscribers = new();
    private readonly Dictionary<Guid, (int Revision, DateTimeOffset ChangedAt)> sent = [];
    private DateTimeOffset cursor;

    public int SubscriberCount => subscribers.Count;

    /// <summary>Subscribes to the changes inside <paramref name="jurisdiction"/> until the subscription is disposed.</summary>
    public Subscription Subscribe(Jurisdiction jurisdiction)
    {
        var subscription = new Subscription(this, jurisdiction);
        subscribers[subscription.Id] = subscription;
        return subscription;
    }

    /// <summary>The changes inside <paramref name="jurisdiction"/> since <paramref name="since"/> (less the look-back), for a client resuming after a break.</summary>
    public async Task<IReadOnlyList<WarningChange>> SinceAsync(Jurisdiction jurisdiction, DateTimeOffset since, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var from = since - LookBack;
        var warnings = db.Warnings.AsNoTracking().Where(w => w.ChangedAt > from);
        warnings = jurisdiction.Everything ? warnings
            : jurisdiction.AgencyPath is { } path ? warnings.Where(w => w.AgencyPath.StartsWith(path)) : warnings.Where(_ => false);
        return await ChangesAsync(db, warnings.OrderBy(w => w.ChangedAt).Take(MaxPerPoll), ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        cursor = clock.GetUtcNow();
        using var timer = new PeriodicTimer(PollInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await PollAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Reading warning changes for the live board failed; will retry");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    private async Task PollAsync(CancellationToken ct)
    {
        if (subscribers.IsEmpty)
        {
            // Nobody is watching: nothing to read. A client that connects later starts from that moment
            // (and one resuming asks for what it missed with Last-Event-ID).
            cursor = Later(cursor, clock.GetUtcNow() - LookBack);
            sent.Clear();
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var from = cursor - LookBack;
        var stamps = await db.Warnings.AsNoTracking().Where(w => w.ChangedAt > from).OrderBy(w => w.ChangedAt)
            .Select(w => new { w.Id, w.Revision, w.ChangedAt }).Take(MaxPerPoll * 4).ToListAsync(ct);
        var news = stamps.Where(s => !sent.TryGetValue(s.Id, out var last) || last.Revision < s.Revision).Select(s => s.Id).Take(MaxPerPoll).ToList();
        if (news.Count > 0)
        {
            foreach (var change in await ChangesAsync(db, db.Warnings.AsNoTracking().Where(w => news.Contains(w.Id)), ct))
            {
                sent[change.Id] = (change.Revision, change.ChangedAt);
                cursor = Later(cursor, change.ChangedAt);
                foreach (var subscriber in subscribers.Values.Where(s => s.Jurisdiction.Covers(change.AgencyPath)))
                {
                    subscriber.Offer(change);
                }
            }
        }

        if (stamps.Count == MaxPerPoll * 4)
        {
            cursor = Later(cursor, stamps[^1].ChangedAt + LookBack); // a burst larger than the look-back holds: move past it
        }

        foreach (var old in sent.Where(s => s.Value.ChangedAt < cursor - LookBack - LookBack).Select(s => s.Key).ToList())
        {
            sent.Remove(old);
        }
    }

    private static async Task<List<WarningChange>> ChangesAsync(TianmuDb db, IQueryable<Warning> warnings, CancellationToken ct)
    {
        var rows = await warnings.Join(db.Entities, w => w.EntityId, e => e.Id, (w, e) => new { w, e.Name }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.w.ChangedAt).Select(r => new WarningChange(
            r.w.Id, r.w.Revision, r.w.ChangedAt, r.w.CreatedAt, r.w.RuleName, r.w.Category.ToString(), r.w.Severity.ToString(), r.w.Summary,
            r.w.EntityId, r.Name, r.w.DeviceId, r.w.Status.ToString(), r.w.Status.ToChinese(), r.w.IsOpen, r.w.LastResponseAt) { AgencyPath = r.w.AgencyPath })];
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>One connected client: a bounded queue of changes; a client too slow to read loses the oldest and reloads.</summary>
    public sealed class Subscription(WarningFeed feed, Jurisdiction jurisdiction) : IDisposable
    {
        private readonly Channel<WarningChange> changes = Channel.CreateBounded<WarningChange>(
            new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        public Guid Id { get; } = Guid.NewGuid();

        public Jurisdiction Jurisdiction { get; } = jurisdiction;

        public ChannelReader<WarningChange> Changes => changes.Reader;

        internal void Offer(WarningChange change) => changes.Writer.TryWrite(change);

        public void Dispose()
        {
            feed.subscribers.TryRemove(Id, out _);
            changes.Writer.TryComplete();
        }
    }
}
