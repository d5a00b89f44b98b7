namespace Tianmu.Server.Notifications;

/// <summary>One text message: <see cref="Id"/> is the outbox row's, the same on every retry, so a gateway can drop a repeat.</summary>
public sealed record SmsMessage(Guid Id, string To, string Text);

/// <summary>What the gateway said. A permanent failure (the gateway refused the request itself) is not retried.</summary>
public sealed record SmsOutcome(bool Accepted, string? Error = null, bool Permanent = false)
{
    public static readonly SmsOutcome Ok = new(true);
}

/// <summary>Where text messages go: an SMS gateway over HTTP, or, embedded, a file.</summary>
public interface ISmsGateway
{
    Task<SmsOutcome> SendAsync(SmsMessage message, CancellationToken ct);
}
