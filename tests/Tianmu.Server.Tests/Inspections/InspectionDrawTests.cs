using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tianmu.Inspections;
using Tianmu.Server.Tests.Cases;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Inspections;

/// <summary>
/// 双随机一公开 (S10, Z4, Z8): a head draws entities and at least two officers each, excluding conflicts; the draw
/// is reproducible from its published seed and frozen pools; published draws and their results are public.
/// </summary>
public sealed class InspectionDrawTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private static readonly string[] LixiaOfficers = ["黄磊", "吴琳", "陈静"]; // lx.officer1, lx.officer2, lx.head: credentialed

    private async Task<HttpResponseMessage> DrawAsync(string category, int? sampleSize = null) =>
        await (await app.ClientForAsync("lx.head")).PostAsJsonAsync("/api/v1/inspections/draws", new { agencyId = await app.AgencyIdAsync("370102"), category, sampleSize });

    [Fact]
    public async Task AHeadDrawsReproduciblyPublishesAndThePublicSeesTheResultOnceRecorded()
    {
        var created = await DrawAsync("PublicPlace", sampleSize: 2);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var draw = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = draw.GetProperty("id").GetGuid();
        var seed = draw.GetProperty("seed").GetString()!;
        Assert.True(RandomDraw.IsSeed(seed));
        Assert.Equal("tianmu-draw/1", draw.GetProperty("algorithm").GetString());
        var results = draw.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Subset(LixiaOfficers.ToHashSet(), r.GetProperty("officers").EnumerateArray().Select(o => o.GetProperty("name").GetString()!).ToHashSet()));
        Assert.All(results, r => Assert.Equal(2, r.GetProperty("officers").GetArrayLength()));

        // Anyone with the seed and the frozen pools recomputes the same draw; the pools hash to the published hash.
        var head = await app.ClientForAsync("lx.head");
        var pools = await head.GetStringAsync($"/api/v1/inspections/draws/{id}/pools");
        Assert.Equal(draw.GetProperty("poolHash").GetString(), RandomDraw.Hash(pools));
        var again = RandomDraw.Run(seed, RandomDraw.ReadPools(pools)).Value!;
        Assert.Equal(results.Select(r => (r.GetProperty("entityId").GetGuid(), string.Join(",", r.GetProperty("officers").EnumerateArray().Select(o => o.GetProperty("id").GetGuid())))),
            again.Select(r => (r.EntityId, string.Join(",", r.Officers.Select(o => o.Id)))));

        var anonymous = app.Anonymous();
        Assert.DoesNotContain(id.ToString(), await anonymous.GetStringAsync("/api/v1/public/inspections?agency=370102"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("lx.officer1")).PostAsync($"/api/v1/inspections/draws/{id}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await head.PostAsync($"/api/v1/inspections/draws/{id}/publish", null)).StatusCode);
        Assert.Equal("draw.already_published", (await Problem.ReadAsync(await head.PostAsync($"/api/v1/inspections/draws/{id}/publish", null), HttpStatusCode.Conflict)).Code);

        var first = results[0];
        var officers = first.GetProperty("officers").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToArray();
        var recorded = await (await app.ClientForAsync("lx.officer1")).PostAsJsonAsync("/api/v1/inspections",
            new { entityId = first.GetProperty("entityId").GetGuid(), inspectedOn = Tianmu.Common.ChinaTime.DateOf(DateTimeOffset.UtcNow), officerIds = officers, outcome = "Compliant", findings = "未发现问题。", drawId = id });
        Assert.True(recorded.StatusCode == HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());

        var published = (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/public/inspections?agency=370102")).GetProperty("draws").EnumerateArray()
            .Single(d => d.GetProperty("id").GetGuid() == id);
        Assert.Equal(seed, published.GetProperty("seed").GetString());
        var shown = published.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("order").GetInt32() == 1);
        Assert.Equal("未发现违法行为", shown.GetProperty("outcomeName").GetString());

        // Another county's officer does not see it.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("szq.officer1")).GetAsync($"/api/v1/inspections/draws/{id}")).StatusCode);
    }

    [Fact]
    public async Task ConflictedOfficersAreNeverDrawnAndTooFewLeftRefusesTheWholeDraw()
    {
        var plant = await app.EntityIdAsync("济南泉水供水有限公司东区水厂");
        var officer1 = await app.ClientForAsync("lx.officer1");
        var declared = await officer1.PostAsJsonAsync("/api/v1/inspections/conflicts", new { entityId = plant, reason = "配偶在该单位任职" });
        Assert.True(declared.StatusCode == HttpStatusCode.OK, await declared.Content.ReadAsStringAsync());
        var forOther = await officer1.PostAsJsonAsync("/api/v1/inspections/conflicts", new { officerId = await app.UserIdAsync("lx.officer2"), entityId = plant, reason = "代他人申报" });
        Assert.Equal("conflict.not_own", (await Problem.ReadAsync(forOther, HttpStatusCode.Forbidden)).Code);

        for (var i = 0; i < 5; i++)
        {
            var draw = await (await DrawAsync("DrinkingWater", sampleSize: 2)).Content.ReadFromJsonAsync<JsonElement>();
            var forPlant = draw.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("entityId").GetGuid() == plant);
            Assert.Equal(["吴琳", "陈静"], forPlant.GetProperty("officers").EnumerateArray().Select(o => o.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        }

        var head = await app.ClientForAsync("lx.head");
        var second = await head.PostAsJsonAsync("/api/v1/inspections/conflicts", new { officerId = await app.UserIdAsync("lx.officer2"), entityId = plant, reason = "曾在该单位任职" });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var before = (await head.GetFromJsonAsync<JsonElement>("/api/v1/inspections/draws")).GetArrayLength();
        var refused = await Problem.ReadAsync(await DrawAsync("DrinkingWater", sampleSize: 2), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("draw.too_few_officers", refused.Code);
        Assert.Contains("济南泉水供水有限公司东区水厂", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(before, (await head.GetFromJsonAsync<JsonElement>("/api/v1/inspections/draws")).GetArrayLength()); // nothing recorded

        var conflicted = await officer1.PostAsJsonAsync("/api/v1/inspections",
            new { entityId = plant, inspectedOn = Tianmu.Common.ChinaTime.DateOf(DateTimeOffset.UtcNow), officerIds = new[] { await app.UserIdAsync("lx.officer1"), await app.UserIdAsync("lx.head") }, outcome = "Compliant", findings = "检查。" });
        Assert.Equal("inspection.officer_conflict", (await Problem.ReadAsync(conflicted, HttpStatusCode.Conflict)).Code);
    }

    [Fact]
    public async Task InvestigatorsOfTheEntitysRecentCasesAreExcluded()
    {
        var clinic = await app.EntityIdAsync("济南历下仁和门诊部");
        var officer = await app.ClientForAsync("lx.officer1");
        var id = TestCases.IdOf(await TestCases.OpenAsync(officer, clinic, procedure: "Simple"));
        var assigned = await officer.PutAsJsonAsync($"/api/v1/cases/{id}/investigators", new { investigators = new[] { await app.UserIdAsync("lx.officer1"), await app.UserIdAsync("lx.officer2") } });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);

        // Only the head is left for the clinic: fewer than two, so no draw including it stands.
        var refused = await Problem.ReadAsync(await DrawAsync("MedicalInstitution", sampleSize: 2), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("draw.too_few_officers", refused.Code);
        Assert.Contains("济南历下仁和门诊部", refused.Detail, StringComparison.Ordinal);
    }
}
