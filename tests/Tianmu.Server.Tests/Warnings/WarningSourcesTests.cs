using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Devices;
using Tianmu.SelfReports;
using Tianmu.Server.Tests.Support;
using Tianmu.Server.Warnings;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Tests.Warnings;

/// <summary>
/// Warnings from what is not a device's readings: an AI camera's events (medical-waste pack), overdue
/// self-reports (S13/Z15) and self-reported values the entity's own sensors contradict (S20/Z24) —
/// all through the stores the platform really fills, against the demo catalog's rule packs.
/// </summary>
public sealed class WarningSourcesTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private static DateTimeOffset Ago(int minutes) => DateTimeOffset.UtcNow.AddMinutes(-minutes).ToOffset(TimeSpan.FromHours(8));

    private async Task<List<Warning>> WarningsAsync(string entity, string rule)
    {
        await using var db = app.Db();
        var id = await app.EntityIdAsync(entity);
        return await db.Warnings.AsNoTracking().Where(w => w.EntityId == id && w.RuleCode == rule).ToListAsync();
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    [Fact]
    public async Task TwoUnattendedFindingsWithinAnHourRaiseOneViolationCitingTheEvents()
    {
        const string Clinic = "济南历下仁和门诊部";
        var camera = await TestDevices.ActiveAsync(app, Clinic, "AIW-1", DeviceType.AiCamera);
        object Event(string id, string type, int minutesAgo) =>
            new { id, type, confidence = 0.93, time = Ago(minutesAgo), camera = "cam1", media = Array.Empty<object>() };

        Assert.Equal(HttpStatusCode.Created, (await TestCameras.PostAsync(app, camera, Event("u-1", "waste_store_unattended", 50))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await TestCameras.PostAsync(app, camera, Event("p-1", "patrol", 40))).StatusCode);
        Assert.Empty(await WarningsAsync(Clinic, "MED-WASTE-UNATTENDED")); // one finding and a routine snapshot are not a count
        Assert.Equal(HttpStatusCode.Created, (await TestCameras.PostAsync(app, camera, Event("u-2", "waste_store_unattended", 20))).StatusCode);

        var warning = Assert.Single(await WarningsAsync(Clinic, "MED-WASTE-UNATTENDED"));
        Assert.Equal((camera.Id, WarningCategory.Violation), (warning.DeviceId, warning.Category));
        Assert.Equal("medical-waste/video-ai", warning.PackCode);
        await using var db = app.Db();
        var events = await db.AiEvents.Where(e => e.DeviceId == camera.Id && e.Type == "waste_store_unattended").Select(e => e.Id).ToListAsync();
        var sources = JsonDocument.Parse(warning.EvidenceJson).RootElement.EnumerateArray().Select(s => s.GetProperty("r").GetString()).ToList();
        Assert.Equal(events.Select(id => $"ai_event:{id}").Order(), sources.Order());

        // A third finding in the same hour is the same matter.
        await TestCameras.PostAsync(app, camera, Event("u-3", "waste_store_unattended", 10));
        Assert.Single(await WarningsAsync(Clinic, "MED-WASTE-UNATTENDED"));
    }

    [Fact]
    public async Task AReportedValueTheSensorsContradictRaisesOneSelfSupervisionWarningAndEachReportIsCheckedOnce()
    {
        const string Pool = "济南奥体游泳健身有限公司";
        var (device, secret) = await TestDevices.ActiveAsync(app, Pool, "XC-1");
        var readings = Enumerable.Range(40, 41).Select(m => (Ago(m), "free_chlorine", (double?)0.15, (string?)"N"));
        Assert.Equal(HttpStatusCode.OK, (await TestDevices.PushAsync(app, device, secret, TestDevices.Batch([.. readings]))).StatusCode);

        var form = await FormAsync(Pool, "余氯比对测试日报");
        var suspect = await ReportAsync(form, Pool, 1, "0.6", Ago(60));
        var consistent = await ReportAsync(form, Pool, 2, "0.3", Ago(61));
        var fresh = await ReportAsync(form, Pool, 3, "0.6", Ago(5)); // sensor data after it may still be on the way

        await InScopeAsync(sp => sp.GetRequiredService<SelfReportWarnings>().CrossCheckAsync(default));

        var warning = Assert.Single(await WarningsAsync(Pool, "POOL-SELF-CHECK"));
        Assert.Equal((null, WarningCategory.SelfSupervision), (warning.DeviceId, warning.Category));
        Assert.Contains($"self_report:{suspect}", warning.EvidenceJson);
        Assert.DoesNotContain($"self_report:{consistent}", warning.EvidenceJson);
        Assert.StartsWith("自报游离性余氯 0.6 mg/L，同时段在线监测 0.15 mg/L", warning.Summary);
        await using var db = app.Db();
        var checkedAt = await db.SelfReports.Where(r => r.FormId == form).ToDictionaryAsync(r => r.Id, r => r.CrossCheckedAt);
        Assert.NotNull(checkedAt[suspect]);
        Assert.NotNull(checkedAt[consistent]);
        Assert.Null(checkedAt[fresh]);

        // Checked reports are not checked again.
        Assert.Equal(0, await InScopeAsync(sp => sp.GetRequiredService<SelfReportWarnings>().CrossCheckAsync(default)));
        Assert.Single(await WarningsAsync(Pool, "POOL-SELF-CHECK"));
    }

    [Fact]
    public async Task OverduePeriodsRaiseOneWarningWhichEndsWhenTheLateReportsArrive()
    {
        const string Pool = "济南明湖水上运动中心";
        var form = await FormAsync(Pool, "逾期测试日报");
        var entity = await app.EntityIdAsync(Pool);
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        async Task OverdueAsync(int daysAgo)
        {
            await using var db = app.Db();
            db.OverdueReports.Add(new OverdueReport(form, entity, today.AddDays(-daysAgo), Ago((daysAgo * 24 * 60) - 60).ToUniversalTime(), Ago(5).ToUniversalTime()));
            await db.SaveChangesAsync();
        }

        async Task EvaluateAsync() => await InScopeAsync(sp => sp.GetRequiredService<SelfReportWarnings>().OverdueAsync(default));

        await OverdueAsync(2);
        await EvaluateAsync();
        var raised = Assert.Single(await WarningsAsync(Pool, "POOL-SELF-OVERDUE"));
        Assert.Null(raised.EpisodeEnd);
        Assert.Contains("逾期测试日报", raised.Summary);

        await OverdueAsync(1); // the next period is missed too: the same matter
        await EvaluateAsync();
        Assert.Equal(raised.Id, Assert.Single(await WarningsAsync(Pool, "POOL-SELF-OVERDUE")).Id);

        await using (var db = app.Db())
        {
            foreach (var overdue in await db.OverdueReports.Where(o => o.FormId == form).ToListAsync())
            {
                overdue.MarkReported(DateTimeOffset.UtcNow);
            }

            await db.SaveChangesAsync();
        }

        await EvaluateAsync();
        var ended = Assert.Single(await WarningsAsync(Pool, "POOL-SELF-OVERDUE"));
        Assert.NotNull(ended.EpisodeEnd);
        Assert.True(ended.IsOpen); // the officer still handles it
    }

    /// <summary>A daily form for the provincial pool-water item, whose pack holds the self-supervision rules.</summary>
    private async Task<Guid> FormAsync(string entityName, string name)
    {
        await using var db = app.Db();
        var item = await db.CatalogItems.Include(i => i.Agency).SingleAsync(i => i.Code == "鲁-GGCS-001");
        var form = new SelfReportForm(Guid.CreateVersion7(), item.Id, item.AgencyId, item.Agency!.Path, DateTimeOffset.UtcNow);
        form.Define(new FormDefinition(name, [Tianmu.Entities.EntityCategory.PublicPlace], ["游泳场所"],
            [new FormField("free_chlorine", "游离性余氯", FieldType.Number, "mg/L", 0, 20, true, "free_chlorine")], [],
            ReportFrequency.Daily, new TimeOnly(9, 0), "本单位承诺所报信息真实。", true, DateOnly.FromDateTime(DateTime.Today).AddDays(-10)));
        db.SelfReportForms.Add(form);
        await db.SaveChangesAsync();
        return form.Id;
    }

    private async Task<Guid> ReportAsync(Guid formId, string entityName, int daysAgo, string chlorine, DateTimeOffset submittedAt)
    {
        await using var db = app.Db();
        var form = await db.SelfReportForms.SingleAsync(f => f.Id == formId);
        var signer = await db.Users.SingleAsync(u => u.UserName == "lx.officer1");
        var values = JsonSerializer.Serialize(new[] { new ReportedValue("free_chlorine", "游离性余氯", "mg/L", chlorine) }, JsonSerializerOptions.Web);
        var report = new SelfReport(Guid.CreateVersion7(), form, await app.EntityIdAsync(entityName), DateOnly.FromDateTime(DateTime.Today).AddDays(-daysAgo),
            new Submission(values, "[]", form.CommitmentText, new string('0', 64), signer.Id, signer.DisplayName, submittedAt.ToUniversalTime()));
        db.SelfReports.Add(report);
        await db.SaveChangesAsync();
        return report.Id;
    }
}
