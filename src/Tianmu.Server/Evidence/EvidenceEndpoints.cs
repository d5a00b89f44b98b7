using Tianmu.Evidence;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;
using Tianmu.Server.Warnings;

namespace Tianmu.Server.Evidence;

/// <summary>
/// Evidence under /api/v1/evidence: list, item, original (download with a reason), chain of custody,
/// review sheet and reviews, officer upload, and the retention report. There is no endpoint that edits
/// or deletes an original, by design (S14/Z14).
/// </summary>
public static class EvidenceEndpoints
{
    public static void MapEvidenceEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/evidence").WithTags("证据").RequireAuthorization(Authz.Staff);
        read.MapGet("/", async ([AsParameters] EvidenceFilter filter, HttpContext http, EvidenceDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.ListAsync(http.Caller(), filter, ct))).WithSummary("管辖范围内的证据（可按预警、监管对象、设备、审查状态 passed/failed/pending 筛选）");
        read.MapGet("/{id:guid}", async (Guid id, string? reason, HttpContext http, EvidenceDesk desk, CancellationToken ct) =>
            (await desk.GetAsync(http.Caller(), id, reason, ct)).ToHttp()).WithSummary("证据详情：要素、来源、设备采集时状态、连续性、保全（记入监管链）");
        read.MapGet("/{id:guid}/content", Content).WithSummary("下载原件（须填写事由 reason；读取时复核哈希，不符即拒绝并记录为疑似篡改）");
        read.MapGet("/{id:guid}/custody", async (Guid id, HttpContext http, EvidenceDesk desk, CancellationToken ct) =>
            (await desk.CustodyAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("监管链：谁在何时因何查看、下载、导出、审查");
        read.MapGet("/{id:guid}/review", async (Guid id, HttpContext http, EvidenceReviewDesk reviews, CancellationToken ct) =>
            (await reviews.SheetAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("证据审查清单（系统核查结果）与审查记录");
        read.MapGet("/export", Export)
            .WithSummary("导出某预警的证据光盘：zip 或 iso，含原件、清单、包含证明、签名树头、公钥与离线校验页 verify.html（须填写事由 reason，逐项记入监管链）");
        read.MapGet("/expiring", async (HttpContext http, EvidenceRetention retention, CancellationToken ct) =>
                TypedResults.Ok(await retention.ExpiringAsync(http.Caller().Jurisdiction, ct)))
            .RequireAuthorization(Authz.Administrators).WithSummary("即将到期的证据（保存期限届满且未被保全）");

        var handle = api.MapGroup("/evidence").WithTags("证据").RequireAuthorization(Authz.Roles(WarningEndpoints.Handlers));
        handle.MapPost("/{id:guid}/reviews", async (Guid id, ReviewInput input, HttpContext http, EvidenceReviewDesk reviews, CancellationToken ct) =>
            (await reviews.ReviewAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("证据审查：逐项确认并给出结论（不通过须填理由）");
        handle.MapPost("/", async (HttpContext http, EvidenceUpload upload, CancellationToken ct) =>
                (await upload.UploadAsync(http.Caller(), http.Request, ct)).ToCreated(s => $"/api/v1/evidence/{s.Id}"))
            .DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(EvidenceUpload.MaxBytes))
            .WithSummary("执法人员上传证据原件及要素（multipart/form-data）");
    }

    /// <summary>
    /// The original and the disc export for the evidence pages, which sign in with the cookie; <c>view=1</c>
    /// serves the page's viewer.
    /// </summary>
    public static void MapEvidenceFiles(this WebApplication app)
    {
        app.MapGet("/evidence/{id:guid}/content", Content).RequireAuthorization(Authz.Staff).ExcludeFromDescription();
        app.MapGet("/evidence/export", Export).RequireAuthorization(Authz.Staff).ExcludeFromDescription();
    }

    private static async Task<IResult> Export(Guid warningId, string? format, string? reason, HttpContext http, EvidenceExport export, CancellationToken ct)
    {
        var result = await export.ForWarningAsync(http.Caller(), warningId, format, reason, ct);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var file = result.Value!;
        return TypedResults.File(new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous),
            file.MediaType, file.FileName);
    }

    private static async Task<IResult> Content(Guid id, string? reason, string? view, HttpContext http, EvidenceDesk desk, CancellationToken ct)
    {
        var action = view == "1" ? AccessAction.View : AccessAction.Download;
        var result = await desk.ContentAsync(http.Caller(), id, action, reason, ct);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var c = result.Value!;
        return action == AccessAction.View
            ? TypedResults.File(c.Bytes, c.MediaType, enableRangeProcessing: true)
            : TypedResults.File(c.Bytes, c.MediaType, c.FileName);
    }
}
