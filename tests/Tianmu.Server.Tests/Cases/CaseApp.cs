using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tianmu.Documents;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Cases;

/// <summary>Case helpers: opening a case, taking steps, issuing the case's documents.</summary>
public static class TestCases
{
    public const string Pool = "济南明湖水上运动中心";

    public static async Task<JsonElement> OpenAsync(HttpClient officer, Guid entityId, string procedure = "General", string source = "OwnFinding", string? sourceRef = null)
    {
        var response = await officer.PostAsJsonAsync("/api/v1/cases", new
        {
            entityId,
            title = "未按规定对游泳池水进行消毒",
            source,
            sourceRef,
            summary = "在线监测显示游离性余氯持续低于 0.3 mg/L。",
            procedure,
            violationEndedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)),
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Guid IdOf(JsonElement detail) => detail.GetProperty("summary").GetProperty("id").GetGuid();

    public static string StageOf(JsonElement detail) => detail.GetProperty("summary").GetProperty("stage").GetString()!;

    public static Task<HttpResponseMessage> ActAsync(HttpClient client, Guid caseId, object input) =>
        client.PostAsJsonAsync($"/api/v1/cases/{caseId}/actions", input);

    /// <summary>Takes a step that must succeed; the case afterwards.</summary>
    public static async Task<JsonElement> StepAsync(HttpClient client, Guid caseId, object input)
    {
        var response = await ActAsync(client, caseId, input);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Takes a step that must be refused with <paramref name="code"/>.</summary>
    public static async Task<Problem> RefusedAsync(HttpClient client, Guid caseId, object input, string code, HttpStatusCode status = HttpStatusCode.UnprocessableEntity)
    {
        var problem = await Problem.ReadAsync(await ActAsync(client, caseId, input), status);
        Assert.Equal(code, problem.Code);
        return problem;
    }

    /// <summary>
    /// Drafts the case's document of <paramref name="type"/> pre-filled from the case, completes the required
    /// fields the case cannot know (as the officer would), and issues it.
    /// </summary>
    public static async Task<JsonElement> IssueAsync(HttpClient officer, Guid caseId, string type)
    {
        var drafted = await officer.PostAsJsonAsync($"/api/v1/cases/{caseId}/documents", new { type });
        Assert.True(drafted.StatusCode == HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        var draft = await drafted.Content.ReadFromJsonAsync<JsonElement>();
        var id = draft.GetProperty("id").GetGuid();
        var fields = draft.GetProperty("fields").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        var missing = DocumentTypes.Of(Enum.Parse<DocumentType>(type)).Fields.Where(f => f.Required && string.IsNullOrWhiteSpace(fields.GetValueOrDefault(f.Key))).ToList();
        if (missing.Count > 0)
        {
            foreach (var f in missing)
            {
                fields[f.Key] = $"（承办人填写的{f.Label}）";
            }

            var completed = await officer.PutAsJsonAsync($"/api/v1/documents/{id}", new { fields });
            Assert.True(completed.StatusCode == HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
        }

        var issued = await officer.PostAsync($"/api/v1/documents/{id}/issue", null);
        Assert.True(issued.StatusCode == HttpStatusCode.OK, await issued.Content.ReadAsStringAsync());
        return await issued.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// A simple-procedure case with one evidence item, fined 100 元 on the spot, served, paid, closed and archived
    /// (its case file assembled at archiving); returns the case and the item.
    /// </summary>
    public static async Task<(Guid Case, Guid Item)> ArchivedAsync(TianmuApp app)
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var entityId = await app.EntityIdAsync(Pool);
        var id = IdOf(await OpenAsync(officer, entityId, procedure: "Simple"));
        var assigned = await officer.PutAsJsonAsync($"/api/v1/cases/{id}/investigators", new { investigators = new[] { await app.UserIdAsync("lx.officer1"), await app.UserIdAsync("lx.officer2") } });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        var item = (await Evidence.TestEvidence.UploadAsync(app, "lx.officer1", entityId, [.. Guid.NewGuid().ToByteArray()], title: "案卷测试现场照片")).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/cases/{id}/evidence", new { itemIds = new[] { item } })).StatusCode);
        await IssueAsync(officer, id, "OnTheSpotDecision");
        await StepAsync(officer, id, new { action = "DecideOnTheSpot", penalty = new { fine = 100m }, basis = "《公共场所卫生管理条例实施细则》第三十六条", factsClear = true });
        await StepAsync(officer, id, new { action = "RecordService", serviceMethod = "直接送达" });
        await StepAsync(officer, id, new { action = "RecordPayment", amount = 100m });
        await IssueAsync(officer, id, "ClosingReport");
        await StepAsync(await app.ClientForAsync("lx.head"), id, new { action = "Close" });
        Assert.Equal("Archived", StageOf(await StepAsync(officer, id, new { action = "Archive" })));
        return (id, item);
    }
}
