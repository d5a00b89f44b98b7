using System.Text.Json;
using Tianmu.Notifications;

namespace Tianmu.Server.Notifications;

/// <summary>What a gateway said. A permanent failure (the message itself was refused) is not retried.</summary>
public sealed record DeliveryOutcome(bool Accepted, string? Error = null, bool Permanent = false)
{
    public static readonly DeliveryOutcome Ok = new(true);
}

/// <summary>
/// One outbox channel the delivery worker sends on (SMS, e-mail): its gateway, how long an attempt may
/// take and how long to wait after failed ones. The worker claims rows of every channel that has one.
/// </summary>
public interface IChannelSender
{
    NotificationChannel Channel { get; }

    /// <summary>The longest one attempt takes before the gateway is given up on; sizes the worker's claim.</summary>
    TimeSpan Timeout { get; }

    /// <summary>The wait before the next attempt after <paramref name="attempts"/> failed ones; null: give up.</summary>
    TimeSpan? RetryAfter(int attempts);

    /// <summary>Hands one message to the gateway; <paramref name="recipient"/> is the number or address in clear.</summary>
    Task<DeliveryOutcome> SendAsync(Notification message, string recipient, CancellationToken ct);
}

/// <summary>Doubling waits between attempts, up to an hour, and a last attempt after which a message is failed.</summary>
public static class Backoff
{
    public static TimeSpan? After(int attempts, int maxAttempts, double firstWaitSeconds) =>
        attempts >= maxAttempts ? null : TimeSpan.FromSeconds(Math.Min(firstWaitSeconds * Math.Pow(2, attempts - 1), 3600));
}

/// <summary>Text messages through the configured <see cref="ISmsGateway"/> (Tianmu:Sms).</summary>
public sealed class SmsSender(ISmsGateway gateway, SmsOptions options) : IChannelSender
{
    public NotificationChannel Channel => NotificationChannel.Sms;

    public TimeSpan Timeout => options.Timeout;

    public TimeSpan? RetryAfter(int attempts) => options.RetryAfter(attempts);

    public Task<DeliveryOutcome> SendAsync(Notification message, string recipient, CancellationToken ct) => gateway.SendAsync(
        new SmsMessage(message.Id, recipient, message.Body, message.SmsSign, options.TemplateFor(message.Kind),
            message.SmsValues is { } values ? JsonSerializer.Deserialize<Dictionary<string, string>>(values) : null),
        ct);
}

/// <summary>E-mails through the configured <see cref="IMailGateway"/> (Tianmu:Smtp): the title is the subject.</summary>
public sealed class MailSender(IMailGateway gateway, SmtpOptions options) : IChannelSender
{
    public NotificationChannel Channel => NotificationChannel.Email;

    public TimeSpan Timeout => options.Timeout;

    public TimeSpan? RetryAfter(int attempts) => Backoff.After(attempts, options.MaxAttempts, options.RetrySeconds);

    public Task<DeliveryOutcome> SendAsync(Notification message, string recipient, CancellationToken ct) =>
        gateway.SendAsync(new MailRequest(message.Id, recipient, message.Title, message.Body), ct);
}
