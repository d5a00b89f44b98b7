using System.Security.Cryptography.Pkcs;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using static Tianmu.Server.Tests.Evidence.LogSteps;

namespace Tianmu.Server.Tests.Evidence;

/// <summary>A server whose tree heads are time-stamped by a local RFC 3161 authority.</summary>
public sealed class TimestampedLogApp : LogApp
{
    public TestTimestampAuthority Tsa { get; } = new();

    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.UseSetting("Tianmu:EvidenceLog:TimestampAuthorityUrl", Tsa.Url);
    }

    protected override Task BeforeDisposeAsync()
    {
        Tsa.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class TimestampTests(TimestampedLogApp app) : IClassFixture<TimestampedLogApp>
{
    [Fact]
    public async Task EachTreeHeadCarriesATimeStampTokenOverItsSigningMessage()
    {
        await AddAuditRecordsAsync(app, 3);
        await WaitForEmptyQueueAsync(app);
        var head = await PublishAsync(app);
        Assert.Equal(1, app.Tsa.Requests);

        var tokenBytes = Convert.FromBase64String(head.GetProperty("timestampToken").GetString()!);
        Assert.True(Rfc3161TimestampToken.TryDecode(tokenBytes, out var token, out _));
        var message = Encoding.ASCII.GetBytes(head.GetProperty("signingMessage").GetString()!);
        Assert.True(token!.VerifySignatureForData(message, out var signer), "the token must be signed over this head's message");
        Assert.Equal("CN=Tianmu Test TSA", signer!.Subject);
        Assert.Equal("2.16.840.1.101.3.4.2.1", token.TokenInfo.HashAlgorithmId.Value); // SHA-256 imprint
        Assert.True(Math.Abs((token.TokenInfo.Timestamp - DateTimeOffset.FromUnixTimeMilliseconds(head.GetProperty("timestampMs").GetInt64())).TotalMinutes) < 5);
        Assert.False(token.VerifySignatureForData([.. message, (byte)'x'], out _), "another message must not match the token");
    }
}
