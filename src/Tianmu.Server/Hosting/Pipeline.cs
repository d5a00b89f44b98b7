using Swashbuckle.AspNetCore.SwaggerUI;
using Tianmu.Audit;
using Tianmu.Persistence;
using Tianmu.Server.Accountability;
using Tianmu.Server.Agencies;
using Tianmu.Server.Api;
using Tianmu.Server.Audit;
using Tianmu.Server.Auth;
using Tianmu.Server.Calendar;
using Tianmu.Server.Cases;
using Tianmu.Server.Catalog;
using Tianmu.Server.Clues;
using Tianmu.Server.Components;
using Tianmu.Server.Credit;
using Tianmu.Server.Devices;
using Tianmu.Server.Documents;
using Tianmu.Server.Entities;
using Tianmu.Server.Evidence;
using Tianmu.Server.Ingest;
using Tianmu.Server.Inspections;
using Tianmu.Server.Notifications;
using Tianmu.Server.Payments;
using Tianmu.Server.Portal;
using Tianmu.Server.Public;
using Tianmu.Server.SelfReports;
using Tianmu.Server.Service;
using Tianmu.Server.Users;
using Tianmu.Server.Warnings;

namespace Tianmu.Server.Hosting;

public static class Pipeline
{
    public static void UseTianmu(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(http => !IsApi(http), ui => ui.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.Use((http, next) =>
        {
            http.Response.Headers["X-Request-Id"] = http.TraceIdentifier;
            return next(http);
        });
        app.MapStaticAssets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use((http, next) =>
        {
            // Every change made while serving this request is audited as this user's, with this request id.
            var scope = http.RequestServices.GetRequiredService<AuditScope>();
            scope.Actor = CurrentUser.From(http.User)?.ToActor(http.TraceIdentifier) ?? AuditActor.System with { Name = "anonymous", RequestId = http.TraceIdentifier };
            return next(http);
        });
        app.UseMiddleware<BodySizeLimit>();
        app.UseAntiforgery();

        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous().WithTags("健康检查");
        app.MapGet("/readyz", async (TianmuDb db, CancellationToken ct) => await db.Database.CanConnectAsync(ct)
                ? Results.Ok(new { status = "ready" })
                : Results.Problem("数据库不可达。", statusCode: 503, extensions: new Dictionary<string, object?> { [Problems.CodeKey] = "database_unreachable" }))
            .AllowAnonymous().WithTags("健康检查");
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api-docs";
            o.SwaggerEndpoint("/openapi/v1.json", "Tianmu API v1");
            o.DocumentTitle = "天目 API 文档";
            o.DocExpansion(DocExpansion.List);
        });

        var api = app.MapGroup("/api/v1");
        api.MapAuthEndpoints();
        api.MapAgencyEndpoints();
        api.MapUserEndpoints();
        api.MapEntityEndpoints();
        api.MapAuditEndpoints();
        api.MapCalendarEndpoints();
        api.MapDeviceEndpoints();
        api.MapCatalogEndpoints();
        api.MapIngestEndpoints();
        api.MapSelfReportEndpoints();
        api.MapClueEndpoints();
        api.MapCaseEndpoints();
        api.MapCaseFileEndpoints();
        api.MapAccountabilityEndpoints();
        api.MapWarningEndpoints();
        api.MapEvidenceEndpoints();
        api.MapWarningResponseEndpoints();
        api.MapWarningStreamEndpoints();
        api.MapPortalEndpoints();
        api.MapPortalWarningEndpoints();
        api.MapPortalCreditEndpoints();
        api.MapCreditViewEndpoints();
        api.MapNotificationEndpoints();
        api.MapPublicEndpoints();
        api.MapEvidenceLogEndpoints();
        api.MapDocumentEndpoints();
        api.MapPaymentEndpoints();
        api.MapServiceEndpoints();
        api.MapCreditEndpoints();
        api.MapInspectionEndpoints();

        app.MapAccountEndpoints();
        app.MapWarningStreamForPages();
        app.MapWarningResponseFiles();
        app.MapDeviceFiles();
        app.MapWarningAnalysisExport();
        app.MapEvidenceFiles();
        app.MapCaseFiles();
        app.MapPortalWarningFiles();
        app.MapPortalCreditFiles();
        app.MapCreditViewFiles();
        app.MapDocumentFiles();
        app.MapAccountabilityFiles();
        app.MapPaymentFiles();
        app.MapServiceFiles();
        app.MapInspectionFiles();
        app.MapRazorComponents<App>();
    }

    private static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");
}
