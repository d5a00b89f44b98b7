using Tianmu.Server.Api;
using Tianmu.Server.Auth;
using Tianmu.Server.Evidence;

namespace Tianmu.Server.Cases;

/// <summary>
/// The case file (案卷) and the case's disc: under <c>/api/v1/cases</c> for API clients (bearer) and at the page
/// addresses <c>/cases/{id}/file</c> and <c>/cases/{id}/export</c> for the case page, which signs in with the
/// cookie. Same handlers, same jurisdiction check.
/// </summary>
public static class CaseFileEndpoints
{
    public static void MapCaseFileEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/cases").WithTags("案件办理").RequireAuthorization(Authz.Staff);
        read.MapGet("/{id:guid}/file", File).WithSummary("案卷 PDF：已归档案件为归档时生成的正式案卷，未归档案件为即时生成的预览（每页标注“预览”）");
        read.MapGet("/{id:guid}/export", Export).WithSummary("导出案卷光盘（zip 或 iso）：案卷、全部已签发文书及其电子签名、案件依据的证据、证明和离线校验页");
    }

    public static void MapCaseFiles(this WebApplication app)
    {
        var files = app.MapGroup("/cases").RequireAuthorization(Authz.Staff).ExcludeFromDescription();
        files.MapGet("/{id:guid}/file", File);
        files.MapGet("/{id:guid}/export", Export);
    }

    private static async Task<IResult> File(Guid id, HttpContext http, CaseFiles files, CancellationToken ct)
    {
        var result = await files.FileAsync(http.Caller(), id, ct);
        return result.IsSuccess ? TypedResults.File(result.Value.Pdf, "application/pdf", result.Value.FileName) : result.Error!.ToProblem();
    }

    private static async Task<IResult> Export(Guid id, string? format, string? reason, HttpContext http, EvidenceExport export, CancellationToken ct)
    {
        var result = await export.ForCaseAsync(http.Caller(), id, format, reason, ct);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var file = result.Value!;
        return TypedResults.File(new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous),
            file.MediaType, file.FileName);
    }
}
