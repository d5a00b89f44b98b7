using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Devices;
using Tianmu.Server.Ingest;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Ingest;

/// <summary>
/// AI events from edge boxes: signed event JSON, media hashed into the write-once store on the way in,
/// type and size checks, idempotent resends, and camera integrity from the snapshots (S6/Z12).
/// </summary>
public sealed class AiEventTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private sealed record Part(string Name, string ContentType, byte[] Content);

    private Task<(Guid Id, string Secret)> CameraAsync(string serial) =>
        TestDevices.ActiveAsync(app, "济南奥体游泳健身有限公司", serial, DeviceType.AiCamera);

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private Task<HttpResponseMessage> PostAsync((Guid Id, string Secret) camera, object eventBody, params Part[] parts) =>
        TestCameras.PostAsync(app, camera, eventBody, [.. parts.Select(p => (p.Name, p.ContentType, p.Content))]);

    private static object Event(string id, string type, params (string Part, byte[] Content)[] media) => new
    {
        id,
        type,
        confidence = 0.91,
        time = DateTimeOffset.UtcNow.AddMinutes(-1),
        camera = "cam1",
        media = media.Select(m => new { part = m.Part, sha256 = Sha(m.Content) }),
    };

    private static byte[] Mp4(int size)
    {
        var bytes = new byte[size];
        RandomNumberGenerator.Fill(bytes);
        Encoding.ASCII.GetBytes("\0\0\0\x18" + "ftypmp42").CopyTo(bytes, 0);
        return bytes;
    }

    [Fact]
    public async Task AnEventIsStoredWithItsOriginalsAndAResendIsADuplicate()
    {
        var camera = await CameraAsync("AI-1");
        var snapshot = Snapshots.Jpeg("view");
        var clip = Mp4(300_000);
        var body = Event("evt-1", "smoking", ("snapshot", snapshot), ("clip", clip));

        var created = await PostAsync(camera, body, new Part("snapshot", "image/jpeg", snapshot), new Part("clip", "video/mp4", clip));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var receipt = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(receipt.GetProperty("duplicate").GetBoolean());
        Assert.True(receipt.GetProperty("usable").GetBoolean());
        Assert.Equal([Sha(snapshot), Sha(clip)], receipt.GetProperty("media").EnumerateArray().Select(m => m.GetProperty("sha256").GetString()!).ToArray());

        var again = await PostAsync(camera, body, new Part("snapshot", "image/jpeg", snapshot), new Part("clip", "video/mp4", clip));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());

        // Officers of the jurisdiction see the event and get the exact original back; others do not.
        var officer = await app.ClientForAsync("lx.officer1");
        var list = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{camera.Id}/events");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal("吸烟", list.GetProperty("items")[0].GetProperty("typeName").GetString());
        Assert.Equal(clip, await officer.GetByteArrayAsync($"/api/v1/devices/{camera.Id}/media/{Sha(clip)}"));
        var outsider = await app.ClientForAsync("ls.officer1");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/devices/{camera.Id}/media/{Sha(clip)}")).StatusCode);
    }

    [Fact]
    public async Task MediaOfTheWrongTypeSizeOrHashIsRefusedAndNothingIsKept()
    {
        var camera = await CameraAsync("AI-2");
        var snapshot = Snapshots.Jpeg("view");
        var text = "not an image"u8.ToArray();

        await AssertRefused(HttpStatusCode.UnsupportedMediaType, "ingest.media_type",
            await PostAsync(camera, Event("bad-1", "smoking", ("snapshot", text)), new Part("snapshot", "text/plain", text)));
        await AssertRefused(HttpStatusCode.UnsupportedMediaType, "ingest.media_signature",
            await PostAsync(camera, Event("bad-2", "smoking", ("snapshot", snapshot)), new Part("snapshot", "image/png", snapshot)));
        var other = Snapshots.Jpeg("panned");
        await AssertRefused(HttpStatusCode.UnprocessableEntity, "ingest.media_hash_mismatch",
            await PostAsync(camera, Event("bad-3", "smoking", ("snapshot", snapshot)), new Part("snapshot", "image/jpeg", other)));
        var huge = new byte[(5 * 1024 * 1024) + 1];
        snapshot.AsSpan(0, 3).CopyTo(huge);
        await AssertRefused(HttpStatusCode.RequestEntityTooLarge, "ingest.media_too_large",
            await PostAsync(camera, Event("bad-4", "smoking", ("snapshot", huge)), new Part("snapshot", "image/jpeg", huge)));
        await AssertRefused(HttpStatusCode.BadRequest, "validation_failed",
            await PostAsync(camera, Event("bad-5", "smoking", ("snapshot", snapshot))));
        await AssertRefused(HttpStatusCode.BadRequest, "validation_failed",
            await PostAsync(camera, Event("bad-6", "dancing")));

        await using var db = app.Db();
        Assert.False(await db.AiEvents.AnyAsync(e => e.DeviceId == camera.Id));
        var tmp = Path.Combine(app.DataDir, "objects", "tmp");
        Assert.True(!Directory.Exists(tmp) || Directory.GetFiles(tmp).Length == 0, "a refused upload left a temporary file");
    }

    [Fact]
    public async Task AWrongSignatureIsRefused()
    {
        var camera = await CameraAsync("AI-3");
        var response = await PostAsync((camera.Id, "wrong-secret"), Event("sig-1", "patrol"));
        await AssertRefused(HttpStatusCode.Unauthorized, "ingest.unauthenticated", response);
    }

    [Fact]
    public async Task ACoveredOrPannedCameraOpensOneIncidentPerKind()
    {
        var camera = await CameraAsync("AI-4");
        async Task Patrol(string id, string scene)
        {
            var jpeg = Snapshots.Jpeg(scene);
            var response = await PostAsync(camera, Event(id, "patrol", ("snapshot", jpeg)), new Part("snapshot", "image/jpeg", jpeg));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        async Task<List<DeviceIncident>> Incidents()
        {
            await using var db = app.Db();
            return await db.DeviceIncidents.Where(i => i.DeviceId == camera.Id).ToListAsync();
        }

        await Patrol("p-1", "view");       // first clear view becomes the baseline
        await Patrol("p-2", "view_again"); // same view, new noise: nothing
        Assert.Empty(await Incidents());
        await using (var db = app.Db())
        {
            Assert.Equal(CameraWatch.SystemReporter, (await db.CameraBaselines.SingleAsync(b => b.DeviceId == camera.Id)).SetBy);
        }

        await Patrol("p-3", "covered");
        await Patrol("p-4", "covered");    // still covered: the open incident stands, no duplicate
        await Patrol("p-5", "panned");
        var incidents = await Incidents();
        Assert.True(incidents.Count == 2, string.Join(" | ", incidents.Select(i => $"{i.Kind}: {i.Description}")));
        Assert.Equal([IncidentKind.Moved, IncidentKind.Obstructed], incidents.Select(i => i.Kind).Order().ToArray());
        Assert.All(incidents, i => Assert.Equal(CameraWatch.SystemReporter, i.ReportedBy));

        // After a lawful change of view an officer makes the latest snapshot the baseline.
        var reset = await (await app.ClientForAsync("lx.officer1")).PostAsync($"/api/v1/devices/{camera.Id}/cameras/cam1/baseline", null);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var view = await reset.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Sha(Snapshots.Jpeg("panned")), view.GetProperty("sourceSha256").GetString());
        Assert.Contains("lx.officer1", view.GetProperty("setBy").GetString());
    }

    private static async Task AssertRefused(HttpStatusCode status, string code, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {body}");
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }
}
