using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Auth;

/// <summary>
/// Every officer acts inside their agency's subtree (BRIEF "Who uses it"): data of another
/// jurisdiction is invisible — a 404 as if it did not exist, never the data and never a 403 that
/// would confirm it exists.
/// </summary>
public sealed class JurisdictionTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private const string LixiaPool = "济南泉城游泳馆有限公司";
    private const string LaoshanPool = "青岛崂山海韵游泳馆";

    [Fact]
    public async Task CountyOfficerGets404ForAnotherCountysEntity()
    {
        var lixia = await app.ClientForAsync("lx.officer1");
        var other = await lixia.GetAsync($"/api/v1/entities/{await app.EntityIdAsync(LaoshanPool)}");
        var problem = await Problem.ReadAsync(other, HttpStatusCode.NotFound);
        Assert.Equal("not_found", problem.Code);
        Assert.DoesNotContain(LaoshanPool, problem.Body.GetRawText(), StringComparison.Ordinal);

        var own = await lixia.GetFromJsonAsync<JsonElement>($"/api/v1/entities/{await app.EntityIdAsync(LixiaPool)}");
        Assert.Equal(LixiaPool, own.GetProperty("name").GetString());
    }

    [Fact]
    public async Task SiblingCountyIsAsInvisibleAsAnotherCity()
    {
        var shizhong = await app.ClientForAsync("szq.officer1");
        var response = await shizhong.GetAsync($"/api/v1/entities/{await app.EntityIdAsync(LixiaPool)}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("lx.officer1", 10, "370102")]  // a county sees its own entities
    [InlineData("jn.officer1", 19, "3701")]    // a city sees its counties
    [InlineData("ls.officer1", 11, "370212")]
    [InlineData("sd.inspector", 30, "37")]     // the province sees everything below it
    public async Task ListsContainOnlyTheJurisdiction(string user, int expected, string divisionPrefix)
    {
        var client = await app.ClientForAsync(user);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/entities?pageSize=200");
        Assert.Equal(expected, page.GetProperty("total").GetInt32());
        var agencies = (await client.GetFromJsonAsync<JsonElement>("/api/v1/agencies")).EnumerateArray().Select(a => a.GetProperty("divisionCode").GetString()!).ToList();
        Assert.All(agencies, code => Assert.StartsWith(divisionPrefix, code, StringComparison.Ordinal));
        var agencyIds = (await client.GetFromJsonAsync<JsonElement>("/api/v1/agencies")).EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToHashSet();
        Assert.All(page.GetProperty("items").EnumerateArray(), e => Assert.Contains(e.GetProperty("agencyId").GetGuid(), agencyIds));
    }

    [Fact]
    public async Task AdministratorOfOneCityCannotReadOrChangeAnotherCitysUsers()
    {
        var qingdao = await app.ClientForAsync("qd.admin");
        var jinanUser = await app.UserIdAsync("jn.officer2");
        var before = await app.AuditCountAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await qingdao.GetAsync($"/api/v1/users/{jinanUser}")).StatusCode);
        var update = await qingdao.PutAsJsonAsync($"/api/v1/users/{jinanUser}", new { displayName = "篡改", roles = new[] { "Officer" }, credentialNumber = "1", isActive = false });
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        var reset = await qingdao.PostAsJsonAsync($"/api/v1/users/{jinanUser}/password", new { password = "Hijack@2026x" });
        Assert.Equal(HttpStatusCode.NotFound, reset.StatusCode);

        var create = await qingdao.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "qd.sneaky",
            displayName = "越权",
            agencyId = await app.AgencyIdAsync("370102"),
            roles = new[] { "Officer" },
            credentialNumber = "37020001",
            password = "Sneaky@2026x",
        });
        var problem = await Problem.ReadAsync(create, HttpStatusCode.BadRequest);
        Assert.True(problem.Body.GetProperty("errors").TryGetProperty("agencyId", out _));
        Assert.Equal(before, await app.AuditCountAsync()); // nothing written
    }

    [Fact]
    public async Task AuditTrailIsScopedToo()
    {
        // A change made in Jinan is visible to Jinan's head, not to Qingdao's.
        var jinan = await app.ClientForAsync("jn.admin");
        var agency = await app.AgencyIdAsync("370103");
        var renamed = await jinan.PutAsJsonAsync($"/api/v1/agencies/{agency}", new { name = "济南市市中区卫生健康局", shortName = "济市中" });
        renamed.EnsureSuccessStatusCode();
        await jinan.PutAsJsonAsync($"/api/v1/agencies/{agency}", new { name = "济南市市中区卫生健康局（改）", shortName = "济市中" });

        var jinanHead = await (await app.ClientForAsync("jn.head")).GetFromJsonAsync<JsonElement>("/api/v1/audit?entityType=agency&pageSize=200");
        Assert.Contains(jinanHead.GetProperty("items").EnumerateArray(), a => a.GetProperty("actorName").GetString() == "jn.admin");
        var qingdaoHead = await (await app.ClientForAsync("qd.head")).GetFromJsonAsync<JsonElement>("/api/v1/audit?pageSize=200");
        Assert.DoesNotContain(qingdaoHead.GetProperty("items").EnumerateArray(), a => a.GetProperty("actorName").GetString() == "jn.admin");
    }

    [Fact]
    public async Task EntityUsersSeeNoAgencyData()
    {
        var entity = await app.ClientForAsync("ent.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await entity.GetAsync("/api/v1/entities")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await entity.GetAsync("/api/v1/agencies")).StatusCode);
    }
}
