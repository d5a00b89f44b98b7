using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Evidence;

/// <summary>
/// The evidence log's API: signed tree heads and the keys that check them, inclusion and consistency
/// proofs (RFC 9162), and the re-check of a logged row. Staff may read; only administrators publish on demand.
/// </summary>
public static class EvidenceLogEndpoints
{
    public static void MapEvidenceLogEndpoints(this RouteGroupBuilder api)
    {
        var log = api.MapGroup("/evidence-log").WithTags("证据日志").RequireAuthorization(Authz.Staff);
        log.MapGet("/tree-heads/latest", async (LogProofs proofs, CancellationToken ct) => (await proofs.LatestAsync(ct)).ToHttp())
            .WithSummary("最新的签名树头（规模、根哈希、时间、签名）");
        log.MapGet("/tree-heads", async ([AsParameters] HeadsQuery query, LogProofs proofs, CancellationToken ct) => TypedResults.Ok(await proofs.HeadsAsync(query, ct)))
            .WithSummary("已发布的签名树头（最新在前，分页）");
        log.MapPost("/tree-heads", async (TreeHeads heads, CancellationToken ct) =>
                TypedResults.Ok(TreeHeadView.From((await heads.PublishAsync(onlyIfGrown: false, ct))!)))
            .RequireAuthorization(Authz.Administrators).WithSummary("立即发布一个签名树头");
        log.MapGet("/keys", async (LogProofs proofs, CancellationToken ct) => TypedResults.Ok(await proofs.KeysAsync(ct)))
            .WithSummary("树头签名公钥（含已停用的，用于核验旧树头）");
        log.MapGet("/proofs/inclusion", async ([AsParameters] InclusionQuery query, LogProofs proofs, CancellationToken ct) => (await proofs.InclusionAsync(query, ct)).ToHttp())
            .WithSummary("包含证明：按 kind 与 ref 或叶子序号 index，默认对最新签名树头");
        log.MapGet("/proofs/consistency", async ([AsParameters] ConsistencyQuery query, LogProofs proofs, CancellationToken ct) => (await proofs.ConsistencyAsync(query, ct)).ToHttp())
            .WithSummary("一致性证明：规模 first 的树是规模 second 的树的前缀");
        log.MapGet("/leaves/check", async ([AsParameters] LeafQuery query, LogProofs proofs, CancellationToken ct) => (await proofs.CheckAsync(query, ct)).ToHttp())
            .WithSummary("复核：按记录当前内容重算叶子哈希，与日志中的比对");
    }
}
