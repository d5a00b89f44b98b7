using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Tianmu.Simulator.Signals;

namespace Tianmu.Simulator;

public sealed record SimForm(Guid Id, string Name, IReadOnlyList<FieldSpec> Fields, IReadOnlyList<string> Attachments, string Frequency, DateOnly EffectiveFrom, string CommitmentHash);

/// <summary>A form one of the account's entities must report on, and the state of the current period.</summary>
public sealed record SimDue(SimForm Form, Guid EntityId, string EntityName, DateOnly Period, string State);

/// <summary>The entity portal's self-report API, as one entity account; its token is renewed when it expires.</summary>
public sealed class PortalApi(HttpClient http, string user, string password)
{
    private string? token;

    public string User => user;

    public async Task<IReadOnlyList<SimDue>> DueAsync(CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "/api/v1/portal/self-reports/due"), ct);
        await EnsureAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<List<SimDue>>(ct))!;
    }

    /// <summary>Submits the report of a period, agreeing to the commitment (password re-confirmed); false when that period was already reported.</summary>
    public async Task<bool> SubmitAsync(SimDue due, DateOnly period, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var report = JsonSerializer.Serialize(new
        {
            formId = due.Form.Id,
            entityId = due.EntityId,
            period = period.ToString("yyyy-MM-dd"),
            values,
            commitmentHash = due.Form.CommitmentHash,
            agree = true,
            password, // signing the commitment re-confirms the account's password
        });
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/v1/portal/self-reports")
        {
            Content = new MultipartFormDataContent { { new StringContent(report), "report" } },
        }, ct);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        await EnsureAsync(response, ct);
        return true;
    }

    /// <summary>Sends with the account's token, signing in first and again once when the token has expired.</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            token ??= await new TianmuApi(http).TokenAsync(user, password, ct);
            using var request = build();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await http.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.Unauthorized || attempt > 0)
            {
                return response;
            }

            response.Dispose();
            token = null;
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"HTTP {(int)response.StatusCode}：{await response.Content.ReadAsStringAsync(ct)}");
        }
    }
}
