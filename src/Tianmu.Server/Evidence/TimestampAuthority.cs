using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace Tianmu.Server.Evidence;

/// <summary>
/// RFC 3161 time-stamping of tree heads by the authority at Tianmu:EvidenceLog:TimestampAuthorityUrl:
/// the head's signing message is hashed (SHA-256), sent as a time-stamp query, and the returned token
/// (CMS SignedData, DER) is checked against the query — imprint, nonce — before it is kept with the head.
/// </summary>
public sealed class TimestampAuthority(IHttpClientFactory http, EvidenceLogOptions options, ILogger<TimestampAuthority> log)
{
    public const string ClientName = "evidence-log-tsa";

    public bool Configured => options.TimestampAuthorityUrl is { Length: > 0 };

    /// <summary>The token for the message, or null when no authority is configured or it did not answer properly (logged).</summary>
    public async Task<byte[]?> StampAsync(byte[] message, CancellationToken ct)
    {
        if (options.TimestampAuthorityUrl is not { Length: > 0 } url)
        {
            return null;
        }

        var request = Rfc3161TimestampRequest.CreateFromData(message, HashAlgorithmName.SHA256, requestSignerCertificates: true, nonce: RandomNumberGenerator.GetBytes(8));
        try
        {
            using var content = new ByteArrayContent(request.Encode());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
            using var response = await http.CreateClient(ClientName).PostAsync(url, content, ct);
            response.EnsureSuccessStatusCode();
            var token = request.ProcessResponse(await response.Content.ReadAsByteArrayAsync(ct), out _);
            return token.AsSignedCms().Encode();
        }
        catch (Exception e) when (e is HttpRequestException or CryptographicException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // The head is signed either way; a missing token is visible in the head (timestampToken null).
            log.LogWarning(e, "Time-stamping authority {Url} gave no valid token; the tree head is published without one", url);
            return null;
        }
    }
}
