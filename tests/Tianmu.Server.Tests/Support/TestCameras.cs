using System.Net.Http.Headers;
using System.Text.Json;
using Tianmu.Server.Ingest;

namespace Tianmu.Server.Tests.Support;

/// <summary>AI cameras' uploads: a signed event JSON part, then the files it names.</summary>
public static class TestCameras
{
    public static async Task<HttpResponseMessage> PostAsync(TianmuApp app, (Guid Id, string Secret) camera, object eventBody, params (string Name, string ContentType, byte[] Content)[] parts)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(eventBody);
        var content = new MultipartFormDataContent();
        var eventPart = new ByteArrayContent(json);
        eventPart.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(eventPart, "event");
        foreach (var (name, contentType, bytes) in parts)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            content.Add(file, name, name + ".bin");
        }

        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest/events") { Content = content };
        request.Headers.Add("X-Device-Id", camera.Id.ToString());
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Signature", DeviceSignature.Sign(camera.Secret, timestamp, json));
        return await app.Anonymous().SendAsync(request);
    }
}
