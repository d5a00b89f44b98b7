using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Credit;
using Tianmu.Credit.Scoring;
using Tianmu.Entities;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Credit;

/// <summary>
/// Computes and stores grades (S10, S20, Z4, Z24): for a scope in bulk (the nightly run), for one entity on
/// demand, or — without storing — for any past day. Storing a grade also lists, automatically, every S20/Z24 fact
/// not listed yet on the key-supervision list (重点监管名单, listed by "系统" on the fact's day). Facts are loaded and
/// scored before the write transaction opens, so it holds the database only for the bulk write.
/// </summary>
public sealed class CreditGrading(TianmuDb db, CreditFactsLoader loader, CreditGradeReader reader, WriteGate gate, TimeProvider clock)
{
    public const string SystemActor = "系统";

    public const string Everywhere = "/";

    /// <summary>China time after which the nightly run grades the day just ended.</summary>
    public const int NightlyHour = 1;

    public async Task<CreditRun> RunAsync(IQueryable<RegulatedEntity> scope, string scopePath, Guid? entityId, DateOnly asOf, string by, CancellationToken ct)
    {
        var models = await CreditModelChoice.LoadAsync(db, ct);
        var started = clock.GetUtcNow();
        var histories = await loader.LoadAsync(scope, asOf, models.Widest, ct);
        var scored = histories.AsParallel().AsOrdered()
            .Select(h => (History: h, Model: models.For(h.AgencyPath, asOf)))
            .Select(s => (s.History, Result: CreditScorer.Score(s.Model, s.History, asOf), s.Model))
            .Select(s => (s.History, s.Result, Grade: s.Result.ToGrade(s.History, s.Model.Model, started)))
            .ToList();

        var model = scored.Count == 1 ? models.For(scored[0].History.AgencyPath, asOf) : ScoringModel.Default;
        var run = new CreditRun(Guid.CreateVersion7(started), asOf, scopePath, entityId, model.Model.Code, model.Model.Version, by, started);
        using var turn = await gate.EnterAsync(ct); // SQLite: queued with ingest for the one write lock, not racing it
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await CreditGradeWriter.WriteAsync(db, [.. scored.Select(s => s.Grade)], ct);
        var listed = 0;
        foreach (var (history, result, _) in scored)
        {
            foreach (var fact in result.KeySupervisionFacts.Where(f => !history.KeySupervision.Any(e => e.SourceKind == f.Kind && e.SourceId == f.Id)))
            {
                db.KeySupervisionEntries.Add(new KeySupervisionEntry(Guid.CreateVersion7(started), history.EntityId, history.AgencyPath, fact.Label,
                    FalseInformationFactor.Basis, fact.Kind, fact.Id, fact.On, SystemActor));
                listed++;
            }
        }

        run.Finish(scored.Count, listed, clock.GetUtcNow());
        db.CreditRuns.Add(run);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return run;
    }

    /// <summary>The nightly run: once a day, after <see cref="NightlyHour"/> China time, every entity graded as of the day just ended.</summary>
    public async Task<int> RunNightlyAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToChina();
        var asOf = DateOnly.FromDateTime(now.DateTime).AddDays(-1);
        if (now.Hour < NightlyHour || await db.CreditRuns.AnyAsync(r => r.AsOf == asOf && r.ScopePath == Everywhere && r.EntityId == null, ct))
        {
            return 0;
        }

        return (await RunAsync(db.Entities, Everywhere, null, asOf, SystemActor, ct)).Entities;
    }

    /// <summary>Demo data: grades for every entity as of today, so the pages have something to show from the start.</summary>
    public async Task GradeDemoAsync(CancellationToken ct)
    {
        if (!await db.CreditGrades.AnyAsync(ct))
        {
            await RunAsync(db.Entities, Everywhere, null, clock.Today(), SystemActor, ct);
        }
    }

    public async Task<Result<CreditGradeView>> RecomputeAsync(CurrentUser caller, Guid entityId, CancellationToken ct)
    {
        var entity = await db.EntitiesIn(caller.Jurisdiction).AsNoTracking().Where(e => e.Id == entityId).Select(e => new { e.Id, e.AgencyPath }).FirstOrDefaultAsync(ct);
        if (entity is null)
        {
            return Error.NotFound("监管对象");
        }

        await RunAsync(db.Entities.Where(e => e.Id == entityId), entity.AgencyPath, entityId, clock.Today(), caller.DisplayName, ct);
        return await ViewAsync(caller, entityId, null, ct);
    }

    /// <summary>
    /// An entity's grade for staff, with links to the facts' pages: without <paramref name="asOf"/>, the current one (the
    /// latest stored computation); with it, the latest computation stored for that very day. When none is stored the grade
    /// is recomputed as of the day from the facts known by its end (point in time) and shown unstored (重新计算).
    /// </summary>
    public async Task<Result<CreditGradeView>> ViewAsync(CurrentUser caller, Guid entityId, DateOnly? asOf, CancellationToken ct)
    {
        var entity = await db.EntitiesIn(caller.Jurisdiction).AsNoTracking().Where(e => e.Id == entityId).Select(e => new { e.Id, e.Name }).FirstOrDefaultAsync(ct);
        if (entity is null)
        {
            return Error.NotFound("监管对象");
        }

        if (asOf > clock.Today())
        {
            return Error.Validation("asOf", "评价日期不能晚于今天。");
        }

        var models = await CreditModelChoice.LoadAsync(db, ct);
        var stored = await db.CreditGrades.AsNoTracking().Where(g => g.EntityId == entityId && (asOf == null || g.AsOf == asOf))
            .OrderByDescending(g => g.AsOf).ThenByDescending(g => g.ComputedAt).FirstOrDefaultAsync(ct);
        var grade = stored ?? await ComputeAsync(entityId, asOf ?? clock.Today(), models, ct);
        return CreditGradeReader.View(grade, entity.Name, await reader.StaffLinksAsync([grade], ct), models, stored is not null);
    }

    /// <summary>The grade of one entity as of <paramref name="day"/>, computed and not stored.</summary>
    private async Task<CreditGrade> ComputeAsync(Guid entityId, DateOnly day, CreditModelChoice models, CancellationToken ct)
    {
        var history = (await loader.LoadAsync(db.Entities.Where(e => e.Id == entityId), day, models.Widest, ct)).Single();
        var model = models.For(history.AgencyPath, day);
        return CreditScorer.Score(model, history, day).ToGrade(history, model.Model, clock.GetUtcNow());
    }
}
