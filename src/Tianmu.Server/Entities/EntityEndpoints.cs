using Microsoft.AspNetCore.Mvc;
using Tianmu.Entities;
using Tianmu.Identity;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Entities;

public static class EntityEndpoints
{
    /// <summary>Who keeps the register: administrators and officers.</summary>
    public static readonly Role[] Registrars = [Role.Administrator, Role.Officer];

    public sealed record CategoryView(string Category, string Name, IReadOnlyList<string> SubCategories);

    public static void MapEntityEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/entities").WithTags("监管对象").RequireAuthorization(Authz.Staff);
        read.MapGet("/", async ([AsParameters] EntityFilter filter, HttpContext http, EntityRegister register, CancellationToken ct) =>
            TypedResults.Ok(await register.ListAsync(http.Caller(), filter, ct))).WithSummary("管辖范围内的监管对象（分页）");
        read.MapGet("/{id:guid}", async (Guid id, HttpContext http, EntityRegister register, CancellationToken ct) =>
            (await register.GetAsync(http.Caller(), id, ct)).ToHttp()).WithSummary("监管对象详情");
        read.MapGet("/categories", () => TypedResults.Ok(Enum.GetValues<EntityCategory>()
            .Select(c => new CategoryView(c.ToString(), c.ToChinese(), c.SubCategories())))).WithSummary("类别与子类别");

        var write = api.MapGroup("/entities").WithTags("监管对象").RequireAuthorization(Authz.Roles(Registrars));
        write.MapPost("/", async (EntityInput input, HttpContext http, EntityRegister register, CancellationToken ct) =>
            (await register.CreateAsync(http.Caller(), input, ct)).ToCreated(e => $"/api/v1/entities/{e.Id}")).WithSummary("登记监管对象");
        write.MapPut("/{id:guid}", async (Guid id, EntityInput input, HttpContext http, EntityRegister register, CancellationToken ct) =>
            (await register.UpdateAsync(http.Caller(), id, input, ct)).ToHttp()).WithSummary("修改监管对象");
        write.MapPost("/import", Import)
            .WithMetadata(new RequestSizeLimitAttribute(32 * 1024 * 1024))
            .WithSummary("从 CSV 导入监管对象名录（逐行报告错误，正确的行全部导入）");
    }

    private static async Task<IResult> Import(HttpContext http, EntityImport import, CancellationToken ct)
    {
        var type = http.Request.ContentType ?? "";
        if (!type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem("请以 text/csv（UTF-8）提交文件内容。", statusCode: 415, title: Problems.TitleFor(415),
                extensions: new Dictionary<string, object?> { [Problems.CodeKey] = "unsupported_media_type" });
        }

        using var reader = new StreamReader(http.Request.Body);
        return (await import.ImportAsync(http.Caller(), await reader.ReadToEndAsync(ct), ct)).ToHttp();
    }
}
