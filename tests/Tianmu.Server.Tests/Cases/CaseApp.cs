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
}
