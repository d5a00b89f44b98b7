using Tianmu.Evidence.Log;
using Tianmu.Server.Hosting;

namespace Tianmu.Server.Evidence;

/// <summary>
/// The evidence log (section Tianmu:EvidenceLog). Hash: sha256 (default) or sm3, fixed once the log has
/// leaves. Signature: ecdsa-p256 (default) or sm2, the algorithm of a newly created key file.
/// </summary>
public sealed class EvidenceLogOptions
{
    public string Hash { get; set; } = "sha256";

    public string Signature { get; set; } = "ecdsa-p256";

    /// <summary>How often a signed tree head is published when the log has grown; 0 or less: only on demand.</summary>
    public double TreeHeadIntervalSeconds { get; set; } = 60;

    /// <summary>How often the appender looks at an empty queue; a non-empty queue is drained without waiting.</summary>
    public double AppendPollMilliseconds { get; set; } = 500;

    /// <summary>Queue rows appended in one transaction.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>Optional RFC 3161 time-stamping authority; each tree head's signing message is time-stamped there.</summary>
    public string? TimestampAuthorityUrl { get; set; }

    public int TimestampTimeoutSeconds { get; set; } = 10;

    public LogHasher Hasher => LogHasher.ForName(Hash)!;

    public LogSignatureAlgorithm SignatureAlgorithm => LogSignatures.ForName(Signature)!.Value;

    /// <summary>Reads and checks the section once, at start-up; a bad value is one sentence for the operator.</summary>
    public static EvidenceLogOptions From(IConfiguration configuration)
    {
        EvidenceLogOptions options;
        try
        {
            options = configuration.GetSection("Tianmu:EvidenceLog").Get<EvidenceLogOptions>() ?? new EvidenceLogOptions();
        }
        catch (InvalidOperationException)
        {
            throw new ConfigurationProblem("Tianmu:EvidenceLog 中有无法识别的取值，数值项须为数字。");
        }

        options.Hash = options.Hash.Trim().ToLowerInvariant();
        options.Signature = options.Signature.Trim().ToLowerInvariant();
        if (LogHasher.ForName(options.Hash) is null)
        {
            throw new ConfigurationProblem($"Tianmu:EvidenceLog:Hash 的值“{options.Hash}”无效，只能是 sha256 或 sm3。");
        }

        if (LogSignatures.ForName(options.Signature) is null)
        {
            throw new ConfigurationProblem($"Tianmu:EvidenceLog:Signature 的值“{options.Signature}”无效，只能是 ecdsa-p256 或 sm2。");
        }

        if (options.BatchSize is < 1 or > 100_000 || options.AppendPollMilliseconds is < 10 or > 60_000 || options.TimestampTimeoutSeconds is < 1 or > 300)
        {
            throw new ConfigurationProblem("Tianmu:EvidenceLog 的取值无效：BatchSize 须为 1–100000，AppendPollMilliseconds 须为 10–60000，TimestampTimeoutSeconds 须为 1–300。");
        }

        if (options.TimestampAuthorityUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            throw new ConfigurationProblem($"Tianmu:EvidenceLog:TimestampAuthorityUrl 的值“{url}”无效，须为 http 或 https 地址。");
        }

        return options;
    }
}
