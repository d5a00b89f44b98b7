using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Tianmu.Credit;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Credit;

/// <summary>S4, S10, Z4: an agency publishes its own version of the credit model; its entities are graded under it.</summary>
public sealed class CreditModelPublishingTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    /// <summary>The shipped model as JSON, to publish a variant of it.</summary>
    internal static JsonObject DefaultModel() =>
        JsonSerializer.SerializeToNode(CreditModels.Default, new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } })!.AsObject();

    [Fact]
    public async Task ACityPublishesAStricterVersionAndOnlyItsEntitiesAreGradedUnderIt()
    {
        var model = DefaultModel();
        model["version"] = 2;
        model["name"] = "济南市卫生健康信用风险分类分级模型";
        model["grades"]![0]!["minScore"] = 101; // nobody is A any more
        var admin = await app.ClientForAsync("jn.admin");

        var published = await admin.PostAsJsonAsync("/api/v1/credit/models", model);
        var again = await admin.PostAsJsonAsync("/api/v1/credit/models", model);
        var jinan = await (await (await app.ClientForAsync("lx.officer1")).PostAsync($"/api/v1/entities/{await app.EntityIdAsync("济南泉城游泳馆有限公司")}/credit/recompute", null))
            .Content.ReadFromJsonAsync<JsonElement>();
        var qingdao = await (await (await app.ClientForAsync("ls.officer1")).PostAsync($"/api/v1/entities/{await app.EntityIdAsync("青岛崂山海韵游泳馆")}/credit/recompute", null))
            .Content.ReadFromJsonAsync<JsonElement>();
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/credit/models");

        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal("credit.model_version", (await Problem.ReadAsync(again, HttpStatusCode.Conflict)).Code);
        Assert.Equal((2, "B", "济南市卫生健康信用风险分类分级模型"), (jinan.GetProperty("modelVersion").GetInt32(), jinan.GetProperty("grade").GetString(), jinan.GetProperty("modelName").GetString()));
        Assert.Equal((1, "A"), (qingdao.GetProperty("modelVersion").GetInt32(), qingdao.GetProperty("grade").GetString()));
        Assert.Equal(new[] { 1, 2 }, listed.EnumerateArray().Select(m => m.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task AModelWithAMistakeIsRefusedNamingIt()
    {
        var model = DefaultModel();
        model["version"] = 7;
        model["factors"]!.AsObject().Remove("cases");

        var refused = await Problem.ReadAsync(await (await app.ClientForAsync("qd.admin")).PostAsJsonAsync("/api/v1/credit/models", model), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("credit.model_invalid", refused.Code);
        Assert.Contains("cases", refused.Detail, StringComparison.Ordinal);
    }
}
