using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Users;

public sealed class UserAdministrationTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private async Task<JsonElement> CreateOfficerAsync(HttpClient admin, string userName, string phone = "13812345678")
    {
        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName,
            displayName = "新同事",
            agencyId = await app.AgencyIdAsync("370102"),
            roles = new[] { "Officer" },
            credentialNumber = "37010099",
            phone,
            password = "Officer@2026x",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task CreatingAUserIsAuditedWithTheRequestId()
    {
        var admin = await app.ClientForAsync("jn.admin");
        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "lx.officer9",
            displayName = "新同事",
            agencyId = await app.AgencyIdAsync("370102"),
            roles = new[] { "Officer" },
            credentialNumber = "37010099",
            password = "Officer@2026x",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        await using var db = app.Db();
        var records = await db.AuditRecords.Where(a => a.RequestId == requestId).ToListAsync();
        Assert.Contains(records, r => r.EntityType == "user" && r.EntityId == id && r.Action == "user.created" && r.ActorName == "jn.admin");
        Assert.Contains(records, r => r.EntityType == "user_role" && r.EntityId == $"{id}:Officer");
    }

    [Fact]
    public async Task PhoneIsEncryptedAtRestAndMaskedInLists()
    {
        var admin = await app.ClientForAsync("jn.admin");
        var user = await CreateOfficerAsync(admin, "lx.phone", "13912345678");
        Assert.Equal("139****5678", user.GetProperty("phone").GetString());

        await using var db = app.Db();
        var stored = await db.Users.Where(u => u.UserName == "lx.phone").Select(u => u.PhoneCipher).SingleAsync();
        Assert.DoesNotContain("13912345678", stored!, StringComparison.Ordinal);
        var trail = await db.AuditRecords.Where(a => a.EntityType == "user").Select(a => a.Changes).ToListAsync();
        Assert.DoesNotContain(trail, c => c.Contains("13912345678", StringComparison.Ordinal));

        var list = await admin.GetStringAsync("/api/v1/users?q=lx.phone");
        Assert.Contains("139****5678", list, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccount()
    {
        await CreateOfficerAsync(await app.ClientForAsync("jn.admin"), "lx.lockme");
        var client = app.Anonymous();
        for (var i = 1; i <= 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "lx.lockme", password = "Wrong@2026x" + i });
            Assert.Equal(i < 5 ? "invalid_credentials" : "account_locked", (await Problem.ReadAsync(wrong, HttpStatusCode.Unauthorized)).Code);
        }

        var right = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "lx.lockme", password = "Officer@2026x" });
        Assert.Equal("account_locked", (await Problem.ReadAsync(right, HttpStatusCode.Unauthorized)).Code);

        // The administrator's reset unlocks it.
        var admin = await app.ClientForAsync("jn.admin");
        var id = await app.UserIdAsync("lx.lockme");
        (await admin.PostAsJsonAsync($"/api/v1/users/{id}/password", new { password = "Fresh@2026xy" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "lx.lockme", password = "Fresh@2026xy" })).StatusCode);
    }

    [Fact]
    public async Task DeactivatedUsersLoseTheirTokensAtOnce()
    {
        var admin = await app.ClientForAsync("jn.admin");
        await CreateOfficerAsync(admin, "lx.leaver");
        var leaver = app.Anonymous();
        leaver.DefaultRequestHeaders.Authorization = new("Bearer", await TianmuApp.IssueTokenAsync(leaver, "lx.leaver", "Officer@2026x"));
        Assert.Equal(HttpStatusCode.OK, (await leaver.GetAsync("/api/v1/me")).StatusCode);

        var id = await app.UserIdAsync("lx.leaver");
        (await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { isActive = false })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await leaver.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task PasswordResetRevokesExistingTokens()
    {
        var admin = await app.ClientForAsync("jn.admin");
        await CreateOfficerAsync(admin, "lx.reset");
        var user = app.Anonymous();
        user.DefaultRequestHeaders.Authorization = new("Bearer", await TianmuApp.IssueTokenAsync(user, "lx.reset", "Officer@2026x"));
        var id = await app.UserIdAsync("lx.reset");
        (await admin.PostAsJsonAsync($"/api/v1/users/{id}/password", new { password = "Other@2026xyz" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task WeakPasswordsAreRefusedInChinese()
    {
        var admin = await app.ClientForAsync("jn.admin");
        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "lx.weak",
            displayName = "弱",
            agencyId = await app.AgencyIdAsync("370102"),
            roles = new[] { "LegalReviewer" },
            password = "abc",
        });
        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("8", problem.Body.GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficersNeedACredentialNumber()
    {
        // 行政处罚法 art. 42: enforcement by officers holding enforcement credentials.
        var admin = await app.ClientForAsync("jn.admin");
        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "lx.nocard",
            displayName = "无证",
            agencyId = await app.AgencyIdAsync("370102"),
            roles = new[] { "Officer" },
            password = "Officer@2026x",
        });
        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("第四十二条", problem.Body.GetProperty("errors").GetProperty("credentialNumber")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateUserNameIs409()
    {
        var admin = await app.ClientForAsync("jn.admin");
        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "JN.OFFICER1",
            displayName = "重名",
            agencyId = await app.AgencyIdAsync("370100"),
            roles = new[] { "Officer" },
            credentialNumber = "1",
            password = "Officer@2026x",
        });
        Assert.Equal("user_name_taken", (await Problem.ReadAsync(response, HttpStatusCode.Conflict)).Code);
    }

    [Fact]
    public async Task BootstrapAdministratorExistsWithTheConfiguredPassword()
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await TianmuApp.IssueTokenAsync(client, "admin", TianmuApp.AdminPassword));
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("系统管理员", me.GetProperty("roleNames")[0].GetString());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("agencyId").ValueKind);
    }
}
