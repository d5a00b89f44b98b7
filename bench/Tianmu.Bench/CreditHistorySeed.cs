using Microsoft.EntityFrameworkCore;
using Tianmu.Agencies;
using Tianmu.Cases;
using Tianmu.Catalog;
using Tianmu.Common;
using Tianmu.Credit.Scoring;
using Tianmu.Devices;
using Tianmu.Entities;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.SelfReports;
using Tianmu.Warnings;
using Tianmu.Warnings.Rules;

namespace Tianmu.Bench;

/// <summary>
/// A province-sized register with a year of history for the credit benchmark, in proportions seen in practice:
/// 16 cities × 8 counties; 30 % of entities with a device (a tenth of those offline for a while), about 0.6
/// violation warnings per entity a year (mostly rectified, some false alarms, a few still open or overdue), 3 %
/// with a decided case, 1 % of device owners with an incident, 10 % with late or overdue self-reports, and a few
/// confirmed S20/Z24 facts (cross-check, flat-line, a case about false records). Written through the EF model
/// without the audit interceptor (seeding is not what is measured), 5,000 entities per transaction.
/// </summary>
public static class CreditHistorySeed
{
    private const int Chunk = 5000;

    public static async Task<string> SeedAsync(DatabaseSettings settings, int count, DateOnly asOf)
    {
        var builder = new DbContextOptionsBuilder<TianmuDb>();
        settings.Apply(builder);
        var options = builder.Options;
        var now = PointInTime.EndOf(asOf).AddHours(-1);
        var yearAgo = now.AddDays(-365);
        var pool = RulePacks.Find("gb37488-2019/pool-water")!;
        RaisedBy Rule(string code) => new(pool, pool.Rules.Single(r => r.Code == code));

        var province = new Agency(Guid.CreateVersion7(), null, AgencyLevel.Province, "370000", "山东省卫生健康委员会", "鲁");
        var cities = Enumerable.Range(1, 16).Select(c => new Agency(Guid.CreateVersion7(), province, AgencyLevel.City, $"37{c:D2}00", $"市{c}", $"市{c}")).ToList();
        var counties = cities.SelectMany((city, c) => Enumerable.Range(1, 8).Select(n => new Agency(Guid.CreateVersion7(), city, AgencyLevel.County, $"37{c + 1:D2}{n:D2}", $"县{c}{n}", $"县{c}{n}"))).ToList();
        var user = new User(Guid.CreateVersion7(), "bench.entity", "基准相对人", null, now);
        var item = new CatalogItem(Guid.CreateVersion7(), province, "鲁-BENCH-001", now);
        var form = new SelfReportForm(Guid.CreateVersion7(), item.Id, province.Id, province.Path, now);
        form.Define(new FormDefinition("游泳场所每周水质自检", [EntityCategory.PublicPlace], [], [], [], ReportFrequency.Weekly, new TimeOnly(18, 0), "承诺真实", true, asOf.AddDays(-400)));
        await using (var db = new TianmuDb(options))
        {
            db.Agencies.Add(province);
            db.Agencies.AddRange(cities);
            db.Agencies.AddRange(counties);
            db.Users.Add(user);
            db.CatalogItems.Add(item);
            db.SelfReportForms.Add(form);
            await db.SaveChangesAsync();
        }

        var random = new Random(20261123);
        var categories = Enum.GetValues<EntityCategory>();
        var rows = 0L;
        var (devices, warnings, cases, incidents, reports) = (0, 0, 0, 0, 0);
        foreach (var chunk in Enumerable.Range(0, count).Chunk(Chunk))
        {
            await using var db = new TianmuDb(options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Agencies.AttachRange(counties);
            foreach (var i in chunk)
            {
                var county = counties[i % counties.Count];
                var category = categories[i % categories.Length];
                var body = $"91{county.DivisionCode}{i:D9}";
                var entity = new RegulatedEntity(Guid.CreateVersion7(), new EntityProfile($"{county.Name}单位{i:D6}", body + CreditCode.CheckCharacter(body), null, null,
                    category, category.SubCategories()[0], "地址", null, null), county, yearAgo);
                db.Entities.Add(entity);
                var subject = new WarningSubject(null, entity.Id, entity.AgencyId, entity.AgencyPath);

                Device? device = null;
                if (random.NextDouble() < 0.30)
                {
                    device = new Device(Guid.CreateVersion7(), entity, new DeviceSpec(DeviceType.WaterQualityAnalyser, "力合", "LFWQ", $"SN{i:D7}", false, DeviceProtocol.Http,
                        null, null, Mobility.Fixed, PlaceType.PlantRoom, "机房", FundingModel.Government, null, false, false, false, false, []), yearAgo.AddDays(-30));
                    device.RecordActivation(yearAgo.AddDays(random.Next(-30, 200)));
                    db.Devices.Add(device);
                    devices++;
                    if (random.NextDouble() < 0.10)
                    {
                        var start = now.AddDays(-random.Next(2, 300));
                        db.Warnings.Add(Handled(new Warning(Guid.CreateVersion7(), Rule("POOL-SILENT"), subject with { DeviceId = device.Id },
                            Episode(start, start.AddHours(random.Next(2, 200))), start), WarningStatus.Rectified, start.AddDays(1), asOf));
                        warnings++;
                    }

                    if (random.NextDouble() < 0.01)
                    {
                        var incident = new DeviceIncident(Guid.CreateVersion7(), device.Id, random.NextDouble() < 0.5 ? IncidentKind.Damaged : IncidentKind.Moved, "巡查发现", "巡查", now.AddDays(-random.Next(5, 300)));
                        incident.Resolve(random.NextDouble() < 0.7 ? Liability.Restore : Liability.None, "已处理", incident.ReportedAt.AddDays(2));
                        db.DeviceIncidents.Add(incident);
                        incidents++;
                    }
                }

                var violations = random.NextDouble() < 0.35 ? random.Next(1, 4) : 0;
                for (var v = 0; v < violations; v++)
                {
                    var raised = now.AddDays(-random.Next(1, 365));
                    var roll = random.NextDouble();
                    var status = v == 0 && roll < 0.08 ? WarningStatus.RectificationOrdered : roll < 0.2 ? WarningStatus.FalseAlarm : WarningStatus.Rectified;
                    db.Warnings.Add(Handled(new Warning(Guid.CreateVersion7(), Rule(v == 0 ? "POOL-PH" : "POOL-TURBIDITY"), subject, Episode(raised, raised.AddHours(3)), raised),
                        status, raised.AddDays(random.Next(1, 30)), asOf));
                    warnings++;
                }

                if (random.NextDouble() < 0.004)
                {
                    var raised = now.AddDays(-random.Next(10, 300));
                    db.Warnings.Add(Handled(new Warning(Guid.CreateVersion7(), Rule(random.NextDouble() < 0.6 ? "POOL-SELF-CHECK" : "POOL-FCL-FLAT"), subject, Episode(raised, raised), raised),
                        WarningStatus.TurnedIntoClue, raised.AddDays(3), asOf));
                    warnings++;
                }

                if (random.NextDouble() < 0.03)
                {
                    var decided = asOf.AddDays(-random.Next(1, 365));
                    var falseRecords = random.NextDouble() < 0.05;
                    var c = new Case(Guid.CreateVersion7(), new CaseOpening(entity.Id, falseRecords ? "提供虚假自查记录" : "游泳池水质不符合卫生标准", CaseSource.OwnFinding, null, "检查发现",
                        CaseProcedureKind.General, null, decided.AddDays(-40), false), county.Id, county.Path, PartyKind.Organisation, "基准", now.AddDays(-400), decided.AddDays(-60));
                    var outcome = random.NextDouble() < 0.1 ? CaseOutcome.NoPenaltyFirstViolation : CaseOutcome.Penalty;
                    c.RecordDecision(outcome, outcome == CaseOutcome.Penalty ? new Penalty(true, random.Next(1, 40) * 500m) : null, decided);
                    c.MoveTo(CaseStage.Closed, now);
                    db.Cases.Add(c);
                    cases++;
                }

                if (random.NextDouble() < 0.10)
                {
                    var week = Monday(asOf.AddDays(-7 * random.Next(2, 50)));
                    if (random.NextDouble() < 0.5)
                    {
                        db.OverdueReports.Add(new OverdueReport(form.Id, entity.Id, week, ReportPeriods.DueAt(form.Frequency, week, form.DueTime), ReportPeriods.DueAt(form.Frequency, week, form.DueTime).AddMinutes(10)));
                    }
                    else
                    {
                        var due = ReportPeriods.DueAt(form.Frequency, week, form.DueTime);
                        db.SelfReports.Add(new SelfReport(Guid.CreateVersion7(), form, entity.Id, week, new Submission("[]", "[]", "承诺真实", "0", user.Id, user.DisplayName, due.AddDays(2))));
                    }

                    reports++;
                }
            }

            rows += db.ChangeTracker.Entries().Count(e => e.State == EntityState.Added);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }

        return $"{count:N0} entities, {devices:N0} devices, {warnings:N0} warnings, {cases:N0} cases, {incidents:N0} incidents, {reports:N0} late or overdue self-reports ({rows:N0} rows)";
    }

    private static Episode Episode(DateTimeOffset start, DateTimeOffset end) =>
        new(start, start, end, [new Sample(start, 9.1, true)], "基准");

    /// <summary>Takes a warning through signing for and checking to <paramref name="status"/>, the last step at <paramref name="at"/> (never after the day graded).</summary>
    private static Warning Handled(Warning warning, WarningStatus status, DateTimeOffset at, DateOnly asOf)
    {
        var end = PointInTime.EndOf(asOf).AddHours(-2);
        at = at < end ? at : end;
        warning.Apply(WarningAction.SignFor, "基准", at.AddHours(-2));
        warning.Apply(WarningAction.StartChecking, "基准", at.AddHours(-1));
        _ = status switch
        {
            WarningStatus.FalseAlarm => warning.Apply(WarningAction.DismissAsFalseAlarm, "基准", at, "误报"),
            WarningStatus.TurnedIntoClue => warning.Apply(WarningAction.TurnIntoClue, "基准", at),
            WarningStatus.RectificationOrdered => warning.Apply(WarningAction.OrderRectification, "基准", at, null, ChinaTime.DateOf(at).AddDays(15)),
            _ => warning.Apply(WarningAction.OrderRectification, "基准", at.AddMinutes(-30), null, ChinaTime.DateOf(at).AddDays(15))
                && warning.Apply(WarningAction.ConfirmRectified, "基准", at),
        };
        return warning;
    }

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
