using System.Text.Json;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.SelfReports;

public static class SelfReportEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapSelfReportEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/self-reports").WithTags("自律报送").RequireAuthorization(Authz.Staff);
        read.MapGet("/forms", async (HttpContext http, SelfReportForms forms, CancellationToken ct) =>
            TypedResults.Ok(await forms.ListAsync(http.Caller(), ct))).WithSummary("约束本机构管辖相对人的报送表单");
        read.MapGet("/forms/{id:guid}", async (Guid id, HttpContext http, SelfReportForms forms, CancellationToken ct) =>
            (await forms.GetAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("报送表单详情");
        read.MapGet("/", async ([AsParameters] ReportFilter filter, HttpContext http, SelfReportQueries reports, CancellationToken ct) =>
            TypedResults.Ok(await reports.ListAsync(http.Caller(), filter, ct))).WithSummary("管辖范围内相对人的自律报送（含承诺书、签署人与时间）");
        read.MapGet("/overdue", async (bool? open, int? page, int? pageSize, HttpContext http, SelfReportQueries reports, CancellationToken ct) =>
            TypedResults.Ok(await reports.OverdueAsync(http.Caller(), open ?? true, page, pageSize, ct))).WithSummary("逾期未报送（open=false 含已补报）");

        var write = api.MapGroup("/self-reports/forms").WithTags("自律报送").RequireAuthorization(Authz.Administrators);
        write.MapPost("/", async (FormInput input, HttpContext http, SelfReportForms forms, CancellationToken ct) =>
            (await forms.CreateAsync(http.Caller(), input, ct)).ToCreated(f => $"/api/v1/self-reports/forms/{f.Id}")).WithSummary("为执法事项定义报送表单");
        write.MapPut("/{id:guid}", async (Guid id, FormInput input, HttpContext http, SelfReportForms forms, CancellationToken ct) =>
            (await forms.UpdateAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("修改报送表单（版本号递增）");

        var portal = api.MapGroup("/portal/self-reports").WithTags("相对人门户").RequireAuthorization(Authz.Roles(Role.EntityUser));
        portal.MapGet("/due", async (HttpContext http, SelfReportSubmissions submissions, CancellationToken ct) =>
            TypedResults.Ok(await submissions.DueAsync(http.Caller(), ct))).WithSummary("本单位须报送的表单及本期状态（含承诺书全文与 SHA-256）");
        portal.MapPost("/", Submit).DisableAntiforgery()
            .WithSummary("报送（multipart：report 为 JSON {formId, entityId, period, values, commitmentHash, agree, password}，password 为登录密码（再次确认），附件依次为 a1、a2…）");
    }

    private static async Task<IResult> Submit(HttpContext http, SelfReportSubmissions submissions, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return Error.UnsupportedMediaType("unsupported_media_type", "请以 multipart/form-data 提交：report（JSON）及附件 a1、a2…").ToProblem();
        }

        var form = await http.Request.ReadFormAsync(ct);
        ReportInput? input;
        try
        {
            input = JsonSerializer.Deserialize<ReportInput>(form["report"].ToString(), Json);
        }
        catch (JsonException e)
        {
            return Error.Validation("report", $"report 不是有效的 JSON（{e.Path}）。").ToProblem();
        }

        return input is null
            ? Error.Validation("report", "缺少 report（JSON）。").ToProblem()
            : (await submissions.SubmitAsync(http.Caller(), input, Files(form), ct)).ToCreated(r => $"/api/v1/self-reports?entityId={r.EntityId}");
    }

    public static IReadOnlyList<UploadedFile> Files(IFormCollection form) =>
        [.. form.Files.Select(f => new UploadedFile(f.Name, f.ContentType, f.OpenReadStream))];
}
