using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Server.Demo;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Portal.TestPortal;

namespace Tianmu.Server.Tests.Portal;

/// <summary>
/// Portal isolation (issue 8 §6): a user of entity B reaches none of entity A's objects through ANY portal endpoint —
/// an object route answers 404, a list leaves A's rows out. The table below says, for every route under
/// /api/v1/portal, how to aim it at an object of A; a route the table does not list fails the test, so no portal
/// endpoint can be added without its isolation row. Each row is checked against A's own user too (A sees the object),
/// so a probe that misses its target cannot pass by accident.
/// </summary>
public sealed class PortalIsolationTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private static readonly string Password = DemoData.Password;

    /// <summary>Entity A's objects (A = 泉城, its user ent.demo).</summary>
    private sealed record World(
        Guid Entity, Guid Device, string DeviceTextHash, Guid Warning, string Attachment, Guid Message, Guid Case, Guid Form, string CommitmentHash,
        Guid Confirmation, Guid ServedDocument, string PaymentCode, Guid Repair, string RepairAttachment);

    /// <summary>How to aim a route at A: a list (must not contain <c>Marker</c>) or one object (must be 404).</summary>
    private sealed record Probe(HttpMethod Method, string Path, bool List, string? Marker = null, object? Json = null, HttpContent? Content = null);

    private static Probe ListOf(string path, Guid marker) => new(HttpMethod.Get, path, true, marker.ToString());

    private static Probe Get(string path) => new(HttpMethod.Get, path, false);

    private static Probe Post(string path, object json) => new(HttpMethod.Post, path, false, Json: json);

    private static readonly Dictionary<string, Func<World, Probe>> Table = new()
    {
        ["GET /api/v1/portal/summary"] = w => ListOf("/api/v1/portal/summary", w.Entity),
        ["GET /api/v1/portal/devices"] = w => ListOf("/api/v1/portal/devices", w.Device),
        ["GET /api/v1/portal/devices/{id:guid}/confirmation"] = w => Get($"/api/v1/portal/devices/{w.Device}/confirmation"),
        ["POST /api/v1/portal/devices/{id:guid}/confirmation"] = w => Post($"/api/v1/portal/devices/{w.Device}/confirmation", new { textHash = w.DeviceTextHash, agree = true, password = Password }),
        ["GET /api/v1/portal/cases"] = w => ListOf("/api/v1/portal/cases?pageSize=100", w.Case),
        ["GET /api/v1/portal/cases/{id:guid}"] = w => Get($"/api/v1/portal/cases/{w.Case}"),
        ["POST /api/v1/portal/cases/{id:guid}/statements"] = w => Post($"/api/v1/portal/cases/{w.Case}/statements", new { text = "申辩", password = Password }),
        ["POST /api/v1/portal/cases/{id:guid}/hearing-request"] = w => Post($"/api/v1/portal/cases/{w.Case}/hearing-request", new { password = Password }),
        ["POST /api/v1/portal/cases/{id:guid}/waiver"] = w => Post($"/api/v1/portal/cases/{w.Case}/waiver", new { confirm = true, password = Password }),
        ["GET /api/v1/portal/activity"] = w => ListOf("/api/v1/portal/activity?pageSize=100", w.Entity),
        ["GET /api/v1/portal/warnings/"] = w => ListOf("/api/v1/portal/warnings?pageSize=100", w.Warning),
        ["GET /api/v1/portal/warnings/{id:guid}"] = w => Get($"/api/v1/portal/warnings/{w.Warning}"),
        ["POST /api/v1/portal/warnings/{id:guid}/responses"] = w => Post($"/api/v1/portal/warnings/{w.Warning}/responses", new { kind = "Confirm", password = Password }),
        ["GET /api/v1/portal/warnings/{id:guid}/attachments/{sha256}"] = w => Get($"/api/v1/portal/warnings/{w.Warning}/attachments/{w.Attachment}"),
        ["GET /api/v1/portal/credit/"] = w => ListOf("/api/v1/portal/credit", w.Repair),
        ["POST /api/v1/portal/credit/repairs"] = w => Post("/api/v1/portal/credit/repairs", new { factKind = "warning", factId = w.Warning, statement = "已整改。", password = Password }),
        ["GET /api/v1/portal/credit/repairs/{id:guid}/attachments/{sha256}"] = w => Get($"/api/v1/portal/credit/repairs/{w.Repair}/attachments/{w.RepairAttachment}"),
        ["GET /api/v1/portal/messages/"] = w => ListOf("/api/v1/portal/messages?pageSize=100", w.Message),
        ["POST /api/v1/portal/messages/{id:guid}/read"] = w => Post($"/api/v1/portal/messages/{w.Message}/read", new { }),
        ["GET /api/v1/portal/self-reports/due"] = w => ListOf("/api/v1/portal/self-reports/due", w.Entity),
        ["GET /api/v1/portal/service-address/"] = w => ListOf("/api/v1/portal/service-address", w.Confirmation),
        ["POST /api/v1/portal/service-address/preview"] = w => Post("/api/v1/portal/service-address/preview", Terms(w.Entity)),
        ["POST /api/v1/portal/service-address/"] = w => Post("/api/v1/portal/service-address", Terms(w.Entity)),
        ["GET /api/v1/portal/documents/"] = w => ListOf("/api/v1/portal/documents", w.ServedDocument),
        ["GET /api/v1/portal/documents/{id:guid}"] = w => Get($"/api/v1/portal/documents/{w.ServedDocument}"),
        ["GET /api/v1/portal/documents/{id:guid}/pdf"] = w => Get($"/api/v1/portal/documents/{w.ServedDocument}/pdf"),
        ["GET /api/v1/portal/payments/"] = w => new Probe(HttpMethod.Get, "/api/v1/portal/payments", true, w.PaymentCode),
        ["GET /api/v1/portal/payments/{code}"] = w => Get($"/api/v1/portal/payments/{w.PaymentCode}"),
        ["POST /api/v1/portal/self-reports/"] = w => new Probe(HttpMethod.Post, "/api/v1/portal/self-reports", false, Content: new MultipartFormDataContent
        {
            {
                new StringContent(JsonSerializer.Serialize(new
                {
                    formId = w.Form, entityId = w.Entity, values = new Dictionary<string, string> { ["free_chlorine"] = "0.5" }, commitmentHash = w.CommitmentHash, agree = true, password = Password,
                })),
                "report"
            },
        }),
    };

    [Fact]
    public void EveryPortalEndpointHasAnIsolationRow()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/v1/portal", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .ToHashSet();
        var missing = routes.Except(Table.Keys).ToList();
        Assert.True(missing.Count == 0, "Portal endpoints without an isolation row: " + string.Join(", ", missing));
        var stale = Table.Keys.Except(routes).ToList();
        Assert.True(stale.Count == 0, "Isolation rows without an endpoint: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task AUserOfAnotherEntityReachesNoneOfTheEntitysObjectsThroughAnyPortalEndpoint()
    {
        var world = await WorldAsync();
        var owner = await app.ClientForAsync("ent.demo");
        var outsider = await PartyAsync(app, "ent.outsider", Minghu);
        var failures = new List<string>();
        foreach (var (route, aim) in Table)
        {
            var probe = aim(world);
            using var response = await outsider.SendAsync(Request(probe));
            var body = await response.Content.ReadAsStringAsync();
            if (probe.List)
            {
                if (response.StatusCode != HttpStatusCode.OK || body.Contains(probe.Marker!, StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"{route}: the other entity's user got {(int)response.StatusCode} with A's object {probe.Marker} {(body.Contains(probe.Marker!, StringComparison.OrdinalIgnoreCase) ? "listed" : "")}");
                }

                // Control: the probe does aim at A — A's own user sees the object in the same list.
                var own = await owner.GetStringAsync(probe.Path);
                if (!own.Contains(probe.Marker!, StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"{route}: probe broken, A's own user does not see {probe.Marker}");
                }
            }
            else
            {
                if (response.StatusCode != HttpStatusCode.NotFound || !body.Contains("\"not_found\"", StringComparison.Ordinal))
                {
                    failures.Add($"{route}: the other entity's user got {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
                }

                if (probe.Method == HttpMethod.Get && (await owner.GetAsync(probe.Path)).StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{route}: probe broken, A's own user cannot read {probe.Path}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // And nothing the probes sent changed A's objects.
        await using var db = app.Db();
        Assert.False(await db.CaseStatements.AnyAsync(s => s.CaseId == world.Case));
        Assert.Null((await db.Devices.SingleAsync(d => d.Id == world.Device)).ConfirmedAt);
        Assert.Null((await db.Notifications.SingleAsync(n => n.Id == world.Message)).ReadAt);
        Assert.Equal(1, await db.WarningResponses.CountAsync(r => r.WarningId == world.Warning));
        Assert.False(await db.SelfReports.AnyAsync(r => r.EntityId == world.Entity));
        Assert.Equal(1, await db.CreditRepairs.CountAsync(r => r.EntityId == world.Entity));
    }

    /// <summary>Service-address terms aimed at <paramref name="entity"/>, with everything a signature needs but a matching hash.</summary>
    private static object Terms(Guid entity) => new
    {
        entityId = entity,
        address = "历下区泉城路 1 号",
        method = "Electronic",
        electronicConsent = true,
        portal = true,
        textHash = new string('0', 64),
        agree = true,
        password = Password,
    };

    private static HttpRequestMessage Request(Probe probe) => new(probe.Method, probe.Path)
    {
        Content = probe.Content ?? (probe.Json is { } json ? new StringContent(JsonSerializer.Serialize(json), Encoding.UTF8, "application/json") : null),
    };

    /// <summary>A's objects: a device awaiting its confirmation, a warning it answered with a file, a document in its inbox, a filed case, a form that binds it.</summary>
    private async Task<World> WorldAsync()
    {
        var entity = await app.EntityIdAsync(Quancheng);
        var owner = await app.ClientForAsync("ent.demo");
        var (device, _) = await TestDevices.ActiveAsync(app, Quancheng, "ISOLATION-1", activate: false, credential: false);
        var textHash = (await owner.GetFromJsonAsync<JsonElement>($"/api/v1/portal/devices/{device}/confirmation")).GetProperty("textHash").GetString()!;

        var warning = await TestWarnings.RaiseAsync(app, Quancheng, "隔离测试：浑浊度高于上限");
        using var answer = new MultipartFormDataContent
        {
            { new StringContent("Explain"), "kind" }, { new StringContent("已更换滤料。"), "text" }, { new StringContent(Password), "password" },
            { new ByteArrayContent(Snapshots.Jpeg("view")) { Headers = { ContentType = new("image/jpeg") } }, "files", "记录.jpg" },
        };
        var answered = await owner.PostAsync($"/api/v1/portal/warnings/{warning}/responses", answer);
        Assert.True(answered.StatusCode == HttpStatusCode.Created, await answered.Content.ReadAsStringAsync());
        var sha = (await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attachments")[0].GetProperty("sha256").GetString()!;

        // A's grade names the warning; A applied for its repair with a file (信用修复).
        await Credit.TestCredit.GradeAsync(app, Quancheng, Credit.TestCredit.Today, 95, Credit.TestCredit.Warning(warning, -5));
        using var repair = new MultipartFormDataContent
        {
            { new StringContent("warning"), "factKind" }, { new StringContent(warning.ToString()), "factId" }, { new StringContent("已更换滤料。"), "statement" },
            { new StringContent(Password), "password" }, { new ByteArrayContent(Snapshots.Jpeg("view")) { Headers = { ContentType = new("image/jpeg") } }, "files", "整改.jpg" },
        };
        var applied = await owner.PostAsync("/api/v1/portal/credit/repairs", repair);
        Assert.True(applied.StatusCode == HttpStatusCode.Created, await applied.Content.ReadAsStringAsync());
        var repaired = await applied.Content.ReadFromJsonAsync<JsonElement>();

        var message = await DocumentServedAsync(app, Quancheng, "行政处罚决定书（隔离测试）");
        var filed = await FiledAsync(app, Quancheng);
        Guid catalogItem;
        await using (var db = app.Db())
        {
            catalogItem = await db.CatalogItems.Where(i => i.Code == "济-GGCS-001").Select(i => i.Id).SingleAsync();
        }

        var created = await (await app.ClientForAsync("jn.admin")).PostAsJsonAsync("/api/v1/self-reports/forms", new
        {
            catalogItemId = catalogItem,
            name = "隔离测试日报",
            categories = new[] { "PublicPlace" },
            subCategories = new[] { "游泳场所" },
            fields = new object[] { new { code = "free_chlorine", label = "游离性余氯", type = "Number", unit = "mg/L", min = 0, max = 20, required = true } },
            frequency = "Daily",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var form = await created.Content.ReadFromJsonAsync<JsonElement>();
        // A decision served electronically to the portal (送达), and a fine served on the spot whose payment notice carries a code (缴款).
        var confirmation = (await Service.TestService.SignAsync(app, "ent.demo", Service.TestService.AllAddresses)).GetProperty("id").GetGuid();
        var officer = await app.ClientForAsync("lx.officer1");
        var decided = await Service.TestService.DecidedAsync(app, Quancheng);
        var decision = (await Cases.TestCases.IssueAsync(officer, decided, "PenaltyDecision")).GetProperty("id").GetGuid();
        var served = await officer.PostAsync($"/api/v1/documents/{decision}/service/electronic", null);
        Assert.True(served.IsSuccessStatusCode, await served.Content.ReadAsStringAsync());
        var code = await Payments.TestPayments.CodeAsync(app, await Payments.TestPayments.ServedAsync(app, Quancheng, 500m)); // a fine: DecidedAsync only warns

        return new World(entity, device, textHash, warning, sha, message, filed, form.GetProperty("id").GetGuid(), form.GetProperty("commitmentHash").GetString()!,
            confirmation, decision, code, repaired.GetProperty("id").GetGuid(), repaired.GetProperty("attachments")[0].GetProperty("sha256").GetString()!);
    }
}
