using Microsoft.EntityFrameworkCore;
using Tianmu.Credit;
using Tianmu.Credit.Scoring;
using Tianmu.Devices;
using Tianmu.Entities;
using Tianmu.Persistence;
using Tianmu.Warnings.Rules;

namespace Tianmu.Server.Credit;

/// <summary>
/// Loads the credit histories of every entity of a scope (a jurisdiction, the whole province, or one entity)
/// with one query per kind of fact, each joined to the scope, grouped by entity in memory — never a query per
/// entity, so a province of 200,000 entities is a dozen queries. Only facts that can count as of the day are
/// read: known by its end and within the model's longest horizon.
/// </summary>
public sealed class CreditFactsLoader(TianmuDb db)
{
    /// <summary>Each shipped rule's kind by pack and rule code: warnings record the codes, the scorers need the kind.</summary>
    private static readonly Dictionary<(string Pack, string Rule), RuleKind> RuleKinds =
        RulePacks.All.SelectMany(p => p.Rules.Select(r => (Key: (p.Code, r.Code), r.Kind))).DistinctBy(x => x.Key).ToDictionary(x => x.Key, x => x.Kind);

    public async Task<IReadOnlyList<CreditHistory>> LoadAsync(IQueryable<RegulatedEntity> scope, DateOnly asOf, ScoringModel model, CancellationToken ct)
    {
        var end = PointInTime.EndOf(asOf);
        var horizon = Horizon(model);
        var since = end.AddDays(-horizon);
        var sinceDay = asOf.AddDays(-horizon);

        var entities = await scope.AsNoTracking().Select(e => new { e.Id, e.AgencyId, e.AgencyPath }).ToListAsync(ct);

        var retired = (await (from c in db.DeviceStatusChanges
                              join d in db.Devices on c.DeviceId equals d.Id
                              join e in scope on d.EntityId equals e.Id
                              where c.ToStatus == DeviceStatus.Retired && c.At < end
                              select new { c.DeviceId, c.At }).ToListAsync(ct))
            .GroupBy(r => r.DeviceId).ToDictionary(g => g.Key, g => g.Min(r => r.At));

        var devices = (await (from d in db.Devices
                              join e in scope on d.EntityId equals e.Id
                              where d.ActivatedAt != null && d.ActivatedAt < end
                              select new { d.Id, d.EntityId, d.Type, d.SerialNumber, ActivatedAt = d.ActivatedAt!.Value }).ToListAsync(ct))
            .ToLookup(d => d.EntityId, d => new DeviceFact(d.Id, $"{d.Type.ToChinese()} {d.SerialNumber}", d.ActivatedAt, retired.TryGetValue(d.Id, out var r) ? r : null));

        var warnings = (await (from w in db.Warnings
                               join e in scope on w.EntityId equals e.Id
                               where w.RaisedAt < end && w.RaisedAt >= since
                               select new
                               {
                                   w.Id,
                                   w.EntityId,
                                   w.DeviceId,
                                   w.PackCode,
                                   w.RuleCode,
                                   w.RuleName,
                                   w.Clause,
                                   w.Category,
                                   w.Severity,
                                   w.Status,
                                   w.RaisedAt,
                                   w.EpisodeStart,
                                   w.EpisodeEnd,
                                   w.UpdatedAt,
                                   w.RectifyBy,
                               }).ToListAsync(ct))
            .ToLookup(w => w.EntityId, w => new WarningFact(w.Id, w.DeviceId, w.RuleName, w.Clause, w.Category,
                RuleKinds.TryGetValue((w.PackCode, w.RuleCode), out var kind) ? kind : null, w.Severity, w.Status, w.RaisedAt, w.EpisodeStart, w.EpisodeEnd, w.UpdatedAt, w.RectifyBy));

        var incidents = (await (from i in db.DeviceIncidents
                                join d in db.Devices on i.DeviceId equals d.Id
                                join e in scope on d.EntityId equals e.Id
                                where i.Liability != null && i.Liability != Liability.None && i.ResolvedAt < end && i.ResolvedAt >= since
                                select new { i.Id, d.EntityId, i.DeviceId, i.Kind, i.Description, i.ReportedAt, i.Liability, i.ResolvedAt }).ToListAsync(ct))
            .ToLookup(i => i.EntityId, i => new IncidentFact(i.Id, i.DeviceId, i.Kind, i.Description, i.ReportedAt, i.Liability, i.ResolvedAt));

        var late = (await (from r in db.SelfReports
                           join e in scope on r.EntityId equals e.Id
                           join f in db.SelfReportForms on r.FormId equals f.Id
                           where r.Late && r.SubmittedAt < end && r.SubmittedAt >= since
                           select new { r.Id, r.EntityId, r.FormId, f.Name, r.PeriodStart, r.SubmittedAt }).ToListAsync(ct))
            .ToLookup(r => r.EntityId, r => new LateReportFact(r.Id, r.FormId, r.Name, r.PeriodStart, r.SubmittedAt));

        var overdue = (await (from o in db.OverdueReports
                              join e in scope on o.EntityId equals e.Id
                              join f in db.SelfReportForms on o.FormId equals f.Id
                              where o.DetectedAt < end && o.DetectedAt >= since
                              select new { o.EntityId, o.FormId, f.Name, o.PeriodStart, o.DetectedAt, o.ReportedAt }).ToListAsync(ct))
            .ToLookup(o => o.EntityId, o => new OverdueFact(CreditFactIds.OverdueReport(o.FormId, o.EntityId, o.PeriodStart), o.FormId, o.Name, o.PeriodStart, o.DetectedAt, o.ReportedAt));

        var cases = (await (from c in db.Cases
                            join e in scope on c.EntityId equals e.Id
                            where c.DecidedOutcome != null && c.DecidedOn != null && c.DecidedOn <= asOf && c.DecidedOn >= sinceDay
                            select new { c.Id, c.EntityId, c.Title, c.DecidedOutcome, c.DecidedWarning, c.DecidedFine, c.DecidedSevere, c.DecidedOn, c.Source, c.SourceRef }).ToListAsync(ct))
            .ToLookup(c => c.EntityId, c => new CaseFact(c.Id, c.Title, c.DecidedOutcome!.Value, c.DecidedWarning, c.DecidedFine, c.DecidedSevere, c.DecidedOn!.Value, c.Source, c.SourceRef));

        var hygiene = (await (from g in db.HygieneGradings
                              join e in scope on g.EntityId equals e.Id
                              where g.GradedOn <= asOf && g.GradedOn >= sinceDay
                              select new { g.Id, g.EntityId, g.Score, g.Level, g.GradedOn }).ToListAsync(ct))
            .ToLookup(g => g.EntityId, g => new HygieneFact(g.Id, g.Score, g.Level, g.GradedOn));

        var repairs = (await (from r in db.CreditRepairs.AsNoTracking()
                              join e in scope on r.EntityId equals e.Id
                              where r.Status == CreditRepairStatus.Approved && r.DecidedOn <= asOf
                              select r).ToListAsync(ct)).ToLookup(r => r.EntityId);

        var listings = (await (from k in db.KeySupervisionEntries.AsNoTracking()
                               join e in scope on k.EntityId equals e.Id
                               select k).ToListAsync(ct)).ToLookup(k => k.EntityId);

        return [.. entities.Select(e => new CreditHistory(e.Id, e.AgencyId, e.AgencyPath)
        {
            Devices = [.. devices[e.Id]],
            Warnings = [.. warnings[e.Id]],
            Incidents = [.. incidents[e.Id]],
            LateReports = [.. late[e.Id]],
            Overdue = [.. overdue[e.Id]],
            Cases = [.. cases[e.Id]],
            HygieneGradings = [.. hygiene[e.Id]],
            Repairs = [.. repairs[e.Id]],
            KeySupervision = [.. listings[e.Id]],
        })];
    }

    /// <summary>How far back any factor looks: the longest horizon and window of the model.</summary>
    public static int Horizon(ScoringModel m) =>
        new[] { m.Devices.WindowDays, m.SelfMonitoring.WindowDays, m.SelfReports.HorizonDays, m.Warnings.HorizonDays, m.Cases.HorizonDays, m.Incidents.HorizonDays, m.FalseInformation.HorizonDays, m.Hygiene.HorizonDays }.Max() + 1;
}
