using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Credit;
using Tianmu.Credit.Scoring;
using Tianmu.Persistence;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Credit;

/// <summary>A model as listed: who published it (none for the shipped default), its version and the model itself.</summary>
public sealed record CreditModelView(Guid? AgencyId, string AgencyPath, string Code, int Version, string Name, DateOnly ValidFrom, DateTimeOffset? PublishedAt, string? PublishedBy, CreditModel Model);

/// <summary>
/// Agencies' credit model versions (S4, S10, Z4): administrators list the shipped default and the versions published
/// in their jurisdiction, and publish a new version for their own agency — checked (every factor's parameters, bands
/// in order) and numbered above every earlier version of the same code there. Published versions are never edited.
/// </summary>
public sealed class CreditModelDesk(TianmuDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<CreditModelView>> ListAsync(CurrentUser caller, CancellationToken ct)
    {
        var j = caller.Jurisdiction;
        var rows = await db.AgencyCreditModels.AsNoTracking().OrderBy(m => m.AgencyPath).ThenBy(m => m.Code).ThenBy(m => m.Version).ToListAsync(ct);
        var shipped = CreditModels.Default;
        return [new CreditModelView(null, "/", shipped.Code, shipped.Version, shipped.Name, shipped.ValidFrom, null, null, shipped),
            .. rows.Where(m => j.Covers(m.AgencyPath)).Select(m => new CreditModelView(m.AgencyId, m.AgencyPath, m.Code, m.Version, m.Name, m.ValidFrom, m.PublishedAt, m.PublishedBy, m.Model()))];
    }

    public async Task<Result<CreditModelView>> PublishAsync(CurrentUser caller, JsonElement body, CancellationToken ct)
    {
        if (caller.AgencyId is not { } agencyId || caller.AgencyPath is not { } path)
        {
            return Error.Forbidden("credit.model_agency", "信用模型由机构发布，平台管理员请使用所在机构的管理员账号发布。");
        }

        var json = body.GetRawText();
        CreditModel model;
        try
        {
            model = CreditModels.Parse(json);
            ScoringModel.From(model);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or ArgumentException)
        {
            return Error.Unprocessable("credit.model_invalid", $"信用模型不合规，未发布：{e.Message}");
        }

        var latest = await db.AgencyCreditModels.Where(m => m.AgencyId == agencyId && m.Code == model.Code).MaxAsync(m => (int?)m.Version, ct) ?? 0;
        var floor = model.Code == CreditModels.Default.Code ? Math.Max(latest, CreditModels.Default.Version) : latest;
        if (model.Version <= floor)
        {
            return Error.Conflict("credit.model_version", $"版本号须大于已发布的版本 {floor}（已发布的版本不能修改，请发布新版本）。");
        }

        var row = new AgencyCreditModel(Guid.CreateVersion7(), agencyId, path, model, json, clock.GetUtcNow(), caller.DisplayName);
        db.AgencyCreditModels.Add(row);
        await db.SaveChangesAsync(ct);
        return new CreditModelView(row.AgencyId, row.AgencyPath, row.Code, row.Version, row.Name, row.ValidFrom, row.PublishedAt, row.PublishedBy, model);
    }
}
