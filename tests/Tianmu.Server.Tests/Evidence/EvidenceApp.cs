using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Evidence;
using Tianmu.Server.Evidence;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Evidence;

/// <summary>Evidence helpers: officer uploads through the API, items recorded as of a past collection time, the stored file.</summary>
public static class TestEvidence
{
    public const string Pool = "济南奥体游泳健身有限公司";

    /// <summary>Uploads <paramref name="content"/> as <paramref name="officer"/> for the entity; the created item.</summary>
    public static async Task<JsonElement> UploadAsync(TianmuApp app, string officer, Guid entityId, byte[] content, string title = "现场照片", string persons = "张三 370102199001011234")
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(content) { Headers = { ContentType = new("image/png") } }, "file", "现场.png" },
            { new StringContent(entityId.ToString()), "entityId" },
            { new StringContent(title), "title" },
            { new StringContent("AudioVisual"), "form" },
            { new StringContent(DateTimeOffset.UtcNow.AddHours(-1).ToString("O", CultureInfo.InvariantCulture)), "factAt" },
            { new StringContent("泳池东侧"), "place" },
            { new StringContent(persons), "persons" },
        };
        var response = await (await app.ClientForAsync(officer)).PostAsync("/api/v1/evidence/", form);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>An item collected at <paramref name="collectedAt"/> (so its retention runs from then), as the collector would record it.</summary>
    public static async Task<EvidenceItem> RecordAsync(TianmuApp app, string entityName, byte[] content, DateTimeOffset collectedAt)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var objects = scope.ServiceProvider.GetRequiredService<IObjectStore>();
        var recorder = scope.ServiceProvider.GetRequiredService<EvidenceRecorder>();
        var sha = await objects.PutAsync(new MemoryStream(content), default);
        await using var db = app.Db();
        var entity = db.Entities.Single(e => e.Name == entityName);
        return (await recorder.RecordAsync(
            new EvidenceFacts(null, entity.AgencyId, entity.AgencyPath, entity.Id, entity.Name, "测试证据", EvidenceForm.Documentary, collectedAt, null, entity.Address, null),
            new StoredOriginal(sha, "application/octet-stream", "test.bin", content.Length),
            new Provenance(CaptureMethod.OfficerUpload, null, null, null, "test", null, collectedAt), default))!;
    }

    public static string PathOf(TianmuApp app, string sha256) => Path.Combine(app.DataDir, "objects", sha256[..2], sha256[2..4], sha256);
}
