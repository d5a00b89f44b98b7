using Microsoft.EntityFrameworkCore;
using Tianmu.Cases;
using Tianmu.Cases.Discretion;
using Tianmu.Catalog;
using Tianmu.Persistence;

namespace Tianmu.Server.Cases;

public sealed record DiscretionView(string Benchmark, string Tier, string Outcome, string Lowest, string Highest, IReadOnlyList<string> Reasons, string Basis);

/// <summary>
/// 裁量基准 (art. 34): the suggestion for a case from the published benchmark matching its catalog item's
/// penalty basis, weighed with what the system knows — earlier penalties of the same party (repetition,
/// first violation), whether the warning was rectified, and harm. The officer's choice and reason are
/// recorded at 调查终结.
/// </summary>
public sealed class CaseDiscretion(TianmuDb db)
{
    public async Task<DiscretionView?> SuggestAsync(Case c, CancellationToken ct)
    {
        if (c.CatalogItemId is not { } itemId)
        {
            return null;
        }

        var basis = await db.CatalogVersions.AsNoTracking().Where(v => v.ItemId == itemId && v.Status == VersionStatus.Published)
            .OrderByDescending(v => v.Number).Select(v => v.PenaltyBasis).FirstOrDefaultAsync(ct);
        if (basis is null || DiscretionBenchmarks.Find(basis) is not { } code)
        {
            return null;
        }

        var earlier = await db.Cases.AsNoTracking().CountAsync(x => x.EntityId == c.EntityId && x.Id != c.Id && x.DecidedOutcome == CaseOutcome.Penalty && x.DecidedOn < c.AcceptedOn, ct);
        var corrected = c.Source == CaseSource.Warning && Guid.TryParse(c.SourceRef, out var warningId)
            && await db.Warnings.AsNoTracking().AnyAsync(w => w.Id == warningId && w.EpisodeEnd != null, ct);
        var circumstances = new Circumstances(earlier == 0, corrected, c.HealthHarm ? HarmLevel.Serious : HarmLevel.None, earlier);
        var s = DiscretionBenchmarks.Suggest(code, circumstances);
        return new DiscretionView(s.BenchmarkCode, s.Tier, s.Outcome.ToChinese(), CaseText.PenaltyText(s.Lowest), CaseText.PenaltyText(s.Highest), s.Reasons, s.Basis);
    }
}
