using System.Net;
using System.Net.Http.Json;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Cases.TestCases;

namespace Tianmu.Server.Tests.Cases;

/// <summary>当场处罚 (行政处罚法 art. 51/52, S16/Z18): only a warning or a fine up to 200 元 (citizen) / 3000 元 (organisation).</summary>
public sealed class SimpleProcedureTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public async Task AnOrganisationMayBeFinedOnTheSpotUpTo3000YuanAndNoMore()
    {
        var officer = await app.ClientForAsync("lx.officer1");
        var id = IdOf(await OpenAsync(officer, await app.EntityIdAsync(Pool), procedure: "Simple"));
        await officer.PutAsJsonAsync($"/api/v1/cases/{id}/investigators", new { investigators = new[] { await app.UserIdAsync("lx.officer1"), await app.UserIdAsync("lx.officer2") } });
        var basis = "《公共场所卫生管理条例实施细则》第三十六条";

        await RefusedAsync(officer, id, new { action = "DecideOnTheSpot", penalty = new { fine = 3000.01m }, basis, factsClear = true }, "case.simple_not_allowed");
        await RefusedAsync(officer, id, new { action = "DecideOnTheSpot", penalty = new { fine = 1000m, severe = "暂停营业" }, basis, factsClear = true }, "case.simple_not_allowed");
        await RefusedAsync(officer, id, new { action = "DecideOnTheSpot", penalty = new { fine = 1000m }, basis, factsClear = false }, "case.simple_not_allowed");
        await RefusedAsync(officer, id, new { action = "File" }, "case.wrong_procedure", HttpStatusCode.Conflict);
        await IssueAsync(officer, id, "OnTheSpotDecision");
        var decided = await StepAsync(officer, id, new { action = "DecideOnTheSpot", penalty = new { warning = true, fine = 3000m }, basis, factsClear = true });

        Assert.Equal("Decided", StageOf(decided));
        Assert.Equal(3000m, decided.GetProperty("decidedPenalty").GetProperty("fine").GetDecimal());
        var filed = decided.GetProperty("timeline").EnumerateArray().Last();
        Assert.Equal("FiledWithAgency", filed.GetProperty("action").GetString()); // 备案, art. 52
        Assert.Equal("备案", filed.GetProperty("actionName").GetString());
    }
}
