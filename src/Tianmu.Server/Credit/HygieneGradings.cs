using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Credit;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Credit;

public sealed record HygieneGradingInput(double? Score, DateOnly? GradedOn, string? Note);

public sealed record HygieneGradingView(Guid Id, Guid EntityId, double Score, string Level, DateOnly GradedOn, string GradedBy, string? Note, DateTimeOffset RecordedAt)
{
    public static HygieneGradingView Of(HygieneGrading g) => new(g.Id, g.EntityId, g.Score, g.Level, g.GradedOn, g.GradedBy, g.Note, g.RecordedAt);
}

/// <summary>量化分级 records: an officer of the entity's jurisdiction records a grading (audited); staff list them.</summary>
public sealed class HygieneGradings(TianmuDb db, TimeProvider clock)
{
    public async Task<Result<HygieneGradingView>> RecordAsync(CurrentUser caller, Guid entityId, HygieneGradingInput input, CancellationToken ct)
    {
        var entity = await db.EntitiesIn(caller.Jurisdiction).AsNoTracking().Where(e => e.Id == entityId).Select(e => new { e.Id, e.AgencyPath }).FirstOrDefaultAsync(ct);
        if (entity is null)
        {
            return Error.NotFound("监管对象");
        }

        var fields = new Dictionary<string, string[]>();
        if (input.Score is not (>= 0 and <= 100))
        {
            fields["score"] = ["请填写 0 到 100 之间的量化分级得分。"];
        }

        if (input.GradedOn is not { } on || on > clock.Today())
        {
            fields["gradedOn"] = ["请填写评定日期，且不能晚于今天。"];
        }

        if (input.Note is { Length: > 500 })
        {
            fields["note"] = ["备注不能超过 500 字。"];
        }

        if (fields.Count > 0)
        {
            return Error.Validation(fields);
        }

        var grading = new HygieneGrading(Guid.CreateVersion7(), entity.Id, entity.AgencyPath, Math.Round(input.Score!.Value, 1), input.GradedOn!.Value,
            caller.DisplayName, string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(), clock.GetUtcNow());
        db.HygieneGradings.Add(grading);
        await db.SaveChangesAsync(ct);
        return HygieneGradingView.Of(grading);
    }

    public async Task<Result<IReadOnlyList<HygieneGradingView>>> ListAsync(CurrentUser caller, Guid entityId, CancellationToken ct)
    {
        if (!await db.EntitiesIn(caller.Jurisdiction).AnyAsync(e => e.Id == entityId, ct))
        {
            return Error.NotFound("监管对象");
        }

        var gradings = await db.HygieneGradings.AsNoTracking().Where(g => g.EntityId == entityId).OrderByDescending(g => g.GradedOn).ToListAsync(ct);
        return gradings.Select(HygieneGradingView.Of).ToList();
    }
}
