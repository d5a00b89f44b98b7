using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Evidence.Log;
using Tianmu.Persistence;
using Tianmu.Server.Api;

namespace Tianmu.Server.Evidence;

/// <summary>A signed tree head as the API shows it: hashes and signature in lowercase hex, the time also in Unix milliseconds (what is signed).</summary>
public sealed record TreeHeadView(
    long Id, long TreeSize, string RootHash, DateTimeOffset Timestamp, long TimestampMs, string HashAlgorithm, string KeyId,
    string SignatureAlgorithm, string Signature, string SigningMessage, string? TimestampToken)
{
    public static TreeHeadView From(LogTreeHeadRecord h) => new(
        h.Id, h.TreeSize, Hex(h.RootHash), h.IssuedAt, h.IssuedAt.ToUnixTimeMilliseconds(), h.HashAlgorithm, h.KeyId, h.SignatureAlgorithm,
        Hex(h.Signature), System.Text.Encoding.ASCII.GetString(h.ToSigned().Head.SigningMessage()), h.TimestampToken is null ? null : Convert.ToBase64String(h.TimestampToken));

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}

/// <summary>A signing key's public half: SubjectPublicKeyInfo DER in Base64 (PEM body).</summary>
public sealed record LogKeyView(string KeyId, string Algorithm, string PublicKey, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt);

public sealed record InclusionProofView(string Kind, string Ref, long LeafIndex, long TreeSize, string LeafHash, IReadOnlyList<string> Path, string RootHash, TreeHeadView? TreeHead);

public sealed record ConsistencyProofView(long First, long Second, IReadOnlyList<string> Path, string FirstRoot, string SecondRoot);

/// <summary>The stored leaf beside one recomputed from the row as it is now; a difference means the row was changed.</summary>
public sealed record LeafCheckView(string Kind, string Ref, long LeafIndex, bool RowFound, bool Matches, string StoredLeafHash, string? CurrentLeafHash);

public sealed record InclusionQuery(string? Kind, string? Ref, long? Index, long? Size);

public sealed record ConsistencyQuery(long? First, long? Second);

public sealed record LeafQuery(string? Kind, string? Ref);

public sealed record HeadsQuery(int? Page, int? PageSize);

/// <summary>Tree heads, keys, proofs and leaf re-checks, read from the database and this node's up-to-date tree.</summary>
public sealed class LogProofs(TianmuDb db, EvidenceLog evidenceLog, IEnumerable<ILogLeafSource> sources)
{
    public async Task<Paged<TreeHeadView>> HeadsAsync(HeadsQuery query, CancellationToken ct) =>
        (await db.LogTreeHeads.AsNoTracking().OrderByDescending(h => h.Id).PageAsync(query.Page, query.PageSize, ct)).Map(TreeHeadView.From);

    public async Task<Result<TreeHeadView>> LatestAsync(CancellationToken ct) =>
        await db.LogTreeHeads.AsNoTracking().OrderByDescending(h => h.Id).FirstOrDefaultAsync(ct) is { } head
            ? TreeHeadView.From(head)
            : NoTreeHead;

    public async Task<IReadOnlyList<LogKeyView>> KeysAsync(CancellationToken ct) =>
        [.. (await db.LogKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(ct))
            .Select(k => new LogKeyView(k.KeyId, k.Algorithm, Convert.ToBase64String(k.PublicKey), k.CreatedAt, k.RetiredAt))];

