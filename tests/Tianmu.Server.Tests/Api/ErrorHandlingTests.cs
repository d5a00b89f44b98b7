using System.Net;
using System.Net.Http.Json;
using System.Text;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Api;

/// <summary>Bad input gets a clear ProblemDetails (stable code, Chinese detail), never a 500, and writes nothing.</summary>
public sealed class ErrorHandlingTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("{\"userName\": \"a\", ", "malformed_json")]                      // truncated
    [InlineData("{\"userName\": 42, \"roles\": \"Officer\"}", "malformed_json")]   // wrong types
    [InlineData("[1, 2, 3]", "malformed_json")]                                    // wrong shape
    [InlineData("{\"agencyId\": \"not-a-guid\"}", "malformed_json")]
    public async Task MalformedBodiesAre400AndWriteNothing(string body, string code)
    {
        var client = await app.ClientForAsync("sd.admin");
        var before = await app.AuditCountAsync();
        var problem = await Problem.ReadAsync(await client.PostAsync("/api/v1/users", Json(body)), HttpStatusCode.BadRequest);
        Assert.Equal(code, problem.Code);
        Assert.Equal(before, await app.AuditCountAsync());
    }

    [Fact]
    public async Task WrongTypeNamesTheField()
    {
        var client = await app.ClientForAsync("sd.admin");
        var problem = await Problem.ReadAsync(await client.PostAsync("/api/v1/users", Json("{\"userName\": 42}")), HttpStatusCode.BadRequest);
        Assert.Contains("userName", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyBodyIs400()
    {
        var client = await app.ClientForAsync("sd.admin");
        var problem = await Problem.ReadAsync(await client.PostAsync("/api/v1/users", Json("")), HttpStatusCode.BadRequest);
        Assert.NotEqual("internal_error", problem.Code);
    }

    [Fact]
    public async Task OversizedBodyIs413()
    {
        var client = await app.ClientForAsync("sd.admin");
        var huge = "{\"displayName\": \"" + new string('x', 2 * 1024 * 1024) + "\"}";
        var problem = await Problem.ReadAsync(await client.PostAsync("/api/v1/users", Json(huge)), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("payload_too_large", problem.Code);
    }

    [Fact]
    public async Task WrongContentTypeIs415()
    {
        var client = await app.ClientForAsync("sd.admin");
        var response = await client.PostAsync("/api/v1/users", new StringContent("userName=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal("unsupported_media_type", (await Problem.ReadAsync(response, HttpStatusCode.UnsupportedMediaType)).Code);
    }

    [Fact]
    public async Task ValidationErrorsArePerFieldAndInChinese()
    {
        var client = await app.ClientForAsync("sd.admin");
        var response = await client.PostAsJsonAsync("/api/v1/users", new { userName = "bad name!", roles = new[] { "Officer", "Wizard" }, phone = "123" });
        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("validation_failed", problem.Code);
        var errors = problem.Body.GetProperty("errors");
        foreach (var field in new[] { "userName", "displayName", "password", "roles", "credentialNumber", "phone", "agencyId" })
        {
            Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {errors}");
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", messages[0].GetString()!);
        }
    }

    [Theory]
    [InlineData("/api/v1/users/01900000-0000-7000-8000-000000000000")]
    [InlineData("/api/v1/agencies/01900000-0000-7000-8000-000000000000")]
    [InlineData("/api/v1/entities/01900000-0000-7000-8000-000000000000")]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/api/v1/users/not-a-guid")]
    public async Task UnknownIdsAndRoutesAre404(string path)
    {
        var client = await app.ClientForAsync("sd.admin");
        Assert.Equal("not_found", (await Problem.ReadAsync(await client.GetAsync(path), HttpStatusCode.NotFound)).Code);
    }

    [Fact]
    public async Task WrongMethodIs405()
    {
        var client = await app.ClientForAsync("sd.admin");
        Assert.Equal("method_not_allowed", (await Problem.ReadAsync(await client.DeleteAsync("/api/v1/audit"), HttpStatusCode.MethodNotAllowed)).Code);
    }

    [Fact]
    public async Task MissingOrForgedTokenIs401()
    {
        Assert.Equal("unauthenticated", (await Problem.ReadAsync(await app.Anonymous().GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized)).Code);
        var forged = app.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "tm_forged");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/users?page=-5&pageSize=100000")]
    [InlineData("/api/v1/users?page=abc")]
    [InlineData("/api/v1/audit?from=2026-13-45")]
    [InlineData("/api/v1/entities?category=Spaceport")]
    public async Task OddQueryStringsNeverCause500(string path)
    {
        var client = await app.ClientForAsync("sd.admin");
        var response = await client.GetAsync(path);
        Assert.True((int)response.StatusCode is 200 or 400, $"{path}: {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("/audit?from=2026-13-45&to=yesterday&page=abc")]
    [InlineData("/admin/users?agency=not-a-guid&page=-1&role=Wizard")]
    [InlineData("/calendar?from=someday&days=many&kind=lunar")]
    [InlineData("/entities?category=Spaceport&page=q")]
    [InlineData("/entities/01900000-0000-7000-8000-000000000000?created=maybe")]
    public async Task OddQueryStringsOnPagesNeverCause500(string path)
    {
        var client = await app.CookieClientAsync("sd.admin");
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ResponsesCarryTheRequestId()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/me");
        var problem = await Problem.ReadAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), problem.Body.GetProperty("requestId").GetString());
    }
}
