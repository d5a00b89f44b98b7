using Microsoft.EntityFrameworkCore;
using Tianmu.Credit;
using Tianmu.Credit.Scoring;
using Tianmu.Persistence;

namespace Tianmu.Server.Credit;

/// <summary>
/// Which model grades an entity on a day: the latest version, valid by then, published by the nearest agency on
/// the entity's path (its own, then its city's, then the province's); otherwise the shipped default. Models are
/// read once per run and parsed once each.
/// </summary>
public sealed class CreditModelChoice
{
    private readonly List<(string Path, DateOnly ValidFrom, int Version, ScoringModel Model)> published;

    private CreditModelChoice(List<(string Path, DateOnly ValidFrom, int Version, ScoringModel Model)> published) => this.published = published;

    public static async Task<CreditModelChoice> LoadAsync(TianmuDb db, CancellationToken ct)
    {
        var rows = await db.AgencyCreditModels.AsNoTracking().ToListAsync(ct);
        return new([.. rows.Select(r => (r.AgencyPath, r.ValidFrom, r.Version, ScoringModel.From(r.Model())))]);
    }

    /// <summary>The model looking furthest back, so one load serves every model of the run.</summary>
    public ScoringModel Widest => published.Select(p => p.Model).Append(ScoringModel.Default).MaxBy(CreditFactsLoader.Horizon)!;

    public ScoringModel For(string agencyPath, DateOnly asOf)
    {
        (string Path, DateOnly ValidFrom, int Version, ScoringModel Model)? best = null;
        foreach (var m in published)
        {
            if (m.ValidFrom <= asOf && agencyPath.StartsWith(m.Path, StringComparison.Ordinal)
                && (best is not { } b || m.Path.Length > b.Path.Length || (m.Path.Length == b.Path.Length && m.Version > b.Version)))
            {
                best = m;
            }
        }

        return best?.Model ?? ScoringModel.Default;
    }

    /// <summary>The model a stored grade names, for its name and bands; null when it is no longer known.</summary>
    public CreditModel? Named(string code, int version) =>
        ScoringModel.Default.Model.Code == code && ScoringModel.Default.Model.Version == version ? ScoringModel.Default.Model
        : published.Select(p => p.Model.Model).FirstOrDefault(m => m.Code == code && m.Version == version);

    /// <summary>
    /// The model whose supervision rules apply to a grade: the one it was computed under (<paramref name="code"/>,
    /// <paramref name="version"/>) when known, else — no grade, or a model no longer published — the one in force for
    /// <paramref name="agencyPath"/> on <paramref name="day"/>.
    /// </summary>
    public CreditModel Of(string? code, int? version, string agencyPath, DateOnly day) =>
        (code is not null && version is { } v ? Named(code, v) : null) ?? For(agencyPath, day).Model;
}
