using Microsoft.AspNetCore.Diagnostics;
using Tianmu.Calendar;
using Tianmu.Common;

namespace Tianmu.Server.Api;

/// <summary>
/// The one error pipeline: every error leaves as RFC 9457 ProblemDetails with a stable <c>code</c>
/// and a Chinese <c>detail</c>. Use-case errors, binding failures, unknown routes and unexpected
/// exceptions all pass through here.
/// </summary>
public static class Problems
{
    public const string CodeKey = "code";

    public static IResult ToProblem(this Error error)
    {
        var extensions = new Dictionary<string, object?> { [CodeKey] = error.Code };
        if (error.Kind == ErrorKind.Validation)
        {
            return TypedResults.ValidationProblem(error.Fields ?? new Dictionary<string, string[]>(), error.Detail, title: "数据校验未通过", extensions: extensions);
        }

        var status = error.Kind switch
        {
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
            ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
            ErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
            ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        if (error.Fields is not null)
        {
            extensions["errors"] = error.Fields; // e.g. the missing fields of a document refused for issue
        }

        return TypedResults.Problem(error.Detail, statusCode: status, title: TitleFor(status), extensions: extensions);
    }

    /// <summary>Fills in code, title and detail for problems the framework raises (404, 405, 401…).</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? StatusCodes.Status500InternalServerError;
        problem.Title = TitleFor(status);
        problem.Extensions.TryAdd(CodeKey, CodeFor(status));
        problem.Detail ??= DetailFor(status);
        problem.Extensions["requestId"] = context.HttpContext.TraceIdentifier;
        problem.Extensions.Remove("traceId");
    }

    public static string TitleFor(int status) => status switch
    {
        400 => "请求有误",
        401 => "未登录或凭据无效",
        403 => "无权执行此操作",
        404 => "未找到",
        405 => "不支持的请求方法",
        409 => "与当前状态冲突",
        413 => "请求体过大",
        415 => "不支持的内容类型",
        422 => "无法处理",
        503 => "服务暂不可用",
        _ => "服务器内部错误",
    };

    private static string CodeFor(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        422 => "unprocessable",
        _ => "internal_error",
    };

    private static string DetailFor(int status) => status switch
    {
        401 => "请先登录，或提供有效的访问令牌（Authorization: Bearer …）。",
        403 => "您的角色无权执行此操作。",
        404 => "请求的资源不存在或不在您的管辖范围内。",
        405 => "此地址不支持该请求方法。",
        413 => "请求体超过允许的大小。",
        415 => "请以 application/json 提交数据。",
        _ => "服务器处理请求时发生错误，已记录，请稍后重试或联系管理员。",
    };
}

/// <summary>Maps exceptions to problems: client mistakes become 4xx, never 500.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    private static string ErrorPage(int status, string detail, string requestId) =>
        $"""
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>出错了 · 天目</title><link rel="stylesheet" href="/css/app.css"></head>
        <body><main class="centered"><section class="login-card"><h1>{Problems.TitleFor(status)}</h1>
        <p>{System.Net.WebUtility.HtmlEncode(detail)}</p><p class="muted">请求编号 {System.Net.WebUtility.HtmlEncode(requestId)}</p>
        <p><a href="/">返回工作台</a></p></section></main></body></html>
        """;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, code, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: 413 } => (413, "payload_too_large", "请求体超过允许的大小。"),
            BadHttpRequestException { InnerException: System.Text.Json.JsonException json } =>
                (400, "malformed_json", json.Path is { Length: > 1 } ? $"请求体不是有效的 JSON，或字段 {json.Path} 的类型不正确。" : "请求体不是有效的 JSON。"),
            BadHttpRequestException bad when bad.Message.Contains("Content-Type", StringComparison.OrdinalIgnoreCase) =>
                (415, "unsupported_media_type", "请以 application/json 提交数据。"),
            BadHttpRequestException bad => (bad.StatusCode, "bad_request", "请求参数缺失或格式不正确。"),
            DateOutsideCalendarException outside => (422, "date_outside_calendar", outside.Message),
            _ => (500, "internal_error", "服务器处理请求时发生错误，已记录，请稍后重试或联系管理员。"),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception");
        }
        else
        {
            logger.LogInformation("Client error {Code}: {Exception}", code, exception.GetType().Name);
        }

        http.Response.StatusCode = status;
        if (!http.Request.Path.StartsWithSegments("/api") && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
        {
            // A person in a browser gets a page in the platform's style, with the id to quote to support.
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(ErrorPage(status, detail, http.TraceIdentifier), ct);
            return true;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Detail = detail, Extensions = { [Problems.CodeKey] = code } },
        });
    }
}

/// <summary>Refuses bodies larger than the limit before they are read (Kestrel enforces the same for chunked bodies).</summary>
public sealed class BodySizeLimit(RequestDelegate next)
{
    public const long DefaultLimit = 1024 * 1024;

    public Task InvokeAsync(HttpContext http)
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultLimit;
        if (http.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        return next(http);
    }
}

public static class ResultExtensions
{
    /// <summary>The success value as 200 OK, or the error as ProblemDetails.</summary>
    public static IResult ToHttp<T>(this Result<T> result) => result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();

    public static IResult ToCreated<T>(this Result<T> result, Func<T, string> location) =>
        result.IsSuccess ? TypedResults.Created(location(result.Value!), result.Value) : result.Error!.ToProblem();

}
