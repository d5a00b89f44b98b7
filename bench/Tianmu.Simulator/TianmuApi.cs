using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Tianmu.Simulator;

public sealed record SimParameter(string Code);

public sealed record SimSummary(Guid Id, string EntityName, string Type, string Status);

/// <summary>The few fields of the server's device detail the simulator needs.</summary>
public sealed record SimDevice(SimSummary Summary, string Protocol, string? Hj212Mn, IReadOnlyList<SimParameter> Parameters);

/// <summary>The staff API, as an administrator: find the active devices and issue their HTTP credentials.</summary>
public sealed class TianmuApi(HttpClient http)
{
    private sealed record Token(string Access_token);

    private sealed record Page(IReadOnlyList<SimSummary> Items, int Total);

    private sealed record Credential(string Secret);

    /// <summary>Waits for /healthz, for a simulator started beside a server that is still starting.</summary>
    public async Task WaitHealthyAsync(TimeSpan patience, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/healthz", ct)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // not listening yet
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"服务器 {http.BaseAddress} 在 {patience.TotalSeconds:0} 秒内未就绪。");
            }

            await Task.Delay(500, ct);
        }
    }

    public async Task SignInAsync(string user, string password, CancellationToken ct) =>
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(user, password, ct));

    /// <summary>A bearer token of the user, for a client that acts as several users on one <see cref="HttpClient"/>.</summary>
    public async Task<string> TokenAsync(string user, string password, CancellationToken ct)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password }, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"以 {user} 登录失败（HTTP {(int)response.StatusCode}）：{await response.Content.ReadAsStringAsync(ct)}");
        }

        return (await response.Content.ReadFromJsonAsync<Token>(ct))!.Access_token;
    }

    /// <summary>Every active device in the user's jurisdiction, with its protocol and parameters.</summary>
    public async Task<IReadOnlyList<SimDevice>> ActiveDevicesAsync(CancellationToken ct)
    {
        var summaries = new List<SimSummary>();
        for (var page = 1; ; page++)
        {
            var result = await http.GetFromJsonAsync<Page>($"/api/v1/devices?status=Active&pageSize=200&page={page}", ct);
            summaries.AddRange(result!.Items);
            if (result.Items.Count == 0 || summaries.Count >= result.Total)
            {
                break;
            }
        }

        var devices = new List<SimDevice>();
        foreach (var s in summaries)
        {
            devices.Add((await http.GetFromJsonAsync<SimDevice>($"/api/v1/devices/{s.Id}", ct))!);
        }

        return devices;
    }

    /// <summary>Issues a fresh ingest secret (the server shows it only once; any earlier secret stops working).</summary>
    public async Task<string> IssueCredentialAsync(Guid deviceId, CancellationToken ct)
    {
        var response = await http.PostAsync($"/api/v1/devices/{deviceId}/credential", null, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Credential>(ct))!.Secret;
    }
}
