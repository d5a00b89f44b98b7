using Tianmu.Evidence;
using Tianmu.Identity;
using Tianmu.Ingest;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;
using Tianmu.Server.Entities;

namespace Tianmu.Server.Devices;

public static class DeviceEndpoints
{
    /// <summary>Who passes the legal and technical review of a device (art. 41).</summary>
    public static readonly Role[] Reviewers = [Role.LegalReviewer, Role.Head];

    public static void MapDeviceEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/devices").WithTags("设备").RequireAuthorization(Authz.Staff);
        read.MapGet("/", async ([AsParameters] DeviceFilter filter, HttpContext http, DeviceRegistry registry, CancellationToken ct) =>
            TypedResults.Ok(await registry.ListAsync(http.Caller(), filter, ct))).WithSummary("管辖范围内的设备（分页）");
        read.MapGet("/{id:guid}", async (Guid id, HttpContext http, DeviceRegistry registry, CancellationToken ct) =>
            (await registry.GetAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("设备详情、生命周期记录、检定、异常与维护");
        read.MapGet("/{id:guid}/usability", async (Guid id, DateTimeOffset at, HttpContext http, DeviceRecords records, CancellationToken ct) =>
            (await records.UsabilityAsync(http.Caller(), id, at, ct)).ToHttp()).WithSummary("设备在某一时刻的记录能否作为证据");
        read.MapGet("/{id:guid}/readings", Readings).WithSummary("读数序列：点数不超过 maxPoints 时为原始读数，否则按时间分桶（最小、最大、平均）");
        read.MapGet("/{id:guid}/series", async (Guid id, string? metric, DateTimeOffset? from, DateTimeOffset? to, int? maxPoints, HttpContext http, DeviceSeries series, CancellationToken ct) =>
                (await series.GetAsync(http.Caller(), id, metric, from, to, maxPoints, ct)).ToHttp())
            .WithSummary("图表数据：各参数读数（降采样至每参数不超过 2000 点，保留每段最小值和最大值，可作证据与不可作证据的读数分开）、适用规则的限值和设备预警时段；默认最近 24 小时");
        read.MapGet("/{id:guid}/notice-photo", NoticePhoto).WithSummary("现场公告照片（原件，读取时校验哈希）");
        read.MapGet("/calibrations/expiring", async (int? days, HttpContext http, DeviceRecords records, CancellationToken ct) =>
            TypedResults.Ok(await records.ExpiringAsync(http.Caller(), Math.Clamp(days ?? 30, 0, 3650), ct))).WithSummary("检定即将到期或已过期的设备");

        var write = api.MapGroup("/devices").WithTags("设备").RequireAuthorization(Authz.Roles(EntityEndpoints.Registrars));
        write.MapPost("/", async (DeviceInput input, HttpContext http, DeviceRegistry registry, CancellationToken ct) =>
            (await registry.RegisterAsync(http.Caller(), input, ct)).ToCreated(d => $"/api/v1/devices/{d.Summary.Id}")).WithSummary("登记设备（拒绝在隐私场所安装录像录音设备）");
        write.MapPost("/{id:guid}/notice", PostNotice).DisableAntiforgery().WithSummary("上传现场公告照片并公布设备位置");
        write.MapPost("/{id:guid}/activate", async (Guid id, HttpContext http, DeviceOperations ops, CancellationToken ct) =>
            (await ops.ActivateAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("启用");
        write.MapPost("/{id:guid}/suspend", async (Guid id, NoteInput input, HttpContext http, DeviceOperations ops, CancellationToken ct) =>
            (await ops.SuspendAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("暂停");
        write.MapPost("/{id:guid}/resume", async (Guid id, HttpContext http, DeviceOperations ops, CancellationToken ct) =>
            (await ops.ResumeAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("恢复启用");
        write.MapPost("/{id:guid}/retire", async (Guid id, NoteInput input, HttpContext http, DeviceOperations ops, CancellationToken ct) =>
            (await ops.RetireAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("停用报废");
        write.MapPost("/{id:guid}/credential", async (Guid id, HttpContext http, DeviceOperations ops, CancellationToken ct) =>
            (await ops.IssueCredentialAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("签发或轮换设备接入密钥（只显示一次）");
        write.MapDelete("/{id:guid}/credential", async (Guid id, HttpContext http, DeviceOperations ops, CancellationToken ct) =>
            (await ops.RevokeCredentialAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("吊销设备接入密钥");
        write.MapPost("/{id:guid}/calibrations", async (Guid id, CalibrationInput input, HttpContext http, DeviceRecords records, CancellationToken ct) =>
            (await records.AddCalibrationAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("登记检定/校准证书");
        write.MapPost("/{id:guid}/incidents", async (Guid id, IncidentInput input, HttpContext http, DeviceRecords records, CancellationToken ct) =>
            (await records.ReportIncidentAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("登记设备异常（离线、损坏、移位、拆除、遮挡、画面模糊）");
        write.MapPost("/{id:guid}/incidents/{incidentId:guid}/resolve", async (Guid id, Guid incidentId, ResolveInput input, HttpContext http, DeviceRecords records, CancellationToken ct) =>
            (await records.ResolveIncidentAsync(http.Caller(), id, incidentId, input, ct)).ToHttp()).WithSummary("认定相对人责任并记录处理结果");
        write.MapPost("/{id:guid}/maintenance", async (Guid id, MaintenanceInput input, HttpContext http, DeviceRecords records, CancellationToken ct) =>
            (await records.AddMaintenanceAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("登记维护记录");

        api.MapPost("/devices/{id:guid}/review", async (Guid id, NoteInput input, HttpContext http, DeviceOperations ops, CancellationToken ct) =>
                (await ops.ReviewAsync(http.Caller(), id, input, ct)).ToHttp())
            .WithTags("设备").RequireAuthorization(Authz.Roles(Reviewers)).WithSummary("法制和技术审核通过（《行政处罚法》第四十一条）");
    }

    private static async Task<IResult> PostNotice(Guid id, HttpContext http, DeviceOperations ops, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return TypedResults.Problem("请以 multipart/form-data 提交：photo（照片文件）与 publishedLocation（公布的位置）。", statusCode: 415,
                title: Problems.TitleFor(415), extensions: new Dictionary<string, object?> { [Problems.CodeKey] = "unsupported_media_type" });
        }

        var form = await http.Request.ReadFormAsync(ct);
        await using var photo = form.Files["photo"]?.OpenReadStream();
        return (await ops.PostNoticeAsync(http.Caller(), id, photo, form["publishedLocation"], ct)).ToHttp();
    }

    private static async Task<IResult> Readings(
        Guid id, string? metric, DateTimeOffset? from, DateTimeOffset? to, int? maxPoints, HttpContext http, DeviceRegistry registry, ReadingStore readings, CancellationToken ct)
    {
        if (!(await registry.GetAsync(http.Caller(), id, ct)).IsSuccess)
        {
            return DeviceErrors.NotFound.ToProblem();
        }

        var end = to ?? DateTimeOffset.UtcNow;
        var start = from ?? end.AddDays(-1);
        var errors = new Tianmu.Common.FieldErrors().Required("metric", metric, "监测参数", 40);
        if (start >= end || end - start > TimeSpan.FromDays(3660))
        {
            errors.Add("from", "时间范围须为正且不超过十年。");
        }

        return errors.Any
            ? errors.ToError().ToProblem()
            : TypedResults.Ok(await readings.QueryAsync(id, metric!, start, end, Math.Clamp(maxPoints ?? 500, 10, 5000), ct));
    }

    internal static async Task<IResult> NoticePhoto(Guid id, HttpContext http, DeviceRegistry registry, IObjectStore objects, CancellationToken ct)
    {
        var device = await registry.GetAsync(http.Caller(), id, ct);
        if (!device.IsSuccess || device.Value!.NoticePhotoHash is not { } hash)
        {
            return DeviceErrors.NotFound.ToProblem();
        }

        var bytes = await objects.ReadAsync(hash, ct);
        return bytes is null ? DeviceErrors.NotFound.ToProblem() : TypedResults.File(bytes, "image/jpeg");
    }
}
