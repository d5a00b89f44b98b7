using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Devices;

/// <summary>Device governance through the API: S5 privacy, the lifecycle in order (art. 41, S6, Z13), credentials, incidents.</summary>
public sealed class DeviceGovernanceTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private const string Pool = "济南泉城游泳馆有限公司"; // ent.demo acts for it

    private async Task<object> AnalyserAsync(string serial, string place = "PlantRoom", string type = "WaterQualityAnalyser") => new
    {
        entityId = await app.EntityIdAsync(Pool),
        type,
        make = "力合科技",
        model = "LFWQ-200",
        serialNumber = serial,
        protocol = "Http",
        mobility = "Fixed",
        placeType = place,
        site = "水处理间东墙",
        funding = "MarketEntity",
        contractReference = "HT-2026-017",
        contractDataSecurity = true,
        contractIntellectualProperty = true,
        contractMaintenance = true,
        contractConfidentiality = true,
        parameters = new[]
        {
            new { code = "free_chlorine", name = "游离性余氯", unit = "mg/L", rangeMin = 0m, rangeMax = 5m, accuracy = "±0.02 mg/L", standard = "GB/T 5750.11" },
            new { code = "ph", name = "pH", unit = "", rangeMin = 0m, rangeMax = 14m, accuracy = "±0.1", standard = "GB/T 5750.4" },
        },
    };

    private async Task<Guid> RegisterAsync(string serial)
    {
        var response = await (await app.ClientForAsync("lx.officer1")).PostAsJsonAsync("/api/v1/devices", await AnalyserAsync(serial));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> OkJson(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<Guid> ActiveDeviceAsync(string serial)
    {
        var id = await RegisterAsync(serial);
        await OkJson(await (await app.ClientForAsync("lx.reviewer")).PostAsJsonAsync($"/api/v1/devices/{id}/review", new { note = "符合国家标准" }));
        var entity = await app.ClientForAsync("ent.demo");
        var confirmation = await entity.GetFromJsonAsync<JsonElement>($"/api/v1/portal/devices/{id}/confirmation");
        await OkJson(await entity.PostAsJsonAsync($"/api/v1/portal/devices/{id}/confirmation", new { textHash = confirmation.GetProperty("textHash").GetString(), agree = true, password = Demo.DemoData.Password }));
        await OkJson(await PostNoticeAsync(id));
        await OkJson(await (await app.ClientForAsync("lx.officer1")).PostAsync($"/api/v1/devices/{id}/activate", null));
        return id;
    }

    private async Task<HttpResponseMessage> PostNoticeAsync(Guid id)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0, .. "notice photo"u8.ToArray()]), "photo", "notice.jpg" },
            { new StringContent("济南泉城游泳馆 水处理间东墙"), "publishedLocation" },
        };
        return await (await app.ClientForAsync("lx.officer1")).PostAsync($"/api/v1/devices/{id}/notice", form);
    }

    [Theory]
    [InlineData("ChangingRoom")]
    [InlineData("Toilet")]
    [InlineData("HotelGuestRoom")]
    public async Task ACameraInAPrivatePlaceIsRefusedAndNothingIsStored(string place)
    {
        await using var before = app.Db();
        var devices = await before.Devices.CountAsync();
        var audit = await app.AuditCountAsync();
        var response = await (await app.ClientForAsync("lx.officer1")).PostAsJsonAsync("/api/v1/devices", await AnalyserAsync("CAM-" + place, place, "AiCamera"));
        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("device.privacy_place", problem.Code);
        Assert.Contains("第五条", problem.Detail, StringComparison.Ordinal);
        await using var after = app.Db();
        Assert.Equal(devices, await after.Devices.CountAsync());
        Assert.Equal(audit, await app.AuditCountAsync());
    }

    [Fact]
    public async Task TheLifecycleRunsInOrderWithTheEntitysSignature()
    {
        var id = await RegisterAsync("SN-ORDER-1");
        var officer = await app.ClientForAsync("lx.officer1");

        var early = await Problem.ReadAsync(await officer.PostAsync($"/api/v1/devices/{id}/activate", null), HttpStatusCode.Conflict);
        Assert.Equal("device.out_of_order", early.Code);
        Assert.Contains("审核", early.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/v1/devices/{id}/review", new { note = "x" })).StatusCode); // officers do not review

        var reviewed = await OkJson(await (await app.ClientForAsync("lx.reviewer")).PostAsJsonAsync($"/api/v1/devices/{id}/review", new { note = "法制和技术审核通过" }));
        Assert.Contains("lx.reviewer", reviewed.GetProperty("reviewedBy").GetString(), StringComparison.Ordinal);
        Assert.Equal("device.out_of_order", (await Problem.ReadAsync(await PostNoticeAsync(id), HttpStatusCode.Conflict)).Code); // confirmation first

        var entity = await app.ClientForAsync("ent.demo");
        var listed = await entity.GetFromJsonAsync<JsonElement>("/api/v1/portal/devices");
        Assert.Contains(listed.EnumerateArray(), d => d.GetProperty("id").GetGuid() == id && d.GetProperty("awaitsConfirmation").GetBoolean());
        var confirmation = await entity.GetFromJsonAsync<JsonElement>($"/api/v1/portal/devices/{id}/confirmation");
        var text = confirmation.GetProperty("text").GetString()!;
        Assert.Contains("将作为卫生健康行政执法的证据使用", text, StringComparison.Ordinal);
        var stale = await entity.PostAsJsonAsync($"/api/v1/portal/devices/{id}/confirmation", new { textHash = new string('0', 64), agree = true, password = Demo.DemoData.Password });
        Assert.Equal("device.confirmation_text_changed", (await Problem.ReadAsync(stale, HttpStatusCode.Conflict)).Code);

        // Signing re-confirms the password: none, or a wrong one, signs nothing.
        var textHash = confirmation.GetProperty("textHash").GetString();
        var bare = await Problem.ReadAsync(await entity.PostAsJsonAsync($"/api/v1/portal/devices/{id}/confirmation", new { textHash, agree = true }), HttpStatusCode.BadRequest);
        Assert.True(bare.Body.GetProperty("errors").TryGetProperty("password", out _));
        var wrong = await entity.PostAsJsonAsync($"/api/v1/portal/devices/{id}/confirmation", new { textHash, agree = true, password = "not-the-password" });
        Assert.Equal("auth.reconfirm_failed", (await Problem.ReadAsync(wrong, HttpStatusCode.Forbidden)).Code);
        Assert.False((await entity.GetFromJsonAsync<JsonElement>($"/api/v1/portal/devices/{id}/confirmation")).GetProperty("signed").GetBoolean());
        var signed = await OkJson(await entity.PostAsJsonAsync($"/api/v1/portal/devices/{id}/confirmation", new { textHash, agree = true, password = Demo.DemoData.Password }));
        Assert.True(signed.GetProperty("signed").GetBoolean());

        var noticed = await OkJson(await PostNoticeAsync(id));
        Assert.Equal("Noticed", noticed.GetProperty("summary").GetProperty("status").GetString());
        var published = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/public/device-locations?agency=370102");
        Assert.Contains(published.EnumerateArray(), d => d.GetProperty("location").GetString() == "济南泉城游泳馆 水处理间东墙");

        var active = await OkJson(await officer.PostAsync($"/api/v1/devices/{id}/activate", null));
        Assert.Equal("Active", active.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(5, active.GetProperty("history").GetArrayLength()); // registered, reviewed, confirmed, noticed, active

        await using var db = app.Db();
        var device = await db.Devices.SingleAsync(d => d.Id == id);
        Assert.Equal(text, device.ConfirmationText);
        Assert.Equal(await app.UserIdAsync("ent.demo"), device.ConfirmedByUserId);
        Assert.NotNull(device.NoticePhotoHash);
        var photo = await officer.GetAsync($"/api/v1/devices/{id}/notice-photo");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
    }

    [Fact]
    public async Task UsabilityFollowsTheCalibrationCertificate()
    {
        var id = await ActiveDeviceAsync("SN-CAL-1");
        var officer = await app.ClientForAsync("lx.officer1");
        var now = DateTimeOffset.UtcNow;
        var uncalibrated = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{id}/usability?at={Uri.EscapeDataString(now.ToString("O"))}");
        Assert.False(uncalibrated.GetProperty("usable").GetBoolean());

        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        await OkJson(await officer.PostAsJsonAsync($"/api/v1/devices/{id}/calibrations", new { number = "JD-2026-1", issuer = "济南市计量检定测试院", issuedOn = today.AddDays(-10), expiresOn = today.AddDays(20) }));
        var calibrated = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{id}/usability?at={Uri.EscapeDataString(now.ToString("O"))}");
        Assert.True(calibrated.GetProperty("usable").GetBoolean(), calibrated.ToString());
        var later = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{id}/usability?at={Uri.EscapeDataString(now.AddDays(40).ToString("O"))}");
        Assert.False(later.GetProperty("usable").GetBoolean());

        var expiring = await officer.GetFromJsonAsync<JsonElement>("/api/v1/devices/calibrations/expiring?days=30");
        Assert.Contains(expiring.EnumerateArray(), e => e.GetProperty("deviceId").GetGuid() == id && e.GetProperty("daysLeft").GetInt32() == 20);
    }

    [Fact]
    public async Task TwoOfficersActivatingAtOnceMoveTheDeviceOnce()
    {
        var id = await RegisterAsync("SN-RACE-1");
        var reviewers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            await (await app.ClientForAsync("lx.reviewer")).PostAsJsonAsync($"/api/v1/devices/{id}/review", new { note = "并发" })));
        Assert.Single(reviewers, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(reviewers.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        await using var db = app.Db();
        Assert.Equal(1, await db.DeviceStatusChanges.CountAsync(c => c.DeviceId == id && c.ToStatus == Tianmu.Devices.DeviceStatus.Reviewed));
    }

    [Fact]
    public async Task CredentialsAreShownOnceAndStoredHashed()
    {
        var id = await RegisterAsync("SN-KEY-1");
        var officer = await app.ClientForAsync("lx.officer1");
        var first = (await OkJson(await officer.PostAsync($"/api/v1/devices/{id}/credential", null))).GetProperty("secret").GetString()!;
        var second = (await OkJson(await officer.PostAsync($"/api/v1/devices/{id}/credential", null))).GetProperty("secret").GetString()!;
        Assert.NotEqual(first, second);

        await using var db = app.Db();
        var stored = await db.Devices.Where(d => d.Id == id).Select(d => d.CredentialHash).SingleAsync();
        Assert.Equal(Tianmu.Server.Devices.DeviceOperations.SecretHash(second), stored);
        Assert.DoesNotContain(await db.AuditRecords.Select(a => a.Changes).ToListAsync(), c => c.Contains(second, StringComparison.Ordinal));

        var revoked = await OkJson(await officer.DeleteAsync($"/api/v1/devices/{id}/credential"));
        Assert.False(revoked.GetProperty("hasCredential").GetBoolean());
    }

    [Fact]
    public async Task IncidentsRecordTheEntitysLiability()
    {
        var id = await RegisterAsync("SN-INC-1");
        var officer = await app.ClientForAsync("lx.officer1");
        var incident = await OkJson(await officer.PostAsJsonAsync($"/api/v1/devices/{id}/incidents", new { kind = "Obstructed", description = "探头被杂物遮挡" }));
        var incidentId = incident.GetProperty("id").GetGuid();
        var missing = await officer.PostAsJsonAsync($"/api/v1/devices/{id}/incidents/{incidentId}/resolve", new { outcome = "已恢复" });
        Assert.True((await Problem.ReadAsync(missing, HttpStatusCode.BadRequest)).Body.GetProperty("errors").TryGetProperty("liability", out _));
        var resolved = await OkJson(await officer.PostAsJsonAsync($"/api/v1/devices/{id}/incidents/{incidentId}/resolve", new { liability = "Restore", outcome = "责令恢复，已于当日恢复" }));
        Assert.Equal("Restore", resolved.GetProperty("liability").GetString());
        await OkJson(await officer.PostAsJsonAsync($"/api/v1/devices/{id}/maintenance", new { description = "更换余氯电极" }));
        var detail = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{id}");
        Assert.Equal(1, detail.GetProperty("incidents").GetArrayLength());
        Assert.Equal(1, detail.GetProperty("maintenance").GetArrayLength());
    }

    [Fact]
    public async Task DevicesAreScopedLikeTheirEntities()
    {
        var id = await RegisterAsync("SN-SCOPE-1");
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("ls.officer1")).GetAsync($"/api/v1/devices/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("jn.officer1")).GetAsync($"/api/v1/devices/{id}")).StatusCode);
        var laoshan = await (await app.ClientForAsync("ls.officer1")).GetFromJsonAsync<JsonElement>("/api/v1/devices");
        Assert.DoesNotContain(laoshan.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetGuid() == id);
        var otherEntity = await (await app.ClientForAsync("ls.officer1")).PostAsJsonAsync("/api/v1/devices", await AnalyserAsync("SN-SCOPE-2"));
        Assert.True((await Problem.ReadAsync(otherEntity, HttpStatusCode.BadRequest)).Body.GetProperty("errors").TryGetProperty("entityId", out _));
    }
}
