using System.Net;
using System.Net.Http.Headers;

namespace Tianmu.Server.Notifications;

/// <summary>
/// Posts each message as JSON {id, to, text, signName, templateCode, templateParams} to the configured gateway (the
/// common shape of Chinese SMS platforms: an approved template and its values; an adapter maps it to the vendor's API), with the id also as an
/// Idempotency-Key header: a message whose answer was lost (timeout, crash before the result was
/// stored) is sent again with the same id, and the gateway can de-duplicate it. 2xx is accepted;
/// 4xx other than 408/429 is the gateway refusing the message (not retried); anything else is retried.
/// Nothing here logs the phone number.
/// </summary>
public sealed class HttpSmsGateway(IHttpClientFactory clients, SmsOptions options) : ISmsGateway
{
    public const string ClientName = "sms-gateway";

    public async Task<DeliveryOutcome> SendAsync(SmsMessage message, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.GatewayUrl)
        {
            Content = JsonContent.Create(new
            {
                id = message.Id,
                to = message.To,
                text = message.Text,
                signName = message.Sign,
                templateCode = message.TemplateCode,
                templateParams = message.Values,
            }),
        };
        request.Headers.Add("Idempotency-Key", message.Id.ToString());
        if (!string.IsNullOrEmpty(options.GatewayToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.GatewayToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? DeliveryOutcome.Ok
                : new DeliveryOutcome(false, $"短信网关返回 HTTP {status}", status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DeliveryOutcome(false, $"短信网关 {options.TimeoutSeconds} 秒内未响应");
        }
        catch (HttpRequestException e)
        {
            return new DeliveryOutcome(false, $"无法连接短信网关（{e.HttpRequestError}）");
        }
    }
}
