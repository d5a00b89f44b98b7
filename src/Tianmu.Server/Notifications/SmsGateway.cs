namespace Tianmu.Server.Notifications;

/// <summary>One text message: <see cref="Id"/> is the outbox row's, the same on every retry, so a gateway can drop a repeat.</summary>
public sealed record SmsMessage(Guid Id, string To, string Text);

/// <summary>Where text messages go: an SMS gateway over HTTP, or, embedded, a file.</summary>
public interface ISmsGateway
{
    Task<DeliveryOutcome> SendAsync(SmsMessage message, CancellationToken ct);
}
