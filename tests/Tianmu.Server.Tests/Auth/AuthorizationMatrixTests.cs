using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Identity;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Auth;

/// <summary>
/// Every endpoint × every role. The table below is the authorization policy as data; an endpoint
/// the table does not list fails the test, so a new endpoint cannot be added without deciding who
/// may call it. Allowed roles must not get 401/403; everyone else gets 403 (401 when anonymous).
/// </summary>
public sealed class AuthorizationMatrixTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private const string Anonymous = "anonymous";
    private static readonly Role[] Everyone = [.. Roles.All];
    private static readonly Role[] Staff = [.. Roles.Staff];
    private static readonly Role[] Overseers = [Role.Administrator, Role.Head, Role.Inspector];
    private static readonly Role[] Admins = [Role.Administrator];
    private static readonly Role[] Registrars = [Role.Administrator, Role.Officer];
    private static readonly Role[] Reviewers = [Role.LegalReviewer, Role.Head];
    private static readonly Role[] EntityUsers = [Role.EntityUser];
    private static readonly Role[] DrawRoles = [Role.Administrator, Role.Head];
    private static readonly Role[] Handlers = [Role.Officer, Role.Head];
    private static readonly Role[] Heads = [Role.Head];

    /// <summary>Devices authenticate with their own signed requests: no user, with or without a role, gets in.</summary>
    private static readonly Role[] DeviceSigned = [];

    /// <summary>null = open to anonymous callers.</summary>
    private static readonly Dictionary<string, Role[]?> Policy = new()
    {
        ["GET /healthz"] = null,
        ["GET /readyz"] = null,
        ["GET /openapi/{documentName}.json"] = null,
        ["POST /api/v1/auth/token"] = null,
        ["GET /api/v1/me"] = Everyone,
        ["GET /api/v1/agencies/"] = Staff,
        ["GET /api/v1/agencies/{id:guid}"] = Staff,
        ["POST /api/v1/agencies/"] = Admins,
        ["PUT /api/v1/agencies/{id:guid}"] = Admins,
        ["GET /api/v1/users/"] = Overseers,
        ["GET /api/v1/users/{id:guid}"] = Overseers,
        ["POST /api/v1/users/"] = Admins,
        ["PUT /api/v1/users/{id:guid}"] = Admins,
        ["POST /api/v1/users/{id:guid}/password"] = Admins,
        ["GET /api/v1/entities/"] = Staff,
        ["GET /api/v1/entities/{id:guid}"] = Staff,
        ["GET /api/v1/entities/categories"] = Staff,
        ["POST /api/v1/entities/"] = Registrars,
        ["PUT /api/v1/entities/{id:guid}"] = Registrars,
        ["POST /api/v1/entities/import"] = Registrars,
        ["GET /api/v1/entities/{id:guid}/credit"] = Staff,
        ["POST /api/v1/entities/{id:guid}/credit/recompute"] = [Role.Administrator, Role.Head, Role.Officer],
        ["GET /api/v1/entities/{id:guid}/hygiene-gradings"] = Staff,
        ["GET /api/v1/credit/models/"] = Admins,
        ["POST /api/v1/credit/models/"] = Admins,
        ["POST /api/v1/entities/{id:guid}/hygiene-gradings"] = [Role.Administrator, Role.Head, Role.Officer],
        ["GET /api/v1/audit"] = Overseers,
        ["GET /api/v1/calendar/due"] = Everyone,
        ["GET /api/v1/calendar/years"] = Everyone,
        ["PUT /api/v1/calendar/years/{year:int}"] = Admins,
        ["PUT /api/v1/calendar/days/{date}"] = Admins,
        ["DELETE /api/v1/calendar/days/{date}"] = Admins,
        ["GET /api/v1/devices/"] = Staff,
        ["GET /api/v1/devices/{id:guid}"] = Staff,
        ["GET /api/v1/devices/{id:guid}/usability"] = Staff,
        ["GET /api/v1/devices/{id:guid}/notice-photo"] = Staff,
        ["GET /api/v1/devices/{id:guid}/readings"] = Staff,
        ["GET /api/v1/devices/{id:guid}/series"] = Staff,
        ["GET /api/v1/devices/calibrations/expiring"] = Staff,
        ["POST /api/v1/devices/"] = Registrars,
        ["POST /api/v1/devices/{id:guid}/notice"] = Registrars,
        ["POST /api/v1/devices/{id:guid}/activate"] = Registrars,
        ["POST /api/v1/devices/{id:guid}/suspend"] = Registrars,
        ["POST /api/v1/devices/{id:guid}/resume"] = Registrars,
        ["POST /api/v1/devices/{id:guid}/retire"] = Registrars,
        ["POST /api/v1/devices/{id:guid}/credential"] = Registrars,
        ["DELETE /api/v1/devices/{id:guid}/credential"] = Registrars,
        ["POST /api/v1/devices/{id:guid}/calibrations"] = Registrars,
        ["POST /api/v1/devices/{id:guid}/incidents"] = Registrars,
        ["POST /api/v1/devices/{id:guid}/incidents/{incidentId:guid}/resolve"] = Registrars,
        ["POST /api/v1/devices/{id:guid}/maintenance"] = Registrars,
        ["POST /api/v1/devices/{id:guid}/review"] = Reviewers,
        ["GET /api/v1/portal/devices"] = EntityUsers,
        ["GET /api/v1/portal/devices/{id:guid}/confirmation"] = EntityUsers,
        ["POST /api/v1/portal/devices/{id:guid}/confirmation"] = EntityUsers,
        ["GET /api/v1/portal/messages/"] = EntityUsers,
        ["POST /api/v1/portal/messages/{id:guid}/read"] = EntityUsers,
        ["GET /api/v1/notifications"] = Staff,
        ["GET /api/v1/public/device-locations"] = null,
        ["GET /api/v1/public/catalog"] = null,
        ["GET /api/v1/public/catalog/{id:guid}/versions"] = null,
        ["GET /api/v1/public/selection-draws"] = null,
        ["GET /api/v1/catalog/"] = Staff,
        ["GET /api/v1/catalog/{id:guid}"] = Staff,
        ["GET /api/v1/catalog/{id:guid}/coverage"] = Staff,
        ["GET /api/v1/catalog/{id:guid}/draws"] = Staff,
        ["POST /api/v1/catalog/"] = Admins,
        ["PUT /api/v1/catalog/{id:guid}/draft"] = Admins,
        ["POST /api/v1/catalog/{id:guid}/publish"] = Admins,
        ["POST /api/v1/catalog/{id:guid}/draws"] = DrawRoles,
        ["POST /api/v1/ingest/readings"] = DeviceSigned,
        ["POST /api/v1/ingest/events"] = DeviceSigned,
        ["GET /api/v1/devices/{id:guid}/events"] = Staff,
        ["GET /api/v1/devices/{id:guid}/media/{sha256}"] = Staff,
        ["POST /api/v1/devices/{id:guid}/cameras/{camera}/baseline"] = Registrars,
        ["GET /api/v1/self-reports/forms"] = Staff,
        ["GET /api/v1/self-reports/forms/{id:guid}"] = Staff,
        ["GET /api/v1/self-reports/"] = Staff,
        ["GET /api/v1/self-reports/overdue"] = Staff,
        ["POST /api/v1/self-reports/forms/"] = Admins,
        ["PUT /api/v1/self-reports/forms/{id:guid}"] = Admins,
        ["GET /api/v1/portal/self-reports/due"] = EntityUsers,
        ["POST /api/v1/portal/self-reports/"] = EntityUsers,
        ["POST /api/v1/province/clues/"] = DeviceSigned,
        ["GET /api/v1/province/clues/{externalId}"] = DeviceSigned,
        ["GET /api/v1/warnings/"] = Staff,
        ["GET /api/v1/warnings/{id:guid}"] = Staff,
        ["GET /api/v1/warnings/analysis"] = Staff,
        ["GET /api/v1/warnings/analysis/export"] = Staff,
        ["POST /api/v1/warnings/{id:guid}/actions"] = Handlers,
        ["POST /api/v1/warnings/{id:guid}/assignee"] = [Role.Head],
        ["GET /api/v1/warnings/{id:guid}/responses"] = Staff,
        ["GET /api/v1/warnings/{id:guid}/attachments/{sha256}"] = Staff,
        ["GET /api/v1/warnings/stream"] = Staff,
        ["GET /api/v1/portal/warnings/"] = EntityUsers,
        ["GET /api/v1/portal/warnings/{id:guid}"] = EntityUsers,
        ["POST /api/v1/portal/warnings/{id:guid}/responses"] = EntityUsers,
        ["GET /api/v1/portal/warnings/{id:guid}/attachments/{sha256}"] = EntityUsers,
        ["GET /warnings/stream"] = Staff,
        ["GET /warnings/{id:guid}/attachments/{sha256}"] = Staff,
        ["GET /devices/{id:guid}/media/{sha256}"] = Staff,
        ["GET /devices/{id:guid}/notice-photo"] = Staff,
        ["GET /warnings/analysis/export"] = Staff,
        ["GET /portal/warnings/{id:guid}/attachments/{sha256}"] = EntityUsers,
        ["GET /api/v1/evidence/"] = Staff,
        ["GET /api/v1/evidence/{id:guid}"] = Staff,
        ["GET /api/v1/evidence/{id:guid}/content"] = Staff,
        ["GET /api/v1/evidence/{id:guid}/custody"] = Staff,
        ["GET /api/v1/evidence/{id:guid}/review"] = Staff,
        ["GET /api/v1/evidence/expiring"] = Admins,
        ["GET /api/v1/evidence/export"] = Staff,
        ["POST /api/v1/evidence/{id:guid}/reviews"] = Handlers,
        ["POST /api/v1/evidence/"] = Handlers,
        ["GET /evidence/{id:guid}/content"] = Staff,
        ["GET /evidence/export"] = Staff,
        ["GET /evidence"] = Staff,
        ["GET /evidence/new"] = Handlers,
        ["GET /evidence/expiring"] = Admins,
        ["GET /evidence/{Id:guid}"] = Staff,
        ["GET /api/v1/clues/"] = Staff,
        ["GET /api/v1/clues/{id:guid}"] = Staff,
        ["POST /api/v1/clues/{id:guid}/accept"] = Handlers,
        ["POST /api/v1/clues/{id:guid}/handle"] = Handlers,
        ["GET /api/v1/cases/"] = Staff,
        ["GET /api/v1/cases/{id:guid}"] = Staff,
        ["POST /api/v1/cases/"] = Handlers,
        ["PUT /api/v1/cases/{id:guid}/investigators"] = Handlers,
        ["POST /api/v1/cases/{id:guid}/evidence"] = Handlers,
        ["POST /api/v1/cases/{id:guid}/documents"] = Handlers,
        ["POST /api/v1/cases/{id:guid}/actions"] = Staff,
        ["GET /api/v1/cases/{id:guid}/file"] = Staff,
        ["GET /api/v1/cases/{id:guid}/export"] = Staff,
        ["GET /cases/{id:guid}/file"] = Staff,
        ["GET /cases/{id:guid}/export"] = Staff,
        ["GET /api/v1/cases/deadlines"] = Staff,
        ["GET /api/v1/cases/deadlines/export"] = Staff,
        ["GET /cases/deadlines/export"] = Staff,
        ["GET /api/v1/accountability"] = Overseers,
        ["GET /api/v1/accountability/export"] = Overseers,
        ["GET /accountability/export"] = Overseers,
        ["GET /api/v1/notifications/mine"] = Staff,
        ["GET /api/v1/platform-clients/"] = Admins,
        ["POST /api/v1/platform-clients/"] = Admins,
        ["POST /api/v1/platform-clients/{id:guid}/revoke"] = Admins,
        ["GET /api/v1/evidence-log/tree-heads/latest"] = Staff,
        ["GET /api/v1/evidence-log/tree-heads"] = Staff,
        ["POST /api/v1/evidence-log/tree-heads"] = Admins,
        ["GET /api/v1/evidence-log/keys"] = Staff,
        ["GET /api/v1/evidence-log/proofs/inclusion"] = Staff,
        ["GET /api/v1/evidence-log/proofs/consistency"] = Staff,
        ["GET /api/v1/evidence-log/leaves/check"] = Staff,
        ["GET /api/v1/documents/"] = Staff,
        ["GET /api/v1/documents/{id:guid}"] = Staff,
        ["GET /api/v1/documents/{id:guid}/preview"] = Staff,
        ["GET /api/v1/documents/{id:guid}/pdf"] = Staff,
        ["GET /api/v1/documents/{id:guid}/signature"] = Staff,
        ["GET /api/v1/documents/{id:guid}/verify"] = Staff,
        ["POST /api/v1/documents/"] = Handlers,
        ["PUT /api/v1/documents/{id:guid}"] = Handlers,
        ["POST /api/v1/documents/{id:guid}/issue"] = Handlers,
        ["GET /api/v1/document-templates/"] = Admins,
        ["GET /api/v1/document-templates/{type}"] = Admins,
        ["PUT /api/v1/document-templates/{type}"] = Admins,
        ["GET /documents/{id:guid}/preview"] = Staff,
        ["GET /documents/{id:guid}/pdf"] = Staff,
        ["GET /documents/{id:guid}/signature"] = Staff,
        ["GET /documents"] = Staff,
        ["GET /documents/templates"] = Admins,
        ["GET /documents/{Id:guid}"] = Staff,
        ["POST /api/v1/auth/revoke"] = Everyone,
        ["POST /logout"] = Everyone,
        ["GET /login"] = null,
        ["GET /denied"] = null,
        ["GET /not-found"] = null,
        ["GET /"] = Everyone,
        ["GET /calendar"] = Everyone,
        ["GET /entities"] = Staff,
        ["GET /entities/new"] = Registrars,
        ["GET /entities/import"] = Registrars,
        ["GET /entities/{Id:guid}"] = Staff,
        ["GET /entities/{Id:guid}/edit"] = Registrars,
        ["GET /devices"] = Staff,
        ["GET /devices/new"] = Registrars,
        ["GET /devices/{Id:guid}"] = Staff,
        ["GET /portal"] = EntityUsers,
        ["GET /portal/self-reports"] = EntityUsers,
        ["GET /portal/warnings"] = EntityUsers,
        ["GET /portal/warnings/{Id:guid}"] = EntityUsers,
        ["GET /portal/messages"] = EntityUsers,
        ["GET /self-reports"] = Staff,
        ["GET /clues"] = Staff,
        ["GET /cases"] = Staff,
        ["GET /cases/deadlines"] = Staff,
        ["GET /accountability"] = Overseers,
        ["GET /cases/new"] = Handlers,
        ["GET /cases/{Id:guid}"] = Staff,
        ["GET /warnings"] = Staff,
        ["GET /warnings/analysis"] = Staff,
        ["GET /portal/devices/{Id:guid}"] = EntityUsers,
        ["GET /public/devices"] = null,
        ["GET /public/catalog"] = null,
        ["GET /catalog"] = Staff,
        ["GET /catalog/{Id:guid}"] = Staff,
        ["GET /admin/agencies"] = Staff,
        ["GET /admin/users"] = Overseers,
        ["GET /admin/users/{Id:guid}"] = Overseers,
        ["GET /audit"] = Overseers,
        ["GET /api/v1/portal/summary"] = EntityUsers,
        ["GET /api/v1/portal/cases"] = EntityUsers,
        ["GET /api/v1/portal/cases/{id:guid}"] = EntityUsers,
        ["POST /api/v1/portal/cases/{id:guid}/statements"] = EntityUsers,
        ["POST /api/v1/portal/cases/{id:guid}/hearing-request"] = EntityUsers,
        ["POST /api/v1/portal/cases/{id:guid}/waiver"] = EntityUsers,
        ["GET /api/v1/portal/activity"] = EntityUsers,
        ["GET /portal/devices"] = EntityUsers,
        ["GET /portal/cases"] = EntityUsers,
        ["GET /portal/cases/{Id:guid}"] = EntityUsers,
        ["GET /portal/activity"] = EntityUsers,
        ["GET /api/v1/notifications/failed"] = [Role.Administrator, Role.Head],
        ["POST /api/v1/notifications/{id:guid}/retry"] = [Role.Administrator, Role.Head],
        ["POST /api/v1/notifications/mine/{id:guid}/read"] = Staff,
        ["GET /api/v1/entities/{id:guid}/phone-calls/"] = Staff,
        ["POST /api/v1/entities/{id:guid}/phone-calls/"] = Handlers,
        ["GET /admin/notifications"] = [Role.Administrator, Role.Head],
        ["GET /inbox"] = Staff,
        ["POST /api/v1/payments/callback"] = DeviceSigned, // the payment platform signs with the shared secret: no user gets in
        ["GET /api/v1/payments/reconciliation"] = Staff,
        ["GET /api/v1/payments/reconciliation/export"] = Staff,
        ["POST /api/v1/payments/{id:guid}/resolution"] = [Role.Officer, Role.Head, Role.Administrator], // administrators: only root payments (checked in the handler)
        ["GET /api/v1/cases/{id:guid}/payment"] = Staff,
        ["GET /api/v1/portal/payments/"] = EntityUsers,
        ["GET /api/v1/portal/payments/{code}"] = EntityUsers,
        ["GET /payments/export"] = Staff,
        ["GET /payments"] = Staff,
        ["GET /portal/payments"] = EntityUsers,
        ["GET /pay/{Code}"] = EntityUsers,
        ["GET /api/v1/portal/service-address/"] = EntityUsers,
        ["POST /api/v1/portal/service-address/preview"] = EntityUsers,
        ["POST /api/v1/portal/service-address/"] = EntityUsers,
        ["GET /api/v1/portal/documents/"] = EntityUsers,
        ["GET /api/v1/portal/documents/{id:guid}"] = EntityUsers,
        ["GET /api/v1/portal/documents/{id:guid}/pdf"] = EntityUsers,
        ["GET /api/v1/entities/{id:guid}/service-address"] = Staff,
        ["POST /api/v1/entities/{id:guid}/service-address"] = Handlers,
        ["GET /api/v1/documents/{id:guid}/service"] = Staff,
        ["GET /api/v1/cases/{id:guid}/service"] = Staff,
        ["GET /api/v1/service/{id:guid}/attachment"] = Staff,
        ["GET /api/v1/service/confirmations/{id:guid}/scan"] = Staff,
        ["GET /api/v1/publications"] = Staff,
        ["POST /api/v1/documents/{id:guid}/service/electronic"] = Handlers,
        ["POST /api/v1/documents/{id:guid}/service"] = Handlers,
        ["POST /api/v1/documents/{id:guid}/publication"] = Heads,
        ["POST /api/v1/publications/{id:guid}/change"] = Heads,
        ["POST /api/v1/publications/{id:guid}/withdrawal"] = Heads,
        ["GET /api/v1/public/decisions"] = null,
        ["GET /portal/documents/{id:guid}/pdf"] = EntityUsers,
        ["GET /service/{id:guid}/attachment"] = Staff,
        ["GET /service/confirmations/{id:guid}/scan"] = Staff,
        ["GET /portal/documents"] = EntityUsers,
        ["GET /portal/documents/{Id:guid}"] = EntityUsers,
        ["GET /portal/service-address"] = EntityUsers,
        ["GET /publications"] = Staff,
        ["GET /public/decisions"] = null,
        ["GET /api/v1/inspections/plan"] = Staff,
        ["GET /api/v1/inspections/plan/export"] = Staff,
        ["GET /api/v1/inspections/"] = Staff,
        ["GET /api/v1/inspections/conflicts"] = Staff,
        ["GET /api/v1/inspections/draws"] = Staff,
        ["GET /api/v1/inspections/draws/{id:guid}"] = Staff,
        ["GET /api/v1/inspections/draws/{id:guid}/pools"] = Staff,
        ["POST /api/v1/inspections/"] = Handlers,
        ["POST /api/v1/inspections/conflicts"] = Handlers,
        ["POST /api/v1/inspections/plan"] = Heads,
        ["POST /api/v1/inspections/draws"] = Heads,
        ["POST /api/v1/inspections/draws/{id:guid}/publish"] = Heads,
        ["GET /api/v1/public/inspections"] = null,
        ["GET /inspections/plan/export"] = Staff,
        ["GET /inspections/draws/{id:guid}/pools"] = Staff,
        ["GET /inspections/plan"] = Staff,
        ["GET /inspections/draws"] = Staff,
        ["GET /inspections/draws/{Id:guid}"] = Staff,
        ["GET /inspections/new"] = Handlers,
        ["GET /inspections/conflicts"] = Staff,
        ["GET /public/inspections"] = null,
        ["GET /api/v1/credit/repairs"] = Staff,
        ["GET /api/v1/credit/repairs/{id:guid}/attachments/{sha256}"] = Staff,
        ["POST /api/v1/credit/repairs/{id:guid}/decision"] = Handlers,
        ["GET /api/v1/credit/key-supervision"] = Staff,
        ["POST /api/v1/credit/key-supervision"] = Handlers,
        ["POST /api/v1/credit/key-supervision/{id:guid}/removal"] = Handlers,
        ["GET /api/v1/credit/distribution"] = Staff,
        ["GET /api/v1/credit/movements"] = Staff,
        ["GET /api/v1/credit/export"] = Staff,
        ["GET /credit/export"] = Staff,
        ["GET /credit/repairs/{id:guid}/attachments/{sha256}"] = Staff,
        ["GET /credit"] = Staff,
        ["GET /credit/repairs"] = Staff,
        ["GET /credit/key-supervision"] = Staff,
        ["GET /api/v1/portal/credit/"] = EntityUsers,
        ["POST /api/v1/portal/credit/repairs"] = EntityUsers,
        ["GET /api/v1/portal/credit/repairs/{id:guid}/attachments/{sha256}"] = EntityUsers,
        ["GET /portal/credit/repairs/{id:guid}/attachments/{sha256}"] = EntityUsers,
        ["GET /portal/credit"] = EntityUsers,
    };

    /// <summary>A demo account for each role: province-level where a role's powers are widest.</summary>
    private static readonly Dictionary<Role, string> Accounts = new()
    {
        [Role.Administrator] = "sd.admin",
        [Role.Officer] = "jn.officer1",
        [Role.LegalReviewer] = "jn.reviewer",
        [Role.Head] = "jn.head",
        [Role.EntityUser] = "ent.demo",
        [Role.Inspector] = "sd.inspector",
    };

    [Fact]
    public void EveryEndpointIsInThePolicyTable()
    {
        var unlisted = Endpoints().Where(e => !Policy.ContainsKey(e)).ToList();
        Assert.True(unlisted.Count == 0, "Endpoints without a row in the authorization table: " + string.Join(", ", unlisted));
        var stale = Policy.Keys.Except(Endpoints()).ToList();
        Assert.True(stale.Count == 0, "Table rows without an endpoint: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task ApiEndpointsAnswerEachRoleAsThePolicySays()
    {
        var failures = new List<string>();
        // Revoke last: it ends the token the other calls use.
        foreach (var endpoint in Policy.Keys.Where(k => k.Contains(" /api/", StringComparison.Ordinal)).OrderBy(k => k.EndsWith("/revoke", StringComparison.Ordinal)))
        {
            var anonymous = await SendAsync(app.Anonymous(), endpoint);
            Check(failures, endpoint, Anonymous, anonymous, Policy[endpoint] is null ? Allowed : HttpStatusCode.Unauthorized);
            foreach (var (role, account) in Accounts)
            {
                var response = await SendAsync(await app.ClientForAsync(account), endpoint);
                var expected = Policy[endpoint] switch
                {
                    null => Allowed,
                    { Length: 0 } => HttpStatusCode.Unauthorized, // device-signed: a user's token is no device signature
                    var roles => roles.Contains(role) ? Allowed : HttpStatusCode.Forbidden,
                };
                Check(failures, endpoint, role.ToString(), response, expected);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task PagesAnswerEachRoleAsThePolicySays()
    {
        var failures = new List<string>();
        var pages = Policy.Keys.Where(k => k.StartsWith("GET /", StringComparison.Ordinal) && !k.Contains(" /api/", StringComparison.Ordinal) && !k.Contains("healthz") && !k.Contains("readyz") && !k.Contains("openapi")).ToList();
        var someUser = await app.UserIdAsync("lx.officer2");
        var someEntity = await app.EntityIdAsync("济南泉城游泳馆有限公司");
        string PathOf(string page) => page[4..].Replace("{Id:guid}", (page.StartsWith("GET /entities/", StringComparison.Ordinal) ? someEntity : someUser).ToString(), StringComparison.Ordinal)
            .Replace("{id:guid}", someUser.ToString(), StringComparison.Ordinal).Replace("{sha256}", new string('0', 64), StringComparison.Ordinal);
        var components = Pages();
        foreach (var page in pages)
        {
            using var response = await app.Anonymous().GetAsync(PathOf(page), HttpCompletionOption.ResponseHeadersRead);
            var expectLogin = Policy[page] is not null;
            if (expectLogin != (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/login", StringComparison.Ordinal)))
            {
                failures.Add($"{page} anonymous: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        foreach (var (role, account) in Accounts)
        {
            var client = await app.CookieClientAsync(account);
            foreach (var page in pages)
            {
                using var response = await client.GetAsync(PathOf(page), HttpCompletionOption.ResponseHeadersRead); // a stream's headers are its answer
                var allowed = Policy[page] is not { } roles || roles.Contains(role);
                var denied = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/denied", StringComparison.Ordinal);
                // A page renders (200); a cookie-authenticated download or stream outside /api may also answer 404 for an id
                // that is not there, or 400 for a query it needs (an export's table) — an answer, not a refusal.
                var answered = components.Contains(page)
                    ? response.StatusCode == HttpStatusCode.OK
                    : response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.BadRequest;
                if (allowed ? !answered : !denied)
                {
                    failures.Add($"{page} as {role}: {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private const HttpStatusCode Allowed = 0;

    private static void Check(List<string> failures, string endpoint, string who, HttpResponseMessage response, HttpStatusCode expected)
    {
        var status = response.StatusCode;
        var ok = expected == Allowed
            ? status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)status < 500
            : status == expected;
        if (!ok)
        {
            failures.Add($"{endpoint} as {who}: got {(int)status}, expected {(expected == Allowed ? "allowed" : ((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture))}");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string endpoint)
    {
        var space = endpoint.IndexOf(' ', StringComparison.Ordinal);
        var path = endpoint[(space + 1)..]
            .Replace("{id:guid}", (await IdFor(endpoint)).ToString(), StringComparison.Ordinal)
            .Replace("{incidentId:guid}", Guid.Empty.ToString(), StringComparison.Ordinal)
            .Replace("{sha256}", new string('0', 64), StringComparison.Ordinal)
            .Replace("{year:int}", "2026", StringComparison.Ordinal)
            .Replace("{date}", "2026-12-01", StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal);
        if (endpoint.EndsWith("/calendar/due", StringComparison.Ordinal))
        {
            path += "?from=2026-09-18&days=7&kind=working";
        }

        var request = new HttpRequestMessage(new HttpMethod(endpoint[..space]), path);
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Delete)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        // Headers only, then closed: the event stream never ends by itself, and status and headers are all the table checks.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response;
    }

    private async Task<Guid> IdFor(string endpoint) =>
        endpoint.Contains("/users/", StringComparison.Ordinal) ? await app.UserIdAsync("lx.officer2")
        : endpoint.Contains("/entities/", StringComparison.Ordinal) ? await app.EntityIdAsync("济南泉城游泳馆有限公司")
        : await app.AgencyIdAsync("370102");

    private IEnumerable<string> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsFrameworkAsset(e))
            .SelectMany(e => Methods(e).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Distinct();

    /// <summary>The Blazor pages among the table's rows (the other GETs outside /api are downloads and the board's stream).</summary>
    private HashSet<string> Pages() =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null).Select(e => $"GET /{e.RoutePattern.RawText!.TrimStart('/')}")];

    /// <summary>A page is one endpoint for GET and its form POSTs, so one authorization decision: listed once, as GET.</summary>
    private static IEnumerable<string> Methods(RouteEndpoint e) =>
        e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null ? ["GET"] : e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];

    /// <summary>Static files (css, scripts, browser libraries under lib/, the API docs page's assets) and Blazor's own plumbing carry no data.</summary>
    private static bool IsFrameworkAsset(RouteEndpoint e)
    {
        var route = e.RoutePattern.RawText!.TrimStart('/');
        return route.StartsWith("css/", StringComparison.Ordinal) || route.StartsWith("js/", StringComparison.Ordinal) || route.StartsWith("lib/", StringComparison.Ordinal)
            || route.StartsWith("_framework/", StringComparison.Ordinal)
            || route.StartsWith("{**path:file}", StringComparison.Ordinal) || (route.Contains('.', StringComparison.Ordinal) && !route.StartsWith("openapi", StringComparison.Ordinal));
    }
}
