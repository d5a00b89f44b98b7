using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tianmu.Common;
using Tianmu.Credit;
using Tianmu.Inspections;
using Tianmu.Server.Tests.Credit;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Inspections;

/// <summary>
/// S4, S10, Z4, Z8: an agency's own credit model sets how often its entities are inspected and how likely they are
/// drawn — in the plan, the draw and the entity's grade — for its entities only; a grade keeps the supervision of the
/// model version it was computed under.
/// </summary>
public sealed class AgencyModelSupervisionTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private const string JinanModel = "济南市卫生健康信用风险分类分级模型（监管频次加密）";
    private static DateOnly Today => ChinaTime.DateOf(DateTimeOffset.UtcNow);

    /// <summary>济南市's version 2: the same scoring, more inspections and higher sampling in every band.</summary>
    private static JsonObject StricterModel()
    {
        var model = CreditModelPublishingTests.DefaultModel();
        model["version"] = 2;
        model["name"] = JinanModel;
        var bands = model["grades"]!.AsArray();
        foreach (var (band, perYear, ratio) in new[] { (0, 3, 0.3), (1, 5, 0.4), (2, 6, 0.6), (3, 8, 0.8) })
        {
            bands[band]!["inspectionsPerYear"] = perYear;
            bands[band]!["samplingRatio"] = ratio;
        }

        return model;
    }

    [Fact]
    public async Task ACitysModelWithOtherFrequenciesChangesThePlanTheDrawAndTheGradeOfItsEntitiesOnly()
    {
        var published = await (await app.ClientForAsync("jn.admin")).PostAsJsonAsync("/api/v1/credit/models", StricterModel());
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        await InspectionPlanTests.GradeAsync(app, "济南泉城游泳馆有限公司", "A", modelVersion: 2); // graded under 济南's model
        await InspectionPlanTests.GradeAsync(app, "济南明湖水上运动中心", "A", modelVersion: 1); // graded before it: keeps the shipped model's supervision
        await InspectionPlanTests.GradeAsync(app, "青岛崂山海韵游泳馆", "A", modelVersion: 1); // 青岛: the shipped model

        var lixia = await PlanAsync("lx.head");
        var qingdao = await PlanAsync("qd.head");

        Assert.Equal(2, lixia.GetProperty("modelVersion").GetInt32());
        Assert.Contains(JinanModel, lixia.GetProperty("basis").GetString(), StringComparison.Ordinal);
        Assert.Equal((3, 0.3), Line(lixia, "济南泉城游泳馆有限公司"));
        Assert.Equal((1, 0.05), Line(lixia, "济南明湖水上运动中心"));
        Assert.Equal((5, 0.4), Line(lixia, "济南舜耕大酒店有限公司")); // ungraded: the middle band of the model in force for its agency
        Assert.Equal(1, qingdao.GetProperty("modelVersion").GetInt32());
        Assert.Equal((1, 0.05), Line(qingdao, "青岛崂山海韵游泳馆"));
        Assert.All(qingdao.GetProperty("rows").EnumerateArray().Where(r => !r.GetProperty("graded").GetBoolean()),
            r => Assert.Equal(CreditModels.Default.Band("B")!.InspectionsPerYear, r.GetProperty("perYear").GetInt32()));

        // The draw weighs each entity by the same ratio; the grade says the same.
        var head = await app.ClientForAsync("lx.head");
        var draw = await (await head.PostAsJsonAsync("/api/v1/inspections/draws", new { agencyId = await app.AgencyIdAsync("370102"), sampleSize = 1 })).Content.ReadFromJsonAsync<JsonElement>();
        var pool = RandomDraw.ReadPools(await head.GetStringAsync($"/api/v1/inspections/draws/{draw.GetProperty("id").GetGuid()}/pools")).Entities;
        var (quancheng, minghu) = (await app.EntityIdAsync("济南泉城游泳馆有限公司"), await app.EntityIdAsync("济南明湖水上运动中心"));
        Assert.Equal(0.3, pool.Single(e => e.Id == quancheng).Weight, 3);
        Assert.Equal(0.05, pool.Single(e => e.Id == minghu).Weight, 3);
        var grade = await head.GetFromJsonAsync<JsonElement>($"/api/v1/entities/{quancheng}/credit");
        Assert.Equal(JinanModel, grade.GetProperty("modelName").GetString());
        Assert.Equal(3, grade.GetProperty("supervision").GetProperty("inspectionsPerYear").GetInt32());
        Assert.Contains("每年现场检查 <strong>3</strong> 次", await (await app.CookieClientAsync("lx.officer1")).GetStringAsync($"/entities/{quancheng}"), StringComparison.Ordinal);
    }

    private async Task<JsonElement> PlanAsync(string head)
    {
        var response = await (await app.ClientForAsync(head)).PostAsJsonAsync("/api/v1/inspections/plan", new { year = Today.Year });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static (int, double) Line(JsonElement plan, string entity)
    {
        var row = plan.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("entityName").GetString() == entity);
        return (row.GetProperty("perYear").GetInt32(), Math.Round(row.GetProperty("samplingRatio").GetDouble(), 3));
    }
}
