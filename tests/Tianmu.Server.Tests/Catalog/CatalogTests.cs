using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Devices;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Catalog;

/// <summary>Z3 (catalog, published without login) and Z5 (coverage, reproducible draws).</summary>
public sealed class CatalogTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private static object Item(string code, Guid agencyId, string name, string rulePack = "gb37488-2019/pool-water") => new
    {
        code,
        agencyId,
        name,
        categories = new[] { "PublicPlace" },
        methods = new[] { "OnlineMonitoring" },
        rulePack,
        obligationBasis = "《公共场所卫生管理条例》第三条",
        penaltyBasis = "《公共场所卫生管理条例实施细则》第三十六条",
        discretionRange = "警告，可处二千元以下罚款",
        leniency = "首违不罚",
        effectiveFrom = "2026-01-01",
    };

    private static async Task<JsonElement> OkJson(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task ThePublishedCatalogIsPublicAndIncludesTheAgenciesAbove()
    {
        var lixia = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/public/catalog?agency=370102");
        var codes = lixia.EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.Contains("鲁-GGCS-001", codes);  // provincial, applies in the county
        Assert.Contains("济-GGCS-001", codes);  // the city above
        var city = lixia.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "济-GGCS-001");
        Assert.Equal(2, city.GetProperty("current").GetProperty("number").GetInt32());

        var laoshan = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/public/catalog?agency=370212");
        Assert.DoesNotContain(laoshan.EnumerateArray(), i => i.GetProperty("code").GetString() == "济-GGCS-001");

        var versions = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/public/catalog/{city.GetProperty("id").GetGuid()}/versions");
        Assert.Equal(["公共场所未公示卫生检测结果", "沐浴场所未公示卫生检测结果"], versions.EnumerateArray().Select(v => v.GetProperty("name").GetString()));

        var page = await app.Anonymous().GetAsync("/public/catalog?agency=370102");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("游泳场所水质不符合卫生标准", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditsMakeNewVersionsAndWhatWasPublishedStays()
    {
        var admin = await app.ClientForAsync("jn.admin");
        var lixia = await app.AgencyIdAsync("370102");
        var created = await OkJson(await admin.PostAsJsonAsync("/api/v1/catalog", Item("济历-TEST-001", lixia, "第一版名称")));
        var id = created.GetProperty("id").GetGuid();
        async Task<List<string?>> PublicNames() => [.. (await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/public/catalog?agency=370102"))
            .EnumerateArray().Where(i => i.GetProperty("id").GetGuid() == id).Select(i => i.GetProperty("current").GetProperty("name").GetString())];

        Assert.Empty(await PublicNames()); // a draft is not public
        await OkJson(await admin.PostAsync($"/api/v1/catalog/{id}/publish", null));
        Assert.Equal(["第一版名称"], await PublicNames());

        var draft = await OkJson(await admin.PutAsJsonAsync($"/api/v1/catalog/{id}/draft", Item("x", lixia, "第二版名称")));
        Assert.Equal(2, draft.GetProperty("draft").GetProperty("number").GetInt32());
        Assert.Equal(["第一版名称"], await PublicNames()); // until published
        await OkJson(await admin.PostAsync($"/api/v1/catalog/{id}/publish", null));
        Assert.Equal(["第二版名称"], await PublicNames());

        var history = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/public/catalog/{id}/versions");
        Assert.Equal(["第二版名称", "第一版名称"], history.EnumerateArray().Select(v => v.GetProperty("name").GetString()));
        Assert.Equal("catalog.no_draft", (await Problem.ReadAsync(await admin.PostAsync($"/api/v1/catalog/{id}/publish", null), HttpStatusCode.Conflict)).Code);
    }

    [Fact]
    public async Task AnItemNamesOnlyARulePackThePlatformShips()
    {
        var admin = await app.ClientForAsync("jn.admin");
        var unknown = await admin.PostAsJsonAsync("/api/v1/catalog", Item("济历-TEST-002", await app.AgencyIdAsync("370102"), "规则包校验", "gb0000/none"));
        var problem = await Problem.ReadAsync(unknown, HttpStatusCode.BadRequest);
        Assert.Contains("gb37488-2019/pool-water", problem.Body.GetProperty("errors").GetProperty("rulePack")[0].GetString());
    }

    [Fact]
    public async Task LowerAgenciesReadButCannotEditAProvincialItem()
    {
        await using var db = app.Db();
        var provincial = await db.CatalogItems.Where(i => i.Code == "鲁-GGCS-002").Select(i => i.Id).SingleAsync();
        var jinan = await app.ClientForAsync("jn.admin");
        Assert.Equal(HttpStatusCode.OK, (await jinan.GetAsync($"/api/v1/catalog/{provincial}")).StatusCode);
        var edit = await jinan.PutAsJsonAsync($"/api/v1/catalog/{provincial}/draft", Item("x", await app.AgencyIdAsync("370000"), "越权修改"));
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
    }

    [Fact]
    public async Task CoverageCountsActiveDevicesAndDrawsAreReproducible()
    {
        await using (var db = app.Db())
        {
            // One Lixia pool gets an active device (every lifecycle step taken in order).
            var pool = await db.Entities.SingleAsync(e => e.Name == "济南明湖水上运动中心");
            var device = new Device(Guid.CreateVersion7(), pool, new DeviceSpec(DeviceType.WaterQualityAnalyser, "m", "x", "COV-1", false, DeviceProtocol.Http, null, null,
                Mobility.Fixed, PlaceType.PlantRoom, "机房", FundingModel.Government, null, false, false, false, false, []), DateTimeOffset.UtcNow);
            foreach (var action in new[] { DeviceAction.Review, DeviceAction.Confirm, DeviceAction.PostNotice, DeviceAction.Activate })
            {
                db.DeviceStatusChanges.Add(device.Move(action, DateTimeOffset.UtcNow, "test", null)!);
            }

            db.Devices.Add(device);
            await db.SaveChangesAsync();
        }

        var itemId = await app.Db().CatalogItems.Where(i => i.Code == "鲁-GGCS-001").Select(i => i.Id).SingleAsync();
        var lixia = await app.AgencyIdAsync("370102");
        var head = await app.ClientForAsync("lx.head");
        var coverage = await head.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/{itemId}/coverage?agencyId={lixia}");
        Assert.Equal(4, coverage.GetProperty("applicable").GetInt32()); // 4 public places in 历下
        Assert.Equal(1, coverage.GetProperty("covered").GetInt32());
        Assert.Equal(0.25m, coverage.GetProperty("ratio").GetDecimal());

        var tooMany = await head.PostAsJsonAsync($"/api/v1/catalog/{itemId}/draws", new { agencyId = lixia, criteria = "x", sampleSize = 4 });
        Assert.True((await Problem.ReadAsync(tooMany, HttpStatusCode.BadRequest)).Body.GetProperty("errors").TryGetProperty("sampleSize", out _));

        var response = await head.PostAsJsonAsync($"/api/v1/catalog/{itemId}/draws", new { agencyId = lixia, criteria = "按上年度监督抽检结果风险排序后随机轮换", seed = "2026-11-22-历下", sampleSize = 2 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        // Anyone can recompute the published draw from its seed and population.
        var published = (await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/public/selection-draws?agency=370102"))
            .EnumerateArray().Single(d => d.GetProperty("seed").GetString() == "2026-11-22-历下");
        var population = published.GetProperty("population").EnumerateArray().Select(k => k.GetString()!).ToList();
        Assert.Equal(3, population.Count); // the uncovered ones
        var recomputed = population.OrderBy(k => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"2026-11-22-历下|{k}"))), StringComparer.Ordinal).Take(2);
        Assert.Equal(recomputed, published.GetProperty("selected").EnumerateArray().Select(k => k.GetString()));
    }
}
