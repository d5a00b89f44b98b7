using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Tianmu.Evidence.Export;

/// <summary>
/// manifest.json of an evidence disc. Field order is the declaration order and never changes within a
/// format version; names are snake_case. Everything the verifiers check is here; what the log signs is
/// only the tree head and, through the proofs, each item's leaf data.
/// </summary>
public sealed record PackageManifest(
    string Format,
    string Title,
    string CaseReference,
    string Exporter,
    DateTimeOffset ExportedAt,
    string HashAlgorithm,
    string SignatureAlgorithm,
    ManifestTreeHead TreeHead,
    ManifestKey PublicKey,
    IReadOnlyList<ManifestItem> Items)
{
    public const string FormatVersion = "tianmu-evidence-package/1";

    public const string FileName = "manifest.json";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        IndentSize = 2,
        // Chinese stays readable in the file; the page embeds it with '<' escaped (VerifierPage).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Json);
}

/// <remarks>
/// <para>RootHash: Lowercase hex.</para>
/// <para>Timestamp: Unix milliseconds, exactly as in the signed message.</para>
/// <para>Signature: Base64: IEEE P1363 r||s for ecdsa-p256, DER for sm2.</para>
/// </remarks>
public sealed record ManifestTreeHead(long Size, string RootHash, long Timestamp, string Signature);

/// <remarks>
/// <para>Spki: Base64 of the SubjectPublicKeyInfo (DER).</para>
/// <para>Fingerprint: Lowercase hex SHA-256 of the SPKI bytes, to compare with the agency's published key.</para>
/// </remarks>
public sealed record ManifestKey(string KeyId, string Spki, string Fingerprint);

/// <remarks>
/// <para>File: Path on the disc: objects/{sha256}{.ext}.</para>
/// <para>LeafData: Base64 of the canonical bytes the log hashed.</para>
/// <para>LeafHash: Hex RFC 9162 leaf hash of the leaf data, to look the leaf up in the online log.</para>
/// <para>InclusionProof: Hex hashes, from the leaf up.</para>
/// <para>LeafKey: The leaf data's string naming the original when it is not "sha256" (a document's "pdfSha256" or
/// "signatureSha256"); absent for evidence items, so their entries are unchanged.</para>
/// </remarks>
public sealed record ManifestItem(
    string Id,
    string Title,
    JsonObject Elements,
    string File,
    long Size,
    string Sha256,
    long LeafIndex,
    string LeafData,
    string LeafHash,
    IReadOnlyList<string> InclusionProof,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LeafKey = null);
