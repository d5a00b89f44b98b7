using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Tianmu.Persistence;
using Tianmu.Server.Demo;
using Tianmu.Tests.Support;

namespace Tianmu.Server.Tests.Support;

/// <summary>
/// The real server (same Program, same pipeline) on a fresh database of the provider under test,
/// with the demo tree, users and entities loaded. One per test class.
/// </summary>
public class TianmuApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "Admin@Test2026";

    private readonly ConcurrentDictionary<string, string> tokens = new();
    private readonly string dataDir = Directory.CreateTempSubdirectory("tianmu-app-").FullName;

    /// <summary>The server's data folder (object store under objects/).</summary>
    public string DataDir => dataDir;

    /// <summary>Shared by every node in a test: several nodes must agree on it (as operators configure it).</summary>
    public static readonly string PersonalDataKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private bool ownsDatabase;

    public TestDatabase Database { get; private set; } = default!;

    private IReadOnlyDictionary<string, string> nodeSettings = new Dictionary<string, string>();

    /// <summary>A server node on an existing database, as when several nodes share one PostgreSQL; <paramref name="settings"/> are further configuration.</summary>
    public static TianmuApp NodeOn(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null) =>
        new() { Database = database, nodeSettings = settings ?? new Dictionary<string, string>() };

    public virtual async Task InitializeAsync()
    {
        if (Database is null)
        {
            Database = await TestDatabase.CreateAsync();
            ownsDatabase = true;
        }

        BeforeStart();
        _ = Services; // start the host: migrations, bootstrap admin and demo data run now
    }

    /// <summary>Last chance for a derived fixture to change how the server is hosted.</summary>
    protected virtual void BeforeStart()
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Tianmu:Database:Provider", Database.Settings.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres");
        builder.UseSetting("ConnectionStrings:Tianmu", Database.Settings.ConnectionString);
        builder.UseSetting("Tianmu:DataDir", dataDir);
        builder.UseSetting("Tianmu:Demo", "true");
        builder.UseSetting("Tianmu:Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Tianmu:Security:PersonalDataKey", PersonalDataKey);
        builder.UseSetting("Tianmu:Hj212:Port", "0"); // a free port each: test servers run side by side
        foreach (var (key, value) in nodeSettings)
        {
            builder.UseSetting(key, value);
        }

        Configure(builder);
    }

    /// <summary>Further settings of a derived fixture.</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    /// <summary>A client carrying a bearer token of the given demo user (password <see cref="DemoData.Password"/>).</summary>
    public async Task<HttpClient> ClientForAsync(string userName, string password = DemoData.Password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientBaseAddress });
        if (!tokens.TryGetValue(userName, out var token))
        {
            token = await IssueTokenAsync(client, userName, password);
            tokens[userName] = token;
        }

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<string> IssueTokenAsync(HttpClient client, string userName, string password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = userName, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        return body!["access_token"].ToString()!;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientBaseAddress });

    /// <summary>Where the fixture's API clients send requests: the in-memory test server, or a real port where a fixture serves on one.</summary>
    protected virtual Uri ClientBaseAddress => new("http://localhost");

    public TianmuDb Db() => Database.Context();

    public async Task<Guid> UserIdAsync(string userName)
    {
        await using var db = Db();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    public async Task<Guid> AgencyIdAsync(string divisionCode)
    {
        await using var db = Db();
        return await db.Agencies.Where(a => a.DivisionCode == divisionCode).Select(a => a.Id).SingleAsync();
    }

    public async Task<Guid> EntityIdAsync(string name)
    {
        await using var db = Db();
        return await db.Entities.Where(e => e.Name == name).Select(e => e.Id).SingleAsync();
    }

    /// <summary>Audit records in all, or only <paramref name="actor"/>'s (background jobs may be auditing meanwhile).</summary>
    public async Task<long> AuditCountAsync(string? actor = null)
    {
        await using var db = Db();
        return await db.AuditRecords.Where(a => actor == null || a.ActorName == actor).LongCountAsync();
    }

    /// <summary>Releases what a derived fixture holds before the server stops.</summary>
    protected virtual Task BeforeDisposeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await BeforeDisposeAsync();
        await base.DisposeAsync();
        if (ownsDatabase)
        {
            await Database.DisposeAsync();
        }

        Directory.Delete(dataDir, recursive: true);
    }
}
