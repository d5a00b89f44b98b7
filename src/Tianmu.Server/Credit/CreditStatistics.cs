using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Entities;
using Tianmu.Persistence;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Credit;

/// <summary>Entities per grade (in <see cref="GradeDistribution.Grades"/> order) for one region or category.</summary>
public sealed record DistributionRow(string Key, string Name, IReadOnlyList<int> Counts, int Total);

/// <summary>Current grades of the jurisdiction's entities, per region (the entity's agency) and per category.</summary>
public sealed record GradeDistribution(IReadOnlyList<string> Grades, int Total, IReadOnlyList<int> Counts, IReadOnlyList<DistributionRow> ByAgency, IReadOnlyList<DistributionRow> ByCategory);

/// <summary>One grade change: the entity's grade moved from <c>From</c> to <c>To</c> between two successive computations.</summary>
public sealed record GradeMove(Guid EntityId, string EntityName, DateOnly AsOf, string From, string To, bool Up);

/// <summary>Grade changes per month (China calendar month of the later computation's AsOf), and the changes themselves, newest first.</summary>
public sealed record GradeMovements(IReadOnlyList<string> Months, IReadOnlyList<int> Up, IReadOnlyList<int> Down, IReadOnlyList<GradeMove> Moves);

/// <summary>
/// The credit views (issue 9 §5): how the jurisdiction's entities are graded now, per region and category, and how
/// grades moved over time — each change between an entity's successive computations, counted in the month it
/// happened. Read from the stored grades; grouping is done by the database where it can be.
/// </summary>
public sealed class CreditStatistics(TianmuDb db, CreditGradeReader reader, TimeProvider clock)
{
    public const int DefaultMonths = 12;

    public async Task<GradeDistribution> DistributionAsync(CurrentUser caller, CancellationToken ct)
    {
        var current = reader.Current(db.CreditGrades.AsNoTracking().Within(caller.Jurisdiction, g => g.AgencyPath));
        var byAgency = await current.GroupBy(g => new { g.AgencyId, g.Grade, g.Rank }).Select(x => new { x.Key.AgencyId, x.Key.Grade, x.Key.Rank, Count = x.Count() }).ToListAsync(ct);
        var byCategory = await current.Join(db.Entities, g => g.EntityId, e => e.Id, (g, e) => new { e.Category, g.Grade })
            .GroupBy(x => new { x.Category, x.Grade }).Select(x => new { x.Key.Category, x.Key.Grade, Count = x.Count() }).ToListAsync(ct);
        var grades = byAgency.GroupBy(x => x.Grade).OrderBy(g => g.Min(x => x.Rank)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        var agencyIds = byAgency.Select(x => x.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => (a.Name, a.Path), ct);

        List<int> CountsOf<T>(IEnumerable<T> rows, Func<T, string> grade, Func<T, int> count) =>
            [.. grades.Select(label => rows.Where(r => grade(r) == label).Sum(count))];

        var agencyRows = byAgency.GroupBy(x => x.AgencyId).OrderBy(g => agencies.GetValueOrDefault(g.Key).Path, StringComparer.Ordinal)
            .Select(g => new DistributionRow(g.Key.ToString(), agencies.GetValueOrDefault(g.Key).Name ?? "", CountsOf(g, x => x.Grade, x => x.Count), g.Sum(x => x.Count)));
        var categoryRows = byCategory.GroupBy(x => x.Category).OrderBy(g => g.Key)
            .Select(g => new DistributionRow(g.Key.ToString(), g.Key.ToChinese(), CountsOf(g, x => x.Grade, x => x.Count), g.Sum(x => x.Count)));
        return new GradeDistribution(grades, byAgency.Sum(x => x.Count), CountsOf(byAgency, x => x.Grade, x => x.Count), [.. agencyRows], [.. categoryRows]);
    }

    public async Task<GradeMovements> MovementsAsync(CurrentUser caller, int? months, CancellationToken ct)
    {
        var count = Math.Clamp(months ?? DefaultMonths, 1, 36);
        var today = clock.Today();
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - count);
        var all = db.CreditGrades.AsNoTracking();

        // Each computation in the window with the rank and grade of the entity's computation just before it: scalar
        // subqueries (an index seek each on (entity_id, as_of, computed_at)), which both databases run.
        var rows = await all.Within(caller.Jurisdiction, g => g.AgencyPath).Where(g => g.AsOf >= first)
            .Select(g => new
            {
                g.EntityId,
                g.AsOf,
                g.Rank,
                g.Grade,
                PreviousRank = all.Where(p => p.EntityId == g.EntityId && (p.AsOf < g.AsOf || (p.AsOf == g.AsOf && p.ComputedAt < g.ComputedAt)))
                    .OrderByDescending(p => p.AsOf).ThenByDescending(p => p.ComputedAt).Select(p => (int?)p.Rank).FirstOrDefault(),
                PreviousGrade = all.Where(p => p.EntityId == g.EntityId && (p.AsOf < g.AsOf || (p.AsOf == g.AsOf && p.ComputedAt < g.ComputedAt)))
                    .OrderByDescending(p => p.AsOf).ThenByDescending(p => p.ComputedAt).Select(p => p.Grade).FirstOrDefault(),
            })
            .Where(x => x.PreviousRank != null && x.PreviousRank != x.Rank)
            .ToListAsync(ct);
        var ids = rows.Select(r => r.EntityId).Distinct().ToList();
        var names = await db.Entities.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var moves = rows.Select(r => new GradeMove(r.EntityId, names.GetValueOrDefault(r.EntityId, ""), r.AsOf, r.PreviousGrade ?? "", r.Grade, r.Rank < r.PreviousRank))
            .OrderByDescending(m => m.AsOf).ThenBy(m => m.EntityName, StringComparer.Ordinal).ToList();
        var monthStarts = Enumerable.Range(0, count).Select(i => first.AddMonths(i)).ToList();
        bool In(GradeMove m, DateOnly month) => m.AsOf.Year == month.Year && m.AsOf.Month == month.Month;
        return new GradeMovements(
            [.. monthStarts.Select(m => m.ToString("yyyy-MM", CultureInfo.InvariantCulture))],
            [.. monthStarts.Select(m => moves.Count(x => x.Up && In(x, m)))],
            [.. monthStarts.Select(m => moves.Count(x => !x.Up && In(x, m)))],
            moves);
    }
}

/// <summary>The credit views as CSV tables with Chinese headers.</summary>
public static class CreditCsv
{
    /// <summary>Table key → Chinese name (used in the file name).</summary>
    public static readonly IReadOnlyDictionary<string, string> Tables = new Dictionary<string, string>
    {
        ["regions"] = "信用等级分布-按地区",
        ["categories"] = "信用等级分布-按类别",
        ["movements"] = "信用等级变动",
    };

    public static string Distribution(GradeDistribution d, bool byAgency) => Csv.Write(
        [[byAgency ? "地区（监管机构）" : "类别", .. d.Grades, "合计"],
        .. (byAgency ? d.ByAgency : d.ByCategory).Select(r => new[] { r.Name }.Concat(r.Counts.Select(N)).Append(N(r.Total)))]);

    public static string Movements(GradeMovements m) => Csv.Write(
        [["评价日期", "监管对象", "原等级", "新等级", "变动"],
        .. m.Moves.Select(x => new[] { x.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), x.EntityName, x.From, x.To, x.Up ? "上升" : "下降" })]);

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
