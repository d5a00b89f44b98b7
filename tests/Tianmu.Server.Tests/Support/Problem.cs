using System.Net;
using System.Text.Json;

namespace Tianmu.Server.Tests.Support;

/// <summary>Reads an RFC 9457 problem and checks the parts every error must have.</summary>
public sealed record Problem(int Status, string Code, string Detail, JsonElement Body)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        var code = body.GetProperty("code").GetString()!;
        var detail = body.GetProperty("detail").GetString()!;
        Assert.Matches(@"^[a-z_]+(\.[a-z_]+)*$", code); // stable codes: snake_case, optionally feature-qualified (device.privacy_place)
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", detail); // a Chinese sentence, not an English stack message
        return new Problem(body.GetProperty("status").GetInt32(), code, detail, body);
    }
}
