using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Credit;
using Tianmu.Entities;
using Tianmu.Inspections;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Inspections;

/// <summary>
/// 差异化监管 (S10, Z4, Z8): the yearly plan takes each entity's current grade (inserted directly here: the scorer
/// is built apart) and the key-supervision list, sets the frequency from the credit model and tracks progress.
/// </summary>
public sealed class InspectionPlanTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private static DateOnly Today => ChinaTime.DateOf(DateTimeOffset.UtcNow);

    /// <summary>A grade row as the scorer writes it (under the shipped model's code and <paramref name="modelVersion"/>); later than any the demo start-up may compute.</summary>
    internal static async Task GradeAsync(TianmuApp app, string entity, string grade, bool selfMonitored = false, bool keySupervision = false, int daysAgo = 0, int modelVersion = 1)
    {
        await using var db = app.Db();
        var e = await db.Entities.SingleAsync(x => x.Name == entity);
        var band = CreditModels.Default.Band(grade)!;
        db.CreditGrades.Add(new CreditGrade(Guid.CreateVersion7(), e.Id, e.AgencyId, e.AgencyPath, Today.AddDays(-daysAgo), DateTimeOffset.UtcNow.AddHours(1 - daysAgo),
            CreditModels.Default.Code, modelVersion, band.MinScore, grade, band.Rank, band.Risk, keySupervision, selfMonitored, "[]"));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task ThePlanTakesEachEntitysCurrentGradeAndTheKeySupervisionList()
    {
        await GradeAsync(app, "济南泉城游泳馆有限公司", "A", daysAgo: 30); // superseded by the later grade
        await GradeAsync(app, "济南泉城游泳馆有限公司", "C");
        await GradeAsync(app, "济南明湖水上运动中心", "B", selfMonitored: true); // S10/Z4: devices + real self-monitoring → reduced
        await GradeAsync(app, "济南舜耕大酒店有限公司", "A");
        Guid ungraded;
        await using (var db = app.Db())
        {
            var hotel = await db.Entities.SingleAsync(e => e.Name == "济南舜耕大酒店有限公司");
            db.KeySupervisionEntries.Add(new KeySupervisionEntry(Guid.CreateVersion7(), hotel.Id, hotel.AgencyPath, "篡改监测数据", "S20、Z24", null, null, Today, "系统"));
            var agency = await db.Agencies.SingleAsync(a => a.DivisionCode == "370102");
            var shop = new RegulatedEntity(Guid.CreateVersion7(), new EntityProfile("济南新开业美发店", "91370102MA3TEST01X", null, null, EntityCategory.PublicPlace, "美容美发", "历下区新街 1 号", null, null), agency, DateTimeOffset.UtcNow);
            db.Entities.Add(shop);
            await db.SaveChangesAsync();
            ungraded = shop.Id;
        }

        var head = await app.ClientForAsync("lx.head");
        var generated = await head.PostAsJsonAsync("/api/v1/inspections/plan", new { year = Today.Year });
        Assert.True(generated.StatusCode == HttpStatusCode.OK, await generated.Content.ReadAsStringAsync());
        var rows = (await generated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("entityName").GetString()!);

        Assert.Equal(("C", 3, 0.2), Line(rows["济南泉城游泳馆有限公司"]));
        Assert.Equal(("B", 1, 0.05), Line(rows["济南明湖水上运动中心"]));
        Assert.Equal(("A", 4, 0.5), Line(rows["济南舜耕大酒店有限公司"])); // S20/Z24: listed → quarterly, whatever the grade
        Assert.True(rows["济南舜耕大酒店有限公司"].GetProperty("keySupervision").GetBoolean());
        var fresh = rows["济南新开业美发店"];
        Assert.Equal(("B", 2, 0.1), Line(fresh)); // no grade yet: the model's middle band, not reduced
        Assert.False(fresh.GetProperty("graded").GetBoolean());
        Assert.Equal([$"{Today.Year}-04-30", $"{Today.Year}-08-31", $"{Today.Year}-12-31"],
            rows["济南泉城游泳馆有限公司"].GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("due").GetString()));
        Assert.Equal(ungraded, fresh.GetProperty("entityId").GetGuid());
    }

    [Fact]
    public async Task InspectionsRecordedCountTowardsThePlanAndItsMonthlyProgress()
    {
        await GradeAsync(app, "济南康宁口腔诊所", "C");
        var head = await app.ClientForAsync("lx.head");
        (await head.PostAsJsonAsync("/api/v1/inspections/plan", new { year = Today.Year })).EnsureSuccessStatusCode();
        var officer = await app.ClientForAsync("lx.officer1");
        var clinic = await app.EntityIdAsync("济南康宁口腔诊所");
        var two = new[] { await app.UserIdAsync("lx.officer1"), await app.UserIdAsync("lx.officer2") };

        // 行政处罚法 art. 42: never one officer alone.
        var alone = await officer.PostAsJsonAsync("/api/v1/inspections", new { entityId = clinic, inspectedOn = Today, officerIds = two[..1], outcome = "Compliant", findings = "现场检查未发现问题。" });
        Assert.Contains("officerIds", (await Problem.ReadAsync(alone, HttpStatusCode.BadRequest)).Body.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var recorded = await officer.PostAsJsonAsync("/api/v1/inspections", new { entityId = clinic, inspectedOn = Today, officerIds = two, outcome = "Rectification", findings = "消毒记录不全，责令改正。" });
        Assert.True(recorded.StatusCode == HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/v1/inspections/plan", new { year = Today.Year })).StatusCode); // heads generate plans

        var plan = await (await officer.GetAsync($"/api/v1/inspections/plan?year={Today.Year}")).Content.ReadFromJsonAsync<JsonElement>();
        var row = plan.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("entityName").GetString() == "济南康宁口腔诊所");
        var expected = InspectionSchedule.Progress(InspectionSchedule.DueDates(Today.Year, 3), [Today], Today);
        Assert.Equal(expected.Select(s => s.State.ToString()), row.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("state").GetString()));
        Assert.Equal(1, row.GetProperty("done").GetInt32());
        var month = plan.GetProperty("months").EnumerateArray().Single(m => m.GetProperty("month").GetInt32() == Today.Month);
        Assert.True(month.GetProperty("done").GetInt32() >= 1);

        var export = await officer.GetAsync($"/api/v1/inspections/plan/export?year={Today.Year}");
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var csv = (await export.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.StartsWith("单位,类别,信用等级", csv, StringComparison.Ordinal);
        Assert.Equal(3, csv.Split('\n').Count(l => l.StartsWith("济南康宁口腔诊所,", StringComparison.Ordinal)));

        // The page shows the same plan, its due-against-done chart and the link to record an inspection.
        var page = await (await app.CookieClientAsync("lx.officer1")).GetStringAsync($"/inspections/plan?year={Today.Year}");
        Assert.Contains("济南康宁口腔诊所", page, StringComparison.Ordinal);
        Assert.Contains("data-chart=", page, StringComparison.Ordinal);
        Assert.Contains($"/inspections/new?entity={clinic}", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APlanNotYetGeneratedIsAChineseProblem()
    {
        var other = await app.ClientForAsync("szq.officer1");
        var problem = await Problem.ReadAsync(await other.GetAsync("/api/v1/inspections/plan?year=2030"), HttpStatusCode.NotFound);
        Assert.Equal("inspection_plan.not_generated", problem.Code);
    }

    private static (string, int, double) Line(JsonElement row) =>
        (row.GetProperty("grade").GetString()!, row.GetProperty("perYear").GetInt32(), Math.Round(row.GetProperty("samplingRatio").GetDouble(), 3));
}
