using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Devices.Camera;
using Tianmu.Evidence;
using Tianmu.Evidence.Log;
using Tianmu.Identity;
using Tianmu.Ingest;
using Tianmu.Persistence;
using Tianmu.Security;
using Tianmu.Server.Accountability;
using Tianmu.Server.Agencies;
using Tianmu.Server.Api;
using Tianmu.Server.Audit;
using Tianmu.Server.Auth;
using Tianmu.Server.Calendar;
using Tianmu.Server.Cases;
using Tianmu.Server.Catalog;
using Tianmu.Server.Clues;
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
using Tianmu.Server.Warnings.Analysis;

namespace Tianmu.Server.Hosting;

public static class ServiceRegistration
{
    public static void AddTianmu(this IServiceCollection services, TianmuSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(settings.Database);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Migrator>();
        services.AddSingleton<DatabaseLeases>();
        services.AddSingleton(new PersonalDataProtector(
            PersonalDataProtector.LoadKey(settings.PersonalDataKey, Path.Combine(settings.DataDir, "keys", "personal-data.key"))));

        services.AddScoped<AuditScope>();
        services.AddSingleton<TianmuDbFactory>();
        services.AddSingleton<IDbContextFactory<TianmuDb>>(sp => sp.GetRequiredService<TianmuDbFactory>());
        services.AddScoped(sp => sp.GetRequiredService<TianmuDbFactory>().Create(sp.GetRequiredService<AuditScope>()));

        services.AddIdentityCore<User>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
            })
            .AddUserStore<UserStore>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ClaimsFactory>()
            .AddErrorDescriber<ChineseIdentityErrors>();

        services.AddAuthentication(AuthSchemes.Selector)
            .AddPolicyScheme(AuthSchemes.Selector, "Tianmu", o => o.ForwardDefaultSelector = AuthSchemes.ForRequest)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/denied";
            o.Cookie.Name = "tianmu.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            SessionLifetime.Apply(o); // a party's portal session: 30 minutes idle; every session: 12 hours at most
        });
        services.AddAuthorization();
        services.AddDataProtection().SetApplicationName("Tianmu");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((o, sp) => o.XmlRepository = new DbXmlRepository(sp.GetRequiredService<IDbContextFactory<TianmuDb>>()));

        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Customize);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Pages are Chinese: emit the characters themselves, not &#x...; entities (a third of the bytes).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All); // Chinese stays readable in responses
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        });
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "天目 Tianmu API";
            doc.Info.Description = "卫生健康非现场执法平台接口。除认证与健康检查外，所有接口须携带 Authorization: Bearer <access_token>。";
            return Task.CompletedTask;
        }));

        services.AddScoped<ApiTokens>();
        services.AddScoped<AgencyAdmin>();
        services.AddScoped<UserAdmin>();
        services.AddScoped<EntityRegister>();
        services.AddScoped<EntityImport>();
        services.AddScoped<DeviceRegistry>();
        services.AddScoped<DeviceOperations>();
        services.AddScoped<DeviceRecords>();
        services.AddScoped<DeviceSeries>();
        services.AddScoped<PortalDevices>();
        services.AddScoped<PublicDeviceLocations>();
        services.AddScoped<CatalogAdmin>();
        services.AddSingleton<WriteGate>();
        services.AddSingleton<ReadingStore>();
        services.AddScoped<DeviceSignature>();
        services.AddScoped<HttpIngest>();
        services.AddScoped<AiEventIntake>();
        services.AddScoped<AiEventQueries>();
        services.AddScoped<CameraWatch>();
        services.AddSingleton(sp => new FfmpegFrameDecoder(new FrameDecoderOptions(), sp.GetRequiredService<ILogger<FfmpegFrameDecoder>>()));
        services.AddScoped<Hj212Intake>();
        services.AddOptions<Hj212Options>().BindConfiguration("Tianmu:Hj212");
        services.AddSingleton<Hj212Listener>();
        services.AddHostedService(sp => sp.GetRequiredService<Hj212Listener>());
        services.AddScoped<CatalogCoverage>();
        services.AddScoped<SelfReportForms>();
        services.AddScoped<SelfReportSubmissions>();
        services.AddScoped<SelfReportQueries>();
        services.AddScoped<OverdueDetector>();
        services.AddHostedService<OverdueReportJob>();
        services.AddScoped<PlatformClients>();
        services.AddScoped<ClueIntake>();
        services.AddScoped<ClueDesk>();
        services.AddScoped<CaseDesk>();
        services.AddScoped<CaseFactsReader>();
        services.AddScoped<CaseSteps>();
        services.AddScoped<CaseRemedies>();
        services.AddScoped<CaseDocuments>();
        services.AddScoped<CaseDiscretion>();
        services.AddScoped<CaseFiles>();
        services.AddSingleton<ILogLeafSource, Tianmu.Cases.Files.CaseFileLeafSource>();
        services.AddScoped<DeadlineBoard>();
        services.AddScoped<AccountabilityReport>();
        services.AddScoped<DeadlineAlerts>();
        services.AddOptions<DeadlineAlertOptions>().BindConfiguration("Tianmu:DeadlineAlerts");
        services.AddHostedService<DeadlineAlertJob>();
        services.AddScoped<ClueEscalation>();
        services.AddHostedService<ClueEscalationJob>();
        services.AddScoped<ApplicableRules>();
        services.AddScoped<WarningEngine>();
        services.AddScoped<WarningRecorder>();
        services.AddScoped<AiEventWarnings>();
        services.AddScoped<SelfReportWarnings>();
        services.AddHostedService<CrossCheckJob>();
        services.AddScoped<RectificationCheck>();
        services.AddHostedService<RectificationCheckJob>();
        services.AddSingleton<WarningQueue>();
        services.AddSingleton<WatchedDevices>();
        services.AddHostedService<WarningWorker>();
        services.AddHostedService<SilenceSweep>();
        services.AddScoped<WarningDesk>();
        services.AddScoped<WarningResponses>();
        services.AddScoped<PortalWarnings>();
        services.AddSingleton<WarningFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<WarningFeed>());
        services.AddScoped<WarningAnalysis>();
        services.AddScoped<TrendingRegions>();
        services.AddScoped<WarningEscalation>();
        services.AddHostedService<WarningEscalationJob>();
        services.AddNotifications(settings);
        services.AddEvidenceLog(settings);
        services.AddScoped<PublicCatalog>();
        services.AddSingleton(new FileObjectStore(Path.Combine(settings.DataDir, "objects")));
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<FileObjectStore>());
        services.AddEvidence(settings);
        services.AddDocuments(settings);
        services.AddScoped<AuditQueries>();
        services.AddScoped<CalendarService>();
        services.AddHostedService<ExpiredTokenSweeper>();
        services.AddHostedService<DatabaseMaintenanceService>();
        services.AddScoped<PortalCases>();
        services.AddScoped<PortalSummaries>();
        services.AddScoped<PortalActivity>();
        services.AddScoped<CreditGradeReader>();
        services.AddScoped<CreditRepairDesk>();
        services.AddScoped<KeySupervisionDesk>();
        services.AddScoped<CreditStatistics>();
        services.AddScoped<PortalCredit>();
        services.AddPayments(settings);
        services.AddDocumentService();
        services.AddScoped<CreditFactsLoader>();
        services.AddScoped<CreditGrading>();
        services.AddScoped<HygieneGradings>();
        services.AddScoped<CreditModelDesk>();
        services.AddHostedService<CreditGradingJob>();
        services.AddInspections();
    }

    /// <summary>Enforcement documents: the desk, template versions, the warm Chromium, the signing certificate, the log's leaf source.</summary>
    private static void AddDocuments(this IServiceCollection services, TianmuSettings settings)
    {
        services.AddSingleton(settings.Pdf);
        services.AddSingleton<ChromiumPdfRenderer>();
        services.AddSingleton<IPdfRenderer>(sp => sp.GetRequiredService<ChromiumPdfRenderer>());
        services.AddSingleton(sp => Tianmu.Documents.DocumentSigning.LoadOrCreate(
            Path.Combine(settings.DataDir, "keys", "document-signing.pem"), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<DocumentDesk>();
        services.AddScoped<DocumentTemplateAdmin>();
        services.AddSingleton<ILogLeafSource, Tianmu.Documents.DocumentLeafSource>();
    }

    /// <summary>Evidence items, their collection, review, custody and retention, and the evidence log's leaf sources for them.</summary>
    private static void AddEvidence(this IServiceCollection services, TianmuSettings settings)
    {
        services.AddSingleton(settings.Evidence);
        services.AddSingleton<VideoProbe>();
        services.AddSingleton(sp => new RetentionExpiry(sp.GetRequiredService<FileObjectStore>()));
        services.AddScoped<EvidenceRecorder>();
        services.AddScoped<EvidenceCollector>();
        services.AddHostedService<EvidenceCollectorJob>();
        services.AddScoped<EvidenceDesk>();
        services.AddScoped<EvidenceReviewDesk>();
        services.AddScoped<EvidenceHolds>();
        services.AddScoped<EvidenceUpload>();
        services.AddScoped<EvidenceExport>();
        services.AddScoped<EvidenceRetention>();
        services.AddHostedService<EvidenceRetentionJob>();
        services.AddSingleton<Tianmu.Evidence.Log.ILogLeafSource, EvidenceLeafSource>();
        services.AddSingleton<Tianmu.Evidence.Log.ILogLeafSource, EvidenceTombstoneLeafSource>();
    }

    /// <summary>The evidence log: this node's tree, the appender and tree-head jobs, the audit leaf source, proofs.</summary>
    private static void AddEvidenceLog(this IServiceCollection services, TianmuSettings settings)
    {
        services.AddSingleton(settings.EvidenceLog);
        services.AddSingleton<ILogLeafSource, AuditLeafSource>();
        services.AddSingleton<EvidenceLog>();
        services.AddSingleton<LogAppender>();
        services.AddHostedService<LogAppenderJob>();
        services.AddSingleton<TreeHeads>();
        services.AddSingleton<TimestampAuthority>();
        services.AddHttpClient(TimestampAuthority.ClientName, c => c.Timeout = TimeSpan.FromSeconds(settings.EvidenceLog.TimestampTimeoutSeconds));
        if (settings.EvidenceLog.TreeHeadIntervalSeconds > 0)
        {
            services.AddHostedService<TreeHeadJob>();
        }

        services.AddScoped<LogProofs>();
    }

    /// <summary>The notification outbox: queueing, the inbox and staff queries, SMS and e-mail delivery on every node, dead letters, the phone-call log.</summary>
    private static void AddNotifications(this IServiceCollection services, TianmuSettings settings)
    {
        services.AddScoped<Notifier>();
        services.AddScoped<Reconfirmation>();
        services.AddScoped<NotificationQueries>();
        services.AddScoped<NotificationDelivery>();
        services.AddSingleton(settings.Sms);
        services.AddHttpClient(HttpSmsGateway.ClientName);
        services.AddSingleton<ISmsGateway>(sp => settings.Sms.GatewayUrl is { Length: > 0 }
            ? new HttpSmsGateway(sp.GetRequiredService<IHttpClientFactory>(), settings.Sms)
            : new FileSmsGateway(Path.Combine(settings.DataDir, "outbox", "sms.jsonl"), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<NotificationDeliveryJob>();
        services.AddSingleton(settings.Smtp);
        services.AddSingleton<IMailGateway>(settings.Smtp switch
        {
            { UsesServer: false } => new FileMailGateway(Path.Combine(settings.DataDir, "outbox", "mail"), settings.Smtp),
            { ImplicitTls: true } => new SmtpsMailGateway(settings.Smtp, Path.Combine(settings.DataDir, "outbox", "smtps-work")),
            _ => new SmtpMailGateway(settings.Smtp),
        });
        services.AddSingleton<IChannelSender, SmsSender>();
        services.AddSingleton<IChannelSender, MailSender>();
        services.AddScoped<NotificationDeadLetters>();
        services.AddScoped<PhoneCalls>();
    }
}