    /// <summary>Inclusion of a leaf, named by (kind, ref) or by index, in the tree of the given size (default: the latest head's).</summary>
    public async Task<Result<InclusionProofView>> InclusionAsync(InclusionQuery query, CancellationToken ct)
    {
        LogLeaf? leaf;
        if (query.Index is { } index)
        {
            leaf = await db.LogLeaves.AsNoTracking().SingleOrDefaultAsync(l => l.LeafIndex == index, ct);
        }
        else if (!string.IsNullOrWhiteSpace(query.Kind) && !string.IsNullOrWhiteSpace(query.Ref))
        {
            leaf = await db.LogLeaves.AsNoTracking().SingleOrDefaultAsync(l => l.Kind == query.Kind && l.Ref == query.Ref, ct);
        }
        else
        {
            return Error.Validation("ref", "请给出 kind 与 ref，或叶子序号 index。");
        }

        if (leaf is null)
        {
            return await NotLoggedAsync(query.Kind, query.Ref, ct);
        }

        var head = query.Size is null ? await db.LogTreeHeads.AsNoTracking().OrderByDescending(h => h.Id).FirstOrDefaultAsync(ct) : null;
        var size = query.Size ?? head?.TreeSize;
        if (size is null)
        {
            return NoTreeHead;
        }

        if (leaf.LeafIndex >= size)
        {
            return Error.Conflict("log_leaf_after_tree_head", $"该记录是日志的第 {leaf.LeafIndex + 1} 个叶子，在规模为 {size} 的树之后写入；请待下一个签名树头发布后再取证明，或指定更大的 size。");
        }

        var proof = await evidenceLog.ReadAsync(t => size <= t.Count ? new Proof(t.InclusionProof(leaf.LeafIndex, size.Value), t.Root(size.Value), []) : null, ct);
        if (proof is null)
        {
            return SizeTooLarge(size.Value);
        }

        head ??= await db.LogTreeHeads.AsNoTracking().Where(h => h.TreeSize == size).OrderByDescending(h => h.Id).FirstOrDefaultAsync(ct);
        return new InclusionProofView(leaf.Kind, leaf.Ref, leaf.LeafIndex, size.Value, TreeHeadView.Hex(leaf.LeafHash),
            [.. proof.Path.Select(TreeHeadView.Hex)], TreeHeadView.Hex(proof.Root), head is null ? null : TreeHeadView.From(head));
    }

    public async Task<Result<ConsistencyProofView>> ConsistencyAsync(ConsistencyQuery query, CancellationToken ct)
    {
        if (query is not { First: { } first, Second: { } second } || first < 1 || first > second)
        {
            return Error.Validation("first", "须给出 first 与 second，且 1 ≤ first ≤ second。");
        }

        var proof = await evidenceLog.ReadAsync(t => second <= t.Count ? new Proof(t.ConsistencyProof(first, second), t.Root(second), t.Root(first)) : null, ct);
        return proof is null
            ? SizeTooLarge(second)
            : new ConsistencyProofView(first, second, [.. proof.Path.Select(TreeHeadView.Hex)], TreeHeadView.Hex(proof.FirstRoot), TreeHeadView.Hex(proof.Root));
    }

    /// <summary>Recomputes the leaf of a logged row from its current data and compares it with the stored leaf hash.</summary>
    public async Task<Result<LeafCheckView>> CheckAsync(LeafQuery query, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(query.Kind) || string.IsNullOrWhiteSpace(query.Ref))
        {
            return Error.Validation("ref", "请给出 kind 与 ref。");
        }

        var leaf = await db.LogLeaves.AsNoTracking().SingleOrDefaultAsync(l => l.Kind == query.Kind && l.Ref == query.Ref, ct);
        if (leaf is null)
        {
            return await NotLoggedAsync(query.Kind, query.Ref, ct);
        }

        var source = sources.FirstOrDefault(s => s.Kind == leaf.Kind);
        byte[]? current = null;
        if (source is not null && (await source.LeafDataAsync(db, [leaf.Ref], ct)).TryGetValue(leaf.Ref, out var data))
        {
            current = evidenceLog.Hasher.HashLeaf(data);
        }

        return new LeafCheckView(leaf.Kind, leaf.Ref, leaf.LeafIndex, current is not null, current is not null && current.AsSpan().SequenceEqual(leaf.LeafHash),
            TreeHeadView.Hex(leaf.LeafHash), current is null ? null : TreeHeadView.Hex(current));
    }

    private async Task<Error> NotLoggedAsync(string? kind, string? reference, CancellationToken ct) =>
        kind is not null && reference is not null && await db.LogQueue.AnyAsync(q => q.Kind == kind && q.Ref == reference, ct)
            ? Error.Conflict("log_leaf_pending", "该记录仍在排队等待写入证据日志，请稍后再试。")
            : Error.NotFound("证据日志中的该记录");

    private sealed record Proof(IReadOnlyList<byte[]> Path, byte[] Root, byte[] FirstRoot);

    private static Error NoTreeHead => new(ErrorKind.NotFound, "log_no_tree_head", "证据日志尚未发布签名树头。");

    private static Error SizeTooLarge(long size) =>
        Error.Unprocessable("log_size_too_large", $"证据日志目前没有 {size} 个叶子，无法给出该规模的证明。");
}
