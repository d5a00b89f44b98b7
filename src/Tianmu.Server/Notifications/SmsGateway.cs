namespace Tianmu.Server.Notifications;

/// <summary>
/// One text message: <see cref="Id"/> is the outbox row's, the same on every retry, so a gateway can drop a repeat.
/// <see cref="Text"/> is the message as read; a template platform takes <see cref="Sign"/>, <see cref="TemplateCode"/>
/// and <see cref="Values"/> instead (null code: the account sends free text; null values: queued before templates).
/// </summary>
public sealed record SmsMessage(Guid Id, string To, string Text, string? Sign = null, string? TemplateCode = null, IReadOnlyDictionary<string, string>? Values = null);

/// <summary>Where text messages go: an SMS gateway over HTTP, or, embedded, a file.</summary>
public interface ISmsGateway
{
    Task<DeliveryOutcome> SendAsync(SmsMessage message, CancellationToken ct);
}
