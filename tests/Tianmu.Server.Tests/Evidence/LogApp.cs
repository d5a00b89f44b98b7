using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Evidence.Log;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Evidence;

/// <summary>A server whose evidence-log appender polls quickly and which publishes tree heads only on demand.</summary>
public class LogApp : TianmuApp
{
    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Tianmu:EvidenceLog:AppendPollMilliseconds", "50");
        builder.UseSetting("Tianmu:EvidenceLog:TreeHeadIntervalSeconds", "0");
    }
}

/// <summary>The same with SM3 leaves and SM2-signed heads (国密).</summary>
public sealed class Sm2LogApp : LogApp
{
    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.UseSetting("Tianmu:EvidenceLog:Hash", "sm3");
        builder.UseSetting("Tianmu:EvidenceLog:Signature", "sm2");
    }
}

/// <summary>What the evidence-log tests do through the database and the API.</summary>
public static class LogSteps
{
    /// <summary>Writes audit records straight into the table, as any code path would: the trigger must queue them.</summary>
    public static async Task<List<long>> AddAuditRecordsAsync(TianmuApp app, int count, string action = "test.logged")
    {
        await using var db = app.Db();
        var records = Enumerable.Range(0, count)
            .Select(i => new AuditRecord(DateTimeOffset.UtcNow, AuditActor.System, action, "test_thing", $"thing-{i}", $$"""{"n":[null,{{i}}],"名称":[null,"记录"]}"""))
            .ToList();
        db.AuditRecords.AddRange(records);
        await db.SaveChangesAsync();
        return [.. records.Select(r => r.Id)];
    }

    public static async Task WaitForEmptyQueueAsync(TianmuApp app)
    {
        for (var i = 0; i < 400; i++)
        {
            await using var db = app.Db();
            if (!await db.LogQueue.AnyAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("the evidence-log queue did not drain within 20 s");
    }

    public static async Task<JsonElement> PublishAsync(TianmuApp app)
    {
        var admin = await app.ClientForAsync("sd.admin");
        var response = await admin.PostAsync("/api/v1/evidence-log/tree-heads", null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> GetAsync(TianmuApp app, string path)
    {
        var staff = await app.ClientForAsync("jn.officer1");
        var response = await staff.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Checks a head's signature with the public key the API lists for its key id.</summary>
    public static async Task AssertSignedAsync(TianmuApp app, JsonElement head)
    {
        var keys = await GetAsync(app, "/api/v1/evidence-log/keys");
        var keyId = head.GetProperty("keyId").GetString();
        var key = keys.EnumerateArray().Single(k => k.GetProperty("keyId").GetString() == keyId);
        var signed = new SignedTreeHead(
            new TreeHead(head.GetProperty("treeSize").GetInt64(), Bytes(head, "rootHash"), DateTimeOffset.FromUnixTimeMilliseconds(head.GetProperty("timestampMs").GetInt64()),
                LogHasher.ForName(head.GetProperty("hashAlgorithm").GetString()!)!.Algorithm),
            keyId!, LogSignatures.ForName(head.GetProperty("signatureAlgorithm").GetString()!)!.Value, Bytes(head, "signature"));
        var publicKey = Convert.FromBase64String(key.GetProperty("publicKey").GetString()!);
        Assert.True(LogSignatures.Verify(signed, publicKey), "the tree head's signature must verify");
        Assert.False(LogSignatures.Verify(signed with { Head = signed.Head with { Size = signed.Head.Size + 1 } }, publicKey));
    }

    public static byte[] Bytes(JsonElement e, string name) => Convert.FromHexString(e.GetProperty(name).GetString()!);

    public static List<byte[]> ProofPath(JsonElement proof) => [.. proof.GetProperty("path").EnumerateArray().Select(p => Convert.FromHexString(p.GetString()!))];
}
