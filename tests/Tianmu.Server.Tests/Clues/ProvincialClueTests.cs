using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Common;
using Tianmu.Server.Clues;
using Tianmu.Server.Ingest;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Clues;

/// <summary>Clues pushed by the provincial platform (Z8): signed pushes, routing, time limits, handling and escalation.</summary>
public sealed class ProvincialClueTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private async Task<(Guid Id, string Secret)> ClientAsync(string admin, string division)
    {
        var response = await (await app.ClientForAsync(admin)).PostAsJsonAsync("/api/v1/platform-clients", new { agencyId = await app.AgencyIdAsync(division), name = "山东省行政执法监督平台" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("client").GetProperty("id").GetGuid(), body.GetProperty("secret").GetString()!);
    }

    private async Task<HttpResponseMessage> SendAsync((Guid Id, string Secret) client, HttpMethod method, string path, object? body = null)
    {
        var bytes = body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(body);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new("application/json");
        }

        request.Headers.Add("X-Client-Id", client.Id.ToString());
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Signature", DeviceSignature.Sign(client.Secret, timestamp, bytes));
        return await app.Anonymous().SendAsync(request);
    }

    private async Task<string> CreditCodeAsync(string entity)
    {
        await using var db = app.Db();
        return (await db.Entities.SingleAsync(e => e.Name == entity)).CreditCode!;
    }

    [Fact]
    public async Task APushIsRoutedToTheEntitysAgencyWithItsLimitHandledAndReportedBack()
    {
        var client = await ClientAsync("sd.admin", "370000");
        var clue = new { id = "SD-2026-0001", title = "群众反映泳池水浑浊", content = "12345 热线转办：游泳池水质浑浊、氯味重。", creditCode = await CreditCodeAsync("济南明湖水上运动中心"), limitWorkingDays = 3 };

        var pushed = await SendAsync(client, HttpMethod.Post, "/api/v1/province/clues", clue);
        Assert.True(pushed.StatusCode == HttpStatusCode.Created, await pushed.Content.ReadAsStringAsync());
        var receipt = await pushed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("济南市历下区卫生健康局", receipt.GetProperty("agencyName").GetString());

        // The deadline is the end of the third working day after receipt, by the working calendar.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var calendar = scope.ServiceProvider.GetRequiredService<Tianmu.Server.Calendar.CalendarService>();
            var day = (await calendar.DueAsync(ChinaTime.DateOf(DateTimeOffset.UtcNow), 3, Tianmu.Calendar.PeriodKind.Working, default)).Value;
            Assert.Equal(new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset), receipt.GetProperty("deadline").GetDateTimeOffset());
        }

        var again = await SendAsync(client, HttpMethod.Post, "/api/v1/province/clues", clue);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());

        var id = receipt.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("ls.officer1")).GetAsync($"/api/v1/clues/{id}")).StatusCode);
        var officer = await app.ClientForAsync("lx.officer1");
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/v1/clues/{id}/handle", new { result = "已核查" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/v1/clues/{id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"/api/v1/clues/{id}/handle", new { result = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/clues/{id}/handle", new { result = "经调取在线监测数据核查，浊度超标，已责令整改。" })).StatusCode);

        var status = await (await SendAsync(client, HttpMethod.Get, "/api/v1/province/clues/SD-2026-0001")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Handled", status.GetProperty("status").GetString());
        Assert.StartsWith("经调取在线监测数据核查", status.GetProperty("result").GetString());
    }

    [Fact]
    public async Task BadPushesAreRefusedAndNothingIsStored()
    {
        var client = await ClientAsync("jn.admin", "370100");
        var wrongKey = await SendAsync((client.Id, "not-the-secret"), HttpMethod.Post, "/api/v1/province/clues", new { id = "X-1", title = "t", content = "c" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);

        var incomplete = await SendAsync(client, HttpMethod.Post, "/api/v1/province/clues", new { id = "X-2", content = "c", limitWorkingDays = 90 });
        var problem = await incomplete.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Contains("title", problem);
        Assert.Contains("limitWorkingDays", problem);

        // A Jinan client cannot route into Qingdao.
        var outside = await SendAsync(client, HttpMethod.Post, "/api/v1/province/clues", new { id = "X-3", title = "t", content = "c", divisionCode = "370212" });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("jn.admin")).PostAsync($"/api/v1/platform-clients/{client.Id}/revoke", null)).StatusCode);
        var revoked = await SendAsync(client, HttpMethod.Post, "/api/v1/province/clues", new { id = "X-4", title = "t", content = "c" });
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);

        await using var db = app.Db();
        Assert.False(await db.ProvincialClues.AnyAsync(c => c.ClientId == client.Id));
    }

    [Fact]
    public async Task AClueNotHandledByItsDeadlineIsEscalatedOnce()
    {
        var client = await ClientAsync("sd.admin", "370000");
        var pushed = await SendAsync(client, HttpMethod.Post, "/api/v1/province/clues",
            new { id = "SD-2026-0099", title = "督办：医疗废物暂存", content = "请核查。", divisionCode = "370103", deadline = DateTimeOffset.UtcNow.AddSeconds(1) });
        Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        var id = (await pushed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Task.Delay(1500);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var escalation = scope.ServiceProvider.GetRequiredService<ClueEscalation>();
            Assert.True(await escalation.EscalateAsync(default) >= 1);
        }

        DateTimeOffset? first;
        await using (var db = app.Db())
        {
            first = (await db.ProvincialClues.SingleAsync(c => c.Id == id)).EscalatedAt;
            Assert.NotNull(first);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClueEscalation>().EscalateAsync(default);
        }

        var overdue = await (await app.ClientForAsync("szq.officer1")).GetFromJsonAsync<JsonElement>("/api/v1/clues?overdue=true");
        var listed = overdue.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id);
        Assert.True(listed.GetProperty("overdue").GetBoolean());
        Assert.Equal(first, listed.GetProperty("escalatedAt").GetDateTimeOffset());
    }
}
