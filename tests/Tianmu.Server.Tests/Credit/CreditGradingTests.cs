using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Credit;
using Tianmu.Credit.Scoring;
using Tianmu.Devices;
using Tianmu.Persistence;
using Tianmu.Server.Credit;
using Tianmu.Server.Tests.Support;
using Tianmu.Tests.Support;

namespace Tianmu.Server.Tests.Credit;

/// <summary>
/// Grades computed from the database and stored in bulk (S10, Z4), S20/Z24 facts listed for key supervision
/// automatically, point-in-time recomputation through the staff API, jurisdiction, and the nightly run.
/// </summary>
public sealed class CreditGradingTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public async Task TheLoaderReadsAScopeWithOneQueryPerKindOfFactWhateverItsSize()
    {
        var counter = new CommandCounter();
        var options = new DbContextOptionsBuilder<TianmuDb>();
        app.Database.Settings.Apply(options);
        options.AddInterceptors(counter);
        await using var db = new TianmuDb(options.Options);
        var today = ChinaTime.DateOf(DateTimeOffset.UtcNow);
        var one = await app.EntityIdAsync("济南泉城游泳馆有限公司");

        var province = await new CreditFactsLoader(db).LoadAsync(db.Entities, today, ScoringModel.Default, default);
        var forProvince = counter.Reset();
        var single = await new CreditFactsLoader(db).LoadAsync(db.Entities.Where(e => e.Id == one), today, ScoringModel.Default, default);
        var forOne = counter.Reset();

        Assert.Equal(await db.Entities.CountAsync(), province.Count);
        Assert.Equal(one, Assert.Single(single).EntityId);
        Assert.Equal(forProvince, forOne); // no query per entity: 30 entities cost what one does
        Assert.True(forProvince <= 12, $"{forProvince} queries");
    }

    [Fact]
    public async Task BulkWrittenGradesReadBackExactlyThroughTheModel()
    {
        await using var db = app.Db();
        var entity = await db.Entities.FirstAsync(e => e.Name == "济南趵突泉宾馆");
        var at = new DateTimeOffset(2026, 11, 20, 18, 30, 15, TimeSpan.Zero).AddTicks(1230); // whole microseconds: PostgreSQL keeps no finer
        var contributions = CreditJson.Write([new CreditContribution("cases", "案件与行政处罚", -6, [new CreditFact(CreditFactKinds.Case, Guid.NewGuid(), new DateOnly(2026, 3, 1), "罚款 5,000.00 元", -6)])]);
        var grade = new CreditGrade(Guid.CreateVersion7(), entity.Id, entity.AgencyId, entity.AgencyPath, new DateOnly(2026, 10, 1), at, "health-credit", 1,
            93.75, "A", 0, RiskLevel.Low, true, true, contributions);

        await CreditGradeWriter.WriteAsync(db, [grade], default);

        await using var read = app.Db();
        var back = await read.CreditGrades.AsNoTracking().SingleAsync(g => g.Id == grade.Id);
        Assert.Equivalent(grade, back, strict: true);
        Assert.Equal(at, back.ComputedAt);
    }

    [Fact]
    public async Task AnOfficerRecomputesAGradeAndItBecomesTheCurrentOne()
    {
        var client = await app.ClientForAsync("lx.officer1");
        var id = await app.EntityIdAsync("济南泉城游泳馆有限公司");

        var recomputed = await (await client.PostAsync($"/api/v1/entities/{id}/credit/recompute", null)).Content.ReadFromJsonAsync<JsonElement>();
        var current = await client.GetFromJsonAsync<JsonElement>($"/api/v1/entities/{id}/credit");

        Assert.True(current.GetProperty("stored").GetBoolean());
        Assert.Equal(recomputed.GetProperty("computedAt").GetString(), current.GetProperty("computedAt").GetString());
        Assert.Equal("health-credit", current.GetProperty("modelCode").GetString());
        Assert.Equal(7, current.GetProperty("contributions").GetArrayLength()); // every factor explained
        Assert.True(current.GetProperty("supervision").GetProperty("inspectionsPerYear").GetInt32() >= 1);
    }

    [Fact]
    public async Task TamperingWithADeviceListsTheEntityForKeySupervisionOnceAndThePastGradeDoesNotShowIt()
    {
        // S20/Z24: 擅自改动设备及图像 → 纳入重点监管范围. The incident was resolved (entity liable) ten days ago.
        var name = "济南舜耕大酒店有限公司";
        var resolved = DateTimeOffset.UtcNow.AddDays(-10);
        var incident = await TamperedAsync(name, resolved);
        var id = await app.EntityIdAsync(name);
        var client = await app.ClientForAsync("lx.officer1");

        var first = await (await client.PostAsync($"/api/v1/entities/{id}/credit/recompute", null)).Content.ReadFromJsonAsync<JsonElement>();
        await client.PostAsync($"/api/v1/entities/{id}/credit/recompute", null);

        Assert.True(first.GetProperty("keySupervision").GetBoolean());
        Assert.Equal(4, first.GetProperty("supervision").GetProperty("inspectionsPerYear").GetInt32());
        var factor = first.GetProperty("contributions").EnumerateArray().Single(c => c.GetProperty("factor").GetString() == ScoringModel.FalseInformationFactor);
        Assert.Equal(incident, factor.GetProperty("facts")[0].GetProperty("id").GetGuid());
        await using var db = app.Db();
        var entry = await db.KeySupervisionEntries.SingleAsync(k => k.EntityId == id);
        Assert.Equal((CreditGrading.SystemActor, CreditFactKinds.DeviceIncident, (Guid?)incident, ChinaTime.DateOf(resolved)), (entry.ListedBy, entry.SourceKind, entry.SourceId, entry.ListedOn));

        var before = ChinaTime.DateOf(resolved).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var then = await client.GetFromJsonAsync<JsonElement>($"/api/v1/entities/{id}/credit?asOf={before}");
        Assert.False(then.GetProperty("keySupervision").GetBoolean());
        Assert.False(then.GetProperty("stored").GetBoolean());
        Assert.Equal(before, then.GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task ADayInTheFutureOrNotADayIsRefusedInChinese()
    {
        var client = await app.ClientForAsync("lx.officer1");
        var id = await app.EntityIdAsync("济南泉城游泳馆有限公司");

        var future = await Problem.ReadAsync(await client.GetAsync($"/api/v1/entities/{id}/credit?asOf=2999-01-01"), HttpStatusCode.BadRequest);
        var garbled = await Problem.ReadAsync(await client.GetAsync($"/api/v1/entities/{id}/credit?asOf=20261120"), HttpStatusCode.BadRequest);

        Assert.Equal("validation_failed", future.Code);
        Assert.Equal("validation_failed", garbled.Code);
    }

    [Fact]
    public async Task AnEntityOutsideTheJurisdictionIsNotFound()
    {
        var client = await app.ClientForAsync("ls.officer1"); // 崂山区
        var id = await app.EntityIdAsync("济南泉城游泳馆有限公司");

        await Problem.ReadAsync(await client.GetAsync($"/api/v1/entities/{id}/credit"), HttpStatusCode.NotFound);
        await Problem.ReadAsync(await client.PostAsync($"/api/v1/entities/{id}/credit/recompute", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheNightlyRunGradesEveryEntityOnceAfterOneInTheMorning()
    {
        var night = new DateTimeOffset(2026, 11, 21, 0, 30, 0, ChinaTime.Offset).ToUniversalTime();
        var clock = new ManualClock(night);
        await using var db = app.Db();
        var grading = new CreditGrading(db, new CreditFactsLoader(db), new CreditGradeReader(db), new WriteGate(app.Database.Settings), clock);

        Assert.Equal(0, await grading.RunNightlyAsync(default)); // 00:30: not yet
        clock.Advance(TimeSpan.FromHours(1));
        var graded = await grading.RunNightlyAsync(default);
        Assert.Equal(0, await grading.RunNightlyAsync(default)); // once a day

        Assert.Equal(await db.Entities.CountAsync(), graded);
        Assert.Equal(graded, await db.CreditGrades.CountAsync(g => g.AsOf == new DateOnly(2026, 11, 20)));
    }

    [Fact]
    public async Task AnOfficerRecordsAHygieneGradingAndItCountsInTheGrade()
    {
        var client = await app.ClientForAsync("lx.officer1");
        var id = await app.EntityIdAsync("济南奥体游泳健身有限公司");
        var yesterday = ChinaTime.DateOf(DateTimeOffset.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var recorded = await client.PostAsJsonAsync($"/api/v1/entities/{id}/hygiene-gradings", new { score = 65, gradedOn = yesterday, note = "更衣室地面不洁" });
        var refused = await client.PostAsJsonAsync($"/api/v1/entities/{id}/hygiene-gradings", new { score = 120, gradedOn = "2999-01-01" });
        var grade = await client.GetFromJsonAsync<JsonElement>($"/api/v1/entities/{id}/credit?asOf={ChinaTime.DateOf(DateTimeOffset.UtcNow):yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal("C", (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("level").GetString());
        var problem = await Problem.ReadAsync(refused, HttpStatusCode.BadRequest);
        Assert.True(problem.Body.GetProperty("errors").TryGetProperty("score", out _));
        var hygiene = grade.GetProperty("contributions").EnumerateArray().Single(c => c.GetProperty("factor").GetString() == ScoringModel.HygieneFactor);
        Assert.Equal(-8, hygiene.GetProperty("points").GetDouble());
        Assert.Single((await client.GetFromJsonAsync<JsonElement>($"/api/v1/entities/{id}/hygiene-gradings")).EnumerateArray());
    }

    private async Task<Guid> TamperedAsync(string entityName, DateTimeOffset resolved)
    {
        await using var db = app.Db();
        var entity = await db.Entities.SingleAsync(e => e.Name == entityName);
        var device = new Device(Guid.CreateVersion7(), entity, new DeviceSpec(DeviceType.AiCamera, "海康", "DS-AI", "CAM-" + Guid.NewGuid().ToString("N")[..6], true, DeviceProtocol.Http,
            null, null, Mobility.Fixed, PlaceType.PoolArea, "大堂", FundingModel.Government, null, false, false, false, false, []), resolved.AddDays(-60));
        device.RecordActivation(resolved.AddDays(-50));
        var incident = new DeviceIncident(Guid.CreateVersion7(), device.Id, IncidentKind.Obstructed, "摄像头被纸箱遮挡", "lx.officer1", resolved.AddDays(-2));
        incident.Resolve(Liability.Restore, "已责令恢复", resolved);
        db.Devices.Add(device);
        db.DeviceIncidents.Add(incident);
        await db.SaveChangesAsync();
        return incident.Id;
    }

    /// <summary>Counts the queries a context sends.</summary>
    private sealed class CommandCounter : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        private int count;

        public int Reset() => Interlocked.Exchange(ref count, 0);

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
