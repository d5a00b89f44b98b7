using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Devices;
using Tianmu.Server.Ingest;

namespace Tianmu.Server.Tests.Support;

/// <summary>Devices for ingest and warning tests: registered, taken through the lifecycle, calibrated, with a fresh secret.</summary>
public static class TestDevices
{
    public static readonly ParameterSpec[] PoolWater =
    [
        new("free_chlorine", "游离性余氯", "mg/L", 0, 5, null, null),
        new("ph", "pH", "", 0, 14, null, null),
    ];

    /// <summary>
    /// A device of <paramref name="entityName"/>, active since three days ago unless <paramref name="activate"/> is false, and its
    /// secret, issued through the API by <paramref name="officer"/> (who must have the entity in their jurisdiction); without
    /// <paramref name="credential"/> none, for a server the in-memory client cannot reach.
    /// </summary>
    public static async Task<(Guid Id, string Secret)> ActiveAsync(
        TianmuApp app, string entityName, string serial, DeviceType type = DeviceType.WaterQualityAnalyser, ParameterSpec[]? parameters = null, bool activate = true,
        string officer = "lx.officer1", bool credential = true)
    {
        var id = Guid.CreateVersion7();
        await using (var db = app.Db())
        {
            var entity = await db.Entities.SingleAsync(e => e.Name == entityName);
            var camera = type == DeviceType.AiCamera;
            var device = new Device(id, entity, new DeviceSpec(type, "力合", camera ? "DS-AI" : "LFWQ", serial, camera, DeviceProtocol.Http, null, null,
                Mobility.Fixed, camera ? PlaceType.PoolArea : PlaceType.PlantRoom, "机房", FundingModel.Government, null, false, false, false, false,
                camera ? [] : parameters ?? PoolWater), DateTimeOffset.UtcNow);
            if (activate)
            {
                var at = DateTimeOffset.UtcNow.AddDays(-3);
                foreach (var action in new[] { DeviceAction.Review, DeviceAction.Confirm, DeviceAction.PostNotice, DeviceAction.Activate })
                {
                    at = at.AddHours(1);
                    db.DeviceStatusChanges.Add(device.Move(action, at, "test", null)!);
                }
            }

            db.Devices.Add(device);
            var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
            db.Calibrations.Add(new CalibrationCertificate(Guid.CreateVersion7(), id, "JD-" + serial, "计量院", today.AddDays(-30), today.AddDays(300)));
            await db.SaveChangesAsync();
        }

        if (!credential)
        {
            return (id, "");
        }

        var issued = await (await app.ClientForAsync(officer)).PostAsync($"/api/v1/devices/{id}/credential", null);
        return (id, (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!);
    }

    /// <summary>Posts a signed batch of readings as the device.</summary>
    public static async Task<HttpResponseMessage> PushAsync(TianmuApp app, Guid device, string secret, object batch, DateTimeOffset? signedAt = null, string? signature = null)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(batch);
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest/readings") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Device-Id", device.ToString());
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Signature", signature ?? DeviceSignature.Sign(secret, timestamp, body));
        return await app.Anonymous().SendAsync(request);
    }

    public static object Batch(params (DateTimeOffset Time, string Metric, double? Value, string? Quality)[] readings) =>
        new { readings = readings.Select(r => new { time = r.Time, metric = r.Metric, value = r.Value, quality = r.Quality }) };
}
