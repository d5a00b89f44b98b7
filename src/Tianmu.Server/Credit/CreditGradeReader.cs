using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Credit;
using Tianmu.Identity;
using Tianmu.Persistence;

namespace Tianmu.Server.Credit;

/// <summary>A fact behind a contribution as a page shows it: what it is, and where to read it when the reader may.</summary>
public sealed record CreditFactView(string Kind, string KindName, Guid? Id, DateOnly On, string Label, double Points, string? Link);

public sealed record CreditContributionView(string Factor, string Name, double Points, IReadOnlyList<CreditFactView> Facts);

/// <summary>
/// An entity's grade with its explanation (信用评价及其依据) — the one shape every reader gets (staff API and pages, the
/// portal): score, band, risk, the model version it was computed under and what that model says the grade means for
/// supervision (frequency, sampling ratio), and each factor's contribution with its facts. <see cref="Stored"/> is false
/// for a grade recomputed as of a day without storing it (重新计算); <see cref="Id"/> is then null.
/// </summary>
public sealed record CreditGradeView(
    Guid? Id, Guid EntityId, string EntityName, DateOnly AsOf, DateTimeOffset ComputedAt, bool Stored, string ModelCode, int ModelVersion, string ModelName,
    string? Basis, double Score, string Grade, int Rank, string Risk, string RiskName, string? BandDescription, bool KeySupervision, bool SelfMonitored,
    SupervisionLevel Supervision, IReadOnlyList<CreditContributionView> Contributions);

/// <summary>
/// Reads the stored grades (table credit_grades, written by the scoring run): an entity's current grade is its row
/// with the latest AsOf, then ComputedAt. Fact links are decided by the caller (staff pages or the entity's portal),
/// so each side links only to what it may open.
/// </summary>
public sealed class CreditGradeReader(TianmuDb db)
{
    /// <summary>The current grade of each of <paramref name="entityIds"/> that has one.</summary>
    public Task<List<CreditGrade>> CurrentAsync(IQueryable<Guid> entityIds, CancellationToken ct) =>
        Current(db.CreditGrades.AsNoTracking().Where(g => entityIds.Contains(g.EntityId))).ToListAsync(ct);

    /// <summary>Keeps each entity's current row only: no later row of the same entity exists.</summary>
    public IQueryable<CreditGrade> Current(IQueryable<CreditGrade> grades) => grades.Current(db.CreditGrades);

    /// <summary>Staff links: warnings and cases to their pages, devices and device incidents to the device's page.</summary>
    public async Task<Func<CreditFact, string?>> StaffLinksAsync(IEnumerable<CreditGrade> grades, CancellationToken ct)
    {
        var incidents = Ids(grades, CreditFactKinds.DeviceIncident);
        var devices = incidents.Count == 0
            ? []
            : await db.DeviceIncidents.AsNoTracking().Where(i => incidents.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.DeviceId, ct);
        return f => f.Id is not { } id ? null
            : f.Kind == CreditFactKinds.DeviceIncident ? (devices.TryGetValue(id, out var device) ? $"/devices/{device}" : null)
            : StaffLink(f.Kind, id);
    }

    /// <summary>Where staff read a fact: warnings and cases on their pages, a device on its page.</summary>
    public static string? StaffLink(string kind, Guid id) => kind switch
    {
        CreditFactKinds.Warning => $"/warnings/{id}",
        CreditFactKinds.Case => $"/cases/{id}",
        CreditFactKinds.Device => $"/devices/{id}",
        _ => null,
    };

    /// <summary>The ids of the facts of one kind across <paramref name="grades"/>.</summary>
    public static List<Guid> Ids(IEnumerable<CreditGrade> grades, string kind) =>
        [.. grades.SelectMany(g => CreditJson.Read(g.ContributionsJson)).SelectMany(c => c.Facts).Where(f => f.Kind == kind && f.Id is not null).Select(f => f.Id!.Value).Distinct()];

    /// <summary>
    /// The view of a grade: its model's name, basis and band description when the model it names is still known, and
    /// the supervision that model sets for it (else the model in force for the entity's agency that day).
    /// </summary>
    public static CreditGradeView View(CreditGrade g, string entityName, Func<CreditFact, string?> link, CreditModelChoice models, bool stored)
    {
        var model = models.Named(g.ModelCode, g.ModelVersion);
        var contributions = CreditJson.Read(g.ContributionsJson)
            .Select(c => new CreditContributionView(c.Factor, c.Name, c.Points, [.. c.Facts.Select(f => new CreditFactView(f.Kind, KindName(f.Kind), f.Id, f.On, f.Label, f.Points, link(f)))]));
        var supervision = models.Of(g.ModelCode, g.ModelVersion, g.AgencyPath, g.AsOf).SupervisionFor(g.Grade, g.SelfMonitored, g.KeySupervision);
        return new CreditGradeView(
            stored ? g.Id : null, g.EntityId, entityName, g.AsOf, g.ComputedAt, stored, g.ModelCode, g.ModelVersion, model?.Name ?? g.ModelCode, model?.Basis,
            g.Score, g.Grade, g.Rank, g.Risk.ToString(), RiskName(g.Risk), model?.Band(g.Grade)?.Description, g.KeySupervision, g.SelfMonitored, supervision, [.. contributions]);
    }

    public static string RiskName(RiskLevel risk) => risk switch
    {
        RiskLevel.Low => "低风险",
        RiskLevel.Medium => "一般风险",
        RiskLevel.High => "较高风险",
        _ => "高风险",
    };

    public static string KindName(string kind) => kind switch
    {
        CreditFactKinds.Device => "监测设备",
        CreditFactKinds.DeviceIncident => "设备事件",
        CreditFactKinds.SelfReport => "自律报送",
        CreditFactKinds.OverdueReport => "逾期未报送",
        CreditFactKinds.Warning => "预警",
        CreditFactKinds.Case => "案件",
        CreditFactKinds.HygieneGrading => "量化分级",
        _ => kind,
    };
}

/// <summary>Jurisdiction over the credit tables, which copy the entity's agency path.</summary>
public static class CreditScope
{
    public static IQueryable<T> Within<T>(this IQueryable<T> rows, Jurisdiction j, Expression<Func<T, string>> agencyPath)
    {
        if (j.Everything)
        {
            return rows;
        }

        if (j.AgencyPath is not { } prefix)
        {
            return rows.Where(_ => false);
        }

        var startsWith = Expression.Call(agencyPath.Body, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!, Expression.Constant(prefix));
        return rows.Where(Expression.Lambda<Func<T, bool>>(startsWith, agencyPath.Parameters));
    }

    /// <summary>Saves under a named audit action (e.g. credit_repair.approved), then names the request's later saves by their changes again.</summary>
    public static async Task SaveAsAsync(this TianmuDb db, AuditScope audit, string action, CancellationToken ct)
    {
        audit.Action = action;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            audit.Action = null;
        }
    }
}
