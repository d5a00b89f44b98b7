using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Common;
using Tianmu.Server.Payments;
using Tianmu.Server.Tests.Cases;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Payments;

/// <summary>
/// Payment helpers: a case decided on the spot and served by the officer (no electronic service needed), its payment
/// notice, and callbacks signed as the payment platform signs them. ent.demo acts for <see cref="Own"/>.
/// </summary>
public static class TestPayments
{
    public const string Own = "济南泉城游泳馆有限公司";
    public const string Other = "济南明湖水上运动中心";

    public static DateOnly Today => ChinaTime.DateOf(DateTimeOffset.UtcNow);

    /// <summary>A simple-procedure case against <paramref name="entity"/>, fined <paramref name="fine"/> 元 on the spot and served directly.</summary>
    public static async Task<Guid> ServedAsync(TianmuApp app, string entity, decimal fine)
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var id = TestCases.IdOf(await TestCases.OpenAsync(officer, await app.EntityIdAsync(entity), procedure: "Simple"));
        var assigned = await officer.PutAsJsonAsync($"/api/v1/cases/{id}/investigators", new { investigators = new[] { await app.UserIdAsync("lx.officer1"), await app.UserIdAsync("lx.officer2") } });
        Assert.True(assigned.IsSuccessStatusCode, await assigned.Content.ReadAsStringAsync());
        await TestCases.IssueAsync(officer, id, "OnTheSpotDecision");
        await TestCases.StepAsync(officer, id, new { action = "DecideOnTheSpot", penalty = new { fine }, basis = "《公共场所卫生管理条例实施细则》第三十六条", factsClear = true });
        Assert.Equal("Served", TestCases.StageOf(await TestCases.StepAsync(officer, id, new { action = "RecordService", serviceMethod = "直接送达" })));
        return id;
    }

    /// <summary>The case's payment notice as staff see it (issued now if the background round has not yet).</summary>
    public static async Task<JsonElement> NoticeAsync(TianmuApp app, Guid caseId)
    {
        var response = await (await app.ClientForAsync("lx.officer1")).GetAsync($"/api/v1/cases/{caseId}/payment");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<string> CodeAsync(TianmuApp app, Guid caseId) => (await NoticeAsync(app, caseId)).GetProperty("code").GetString()!;

    public static async Task<JsonElement> CaseAsync(TianmuApp app, Guid caseId) =>
        await (await app.ClientForAsync("lx.officer1")).GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");

    public static string Body(string transactionId, string code, decimal amount, DateTimeOffset? paidAt = null, string channel = "网上银行") =>
        JsonSerializer.Serialize(new { transactionId, paymentCode = code, amount, paidAt = paidAt ?? DateTimeOffset.UtcNow, channel });

    public static string NewTransaction() => $"TX{Guid.NewGuid():N}"[..24];

    /// <summary>The request as the platform sends it: timestamp, nonce and HMAC-SHA256 over both and the raw body.</summary>
    public static HttpRequestMessage Signed(string body, string secret, DateTimeOffset? at = null, string? nonce = null, string? signedBody = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        nonce ??= Guid.NewGuid().ToString("N");
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var signature = Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n{signedBody ?? body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/callback") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(PaymentCallback.TimestampHeader, timestamp);
        request.Headers.Add(PaymentCallback.NonceHeader, nonce);
        request.Headers.Add(PaymentCallback.SignatureHeader, signature);
        return request;
    }

    /// <summary>The deployment's generated secret (the embedded default: {DataDir}/keys/payment-callback.key).</summary>
    public static string Secret(TianmuApp app)
    {
        _ = app.Services.GetRequiredService<PaymentSecret>(); // created on first use
        return File.ReadAllText(Path.Combine(app.DataDir, "keys", "payment-callback.key")).Trim();
    }

    public static async Task<JsonElement> PayAsync(TianmuApp app, string code, decimal amount, DateTimeOffset? paidAt = null, string? transactionId = null)
    {
        var response = await app.Anonymous().SendAsync(Signed(Body(transactionId ?? NewTransaction(), code, amount, paidAt), Secret(app)));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
