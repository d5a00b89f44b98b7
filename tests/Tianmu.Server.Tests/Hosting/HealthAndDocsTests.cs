using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Hosting;

public sealed class HealthAndDocsTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public async Task HealthAndReadinessAnswer()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/healthz")).StatusCode);
        var ready = await app.Anonymous().GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApiDocumentListsTheApiAndItsPageIsServed()
    {
        var doc = await app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/auth/token", "/api/v1/users", "/api/v1/calendar/due", "/api/v1/audit" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from OpenAPI");
        }

        var page = await app.Anonymous().GetAsync("/api-docs/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
