using System.Text.Json.Nodes;
using Tianmu.Evidence.Log;

namespace Tianmu.Evidence.Export;

/// <summary>
/// 刻录光盘 (S17) — what goes on the evidence disc of one case: the originals, what the log proves about
/// them (leaf data, inclusion proofs up to one signed tree head) and the key that signed that head.
/// </summary>
/// <remarks>
/// <para>Title: Shown on the verifier page and in README.txt, e.g. "某某游泳馆案 证据光盘".</para>
/// <para>CaseReference: The case number (案号) or another reference of what is exported.</para>
/// <para>Exporter: Who exported it (name and badge), for the record on the disc.</para>
/// <para>TreeHead: The signed tree head every proof of the package leads to.</para>
/// <para>PublicKeySpki: The log's public key (X.509 SubjectPublicKeyInfo, DER) that signed the head.</para>
/// </remarks>
public sealed record EvidencePackage(
    string Title,
    string CaseReference,
    string Exporter,
    DateTimeOffset ExportedAt,
    SignedTreeHead TreeHead,
    byte[] PublicKeySpki,
    IReadOnlyList<PackageItem> Items);

/// <summary>
/// One evidence item of the package with its original and its place in the log.
/// </summary>
/// <remarks>
/// <para>Elements: The item's elements (fact time, place, persons, form, capture method, provenance…), passed through to the manifest as given.</para>
/// <para>Sha256: Lowercase hex SHA-256 of the original.</para>
/// <para>FileName: The original's file name; only its extension is used on the disc.</para>
/// <para>OpenContent: Opens the original's bytes; the writer re-hashes them and refuses a mismatch.</para>
/// <para>LeafData: The canonical bytes the log hashed for the item: a UTF-8 JSON object whose "sha256" names the original (see docs/ARCHITECTURE.md).</para>
/// <para>InclusionProof: RFC 9162 inclusion proof of the leaf for the tree head's size.</para>
/// <para>LeafKey: Which top-level string of the leaf data names the original: "sha256" (null, evidence items and
/// case files), or "pdfSha256" / "signatureSha256" for an issued document's PDF and its signature.</para>
/// </remarks>
public sealed record PackageItem(
    string Id,
    string Title,
    JsonObject Elements,
    string Sha256,
    string FileName,
    Func<CancellationToken, Task<Stream>> OpenContent,
    byte[] LeafData,
    long LeafIndex,
    IReadOnlyList<byte[]> InclusionProof,
    string? LeafKey = null)
{
    /// <summary>Content from the write-once object store (which re-checks the hash on read).</summary>
    public static Func<CancellationToken, Task<Stream>> FromStore(IObjectStore store, string sha256) => async ct =>
        new MemoryStream(await store.ReadAsync(sha256, ct) ?? throw new PackageExportException($"对象库中没有原件 {sha256}，无法导出。"), writable: false);
}

/// <summary>What the disc is written as.</summary>
public enum PackageFormat
{
    /// <summary>A plain folder, e.g. to burn with the operating system's own tool.</summary>
    Directory,
    Zip,

    /// <summary>ISO 9660 with Rock Ridge and Joliet (long names), made by xorriso or genisoimage.</summary>
    Iso,
}

/// <summary>An export that cannot be made (missing original, a proof that does not hold, no ISO tool).</summary>
public sealed class PackageExportException(string message, Exception? inner = null) : Exception(message, inner);
