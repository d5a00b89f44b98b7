using Microsoft.AspNetCore.Mvc;
using Tianmu.Audit;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Payments;

public static class PaymentEndpoints
{
    public static void MapPaymentEndpoints(this RouteGroupBuilder api)
    {
        // No user: the payment platform authenticates each request by its signature with the shared secret.
        api.MapPost("/payments/callback", Callback).AllowAnonymous().WithTags("缴款")
            .WithMetadata(new RequestSizeLimitAttribute(PaymentCallback.MaxBodyBytes))
            .WithSummary("缴款平台回传缴款结果（签名：X-Tianmu-Timestamp、X-Tianmu-Nonce、X-Tianmu-Signature = HMAC-SHA256(密钥, 时间戳\\n随机数\\n请求体)；按交易号幂等）");

        var staff = api.MapGroup("/payments").WithTags("缴款").RequireAuthorization(Authz.Staff);
        staff.MapGet("/reconciliation", async ([AsParameters] ReconciliationFilter filter, HttpContext http, PaymentReconciliation report, CancellationToken ct) =>
                (await report.ReadAsync(http.Caller(), filter, ct)).ToHttp())
            .WithSummary("缴款对账：期间内（缴款日期）管辖范围内的到账明细、各机构合计、尚欠金额（含加处罚款）和待对账款项（多缴、阶段不符、无法匹配）");
        staff.MapGet("/reconciliation/export", ReportCsv).WithSummary("缴款对账导出为 CSV");
        api.MapPost("/payments/{id:guid}/resolution", async (Guid id, ResolvePaymentInput input, HttpContext http, PaymentResolutions resolutions, CancellationToken ct) =>
                (await resolutions.ResolveAsync(http.Caller(), id, input, ct)).ToHttp())
            .WithTags("缴款").RequireAuthorization(Authz.Roles(Role.Officer, Role.Head, Role.Administrator))
            .WithSummary("处理待对账款项：退付（凭证号、日期）、人工计入待缴款案件（经“记录缴款”环节）或其他（须说明）；同时处理时先到者生效，后到者 409");
        api.MapGet("/cases/{id:guid}/payment", async (Guid id, HttpContext http, PaymentNotices notices, CancellationToken ct) =>
                await notices.ForCaseAsync(http.Caller(), id, ct) switch
                {
                    { Error: { } e } => e.ToProblem(),
                    { Value: { } view } => TypedResults.Ok(view),
                    _ => Error.NotFound("缴款通知").ToProblem(),
                })
            .WithTags("缴款").RequireAuthorization(Authz.Staff).WithSummary("案件的缴款通知：缴款码、今日应缴（含加处罚款）、缴款记录");

        var portal = api.MapGroup("/portal/payments").WithTags("相对人门户").RequireAuthorization(Authz.Roles(Role.EntityUser));
        portal.MapGet("/", async (HttpContext http, PaymentPortal payments, CancellationToken ct) =>
            TypedResults.Ok(await payments.ListAsync(http.Caller(), ct))).WithSummary("本单位的缴款通知：缴款码、缴款期限、今日应缴（含加处罚款）和缴款记录");
        portal.MapGet("/{code}", async (string code, HttpContext http, PaymentPortal payments, CancellationToken ct) =>
            (await payments.GetAsync(http.Caller(), code, ct)).ToHttp()).WithSummary("一份缴款通知");
    }

    /// <summary>The CSV download for the page, which signs in with the cookie rather than a bearer token.</summary>
    public static void MapPaymentFiles(this WebApplication app) =>
        app.MapGet("/payments/export", ReportCsv).RequireAuthorization(Authz.Staff).ExcludeFromDescription();

    private static async Task<IResult> Callback(HttpContext http, PaymentCallback callback, AuditScope audit, CancellationToken ct)
    {
        audit.Actor = new AuditActor(null, "payment-platform", null, http.TraceIdentifier);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        return (await callback.ReceiveAsync(http.Request.Headers, buffer.ToArray(), ct)).ToHttp();
    }

    private static async Task<IResult> ReportCsv([AsParameters] ReconciliationFilter filter, HttpContext http, PaymentReconciliation report, CancellationToken ct)
    {
        var result = await report.ReadAsync(http.Caller(), filter, ct);
        return result.Error is { } e
            ? e.ToProblem()
            : TypedResults.File(Csv.ToUtf8WithBom(PaymentCsv.Report(result.Value!)), "text/csv; charset=utf-8", PaymentCsv.FileName(result.Value!));
    }
}
