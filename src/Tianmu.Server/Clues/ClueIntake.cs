using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tianmu.Calendar;
using Tianmu.Clues;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Calendar;

namespace Tianmu.Server.Clues;

public sealed record ClueInput(
    string? Id, string? Title, string? Content, string? EntityName, string? CreditCode, string? DivisionCode, DateTimeOffset? Deadline, int? LimitWorkingDays);

/// <summary>What the platform is told about its clue: where it went, by when, and where it stands.</summary>
public sealed record ClueReceipt(Guid Id, string ExternalId, bool Duplicate, string AgencyName, DateTimeOffset Deadline, string Status, string StatusName, string? Result, DateTimeOffset? HandledAt);

/// <summary>
/// Receives clues pushed by the provincial platform (Z8): routed to the agency of the named entity
/// (by unified social credit code) or to the given division, inside the client's own jurisdiction;
/// the deadline is the platform's, or its limit in working days, or the default limit. A repeated
/// push of the same clue id answers with the stored clue.
/// </summary>
public sealed partial class ClueIntake(TianmuDb db, PlatformClients clients, CalendarService calendar, TimeProvider clock)
{
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Result<ClueReceipt>> PushAsync(IHeaderDictionary headers, byte[] body, CancellationToken ct)
    {
        var client = await clients.AuthenticateAsync(headers, body, ct);
        if (client.Value is not { } platform)
        {
            return client.Error!;
        }

        ClueInput? input;
        try
        {
            input = JsonSerializer.Deserialize<ClueInput>(body, Json);
        }
        catch (JsonException e)
        {
            return Error.Validation("body", $"请求体不是有效的 JSON（{e.Path}）。");
        }

        if (input?.Id is { } externalId && await db.ProvincialClues.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == platform.Id && c.ExternalId == externalId, ct) is { } known)
        {
            return await ReceiptAsync(known, duplicate: true, ct);
        }

        var errors = new FieldErrors().Required("title", input?.Title, "线索标题", 200).Required("content", input?.Content, "线索内容", 8000);
        if (input?.Id is not { } id || !ExternalId().IsMatch(id))
        {
            errors.Add("id", "线索编号 id 须为 1–64 位字母、数字或 . _ : -。");
        }

        if (input?.LimitWorkingDays is < 1 or > ClueTimeLimit.MaxWorkingDays)
        {
            errors.Add("limitWorkingDays", $"办理时限须为 1 到 {ClueTimeLimit.MaxWorkingDays} 个工作日。");
        }

        var now = clock.GetUtcNow();
        if (input?.Deadline is { } given && given <= now)
        {
            errors.Add("deadline", "办理期限须晚于当前时间。");
        }

        var route = errors.Any ? null : await RouteAsync(platform, input!, errors, ct);
        if (errors.Any)
        {
            return errors.ToError();
        }

        var deadline = await DeadlineAsync(input!, now, ct);
        if (!deadline.IsSuccess)
        {
            return deadline.Error!;
        }

        var due = deadline.Value;

        var clue = new ProvincialClue(Guid.CreateVersion7(), platform.Id, input!.Id!, new ClueContent(input.Title!.Trim(), input.Content!.Trim(), input.EntityName?.Trim(), input.CreditCode?.Trim()),
            route!.Value.AgencyId, route.Value.AgencyPath, route.Value.EntityId, now, due);
        db.ProvincialClues.Add(clue);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return await ReceiptAsync(await db.ProvincialClues.AsNoTracking().FirstAsync(c => c.ClientId == platform.Id && c.ExternalId == clue.ExternalId, ct), duplicate: true, ct);
        }

        return await ReceiptAsync(clue, duplicate: false, ct);
    }

    /// <summary>The platform asks where its clue stands (GET, signed over an empty body).</summary>
    public async Task<Result<ClueReceipt>> StatusAsync(IHeaderDictionary headers, string externalId, CancellationToken ct)
    {
        var client = await clients.AuthenticateAsync(headers, Array.Empty<byte>(), ct);
        if (client.Value is not { } platform)
        {
            return client.Error!;
        }

        var clue = await db.ProvincialClues.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == platform.Id && c.ExternalId == externalId, ct);
        return clue is null ? Error.NotFound("线索") : await ReceiptAsync(clue, duplicate: false, ct);
    }

    private async Task<(Guid AgencyId, string AgencyPath, Guid? EntityId)?> RouteAsync(Tianmu.Clues.PlatformClient platform, ClueInput input, FieldErrors errors, CancellationToken ct)
    {
        var scope = new Jurisdiction(platform.AgencyPath, false);
        if (input.CreditCode is { Length: > 0 } code)
        {
            var entity = await db.Entities.In(scope).AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == code.Trim(), ct);
            if (entity is not null)
            {
                return (entity.AgencyId, entity.AgencyPath, entity.Id);
            }
        }

        if (input.DivisionCode is { Length: > 0 } division)
        {
            var agency = await db.Agencies.In(scope).AsNoTracking().FirstOrDefaultAsync(a => a.DivisionCode == division.Trim(), ct);
            if (agency is not null)
            {
                return (agency.Id, agency.Path, null);
            }

            errors.Add("divisionCode", $"行政区划代码 {division} 不在本平台可推送的范围内。");
            return null;
        }

        return (platform.AgencyId, platform.AgencyPath, null);
    }

    private async Task<Result<DateTimeOffset>> DeadlineAsync(ClueInput input, DateTimeOffset now, CancellationToken ct)
    {
        if (input.Deadline is { } given)
        {
            return given.ToUniversalTime();
        }

        // N working days: the end (24:00 China time) of the Nth working day after receipt.
        var due = await calendar.DueAsync(ChinaTime.DateOf(now), input.LimitWorkingDays ?? ClueTimeLimit.DefaultWorkingDays, PeriodKind.Working, ct);
        return due.IsSuccess
            ? new DateTimeOffset(due.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime()
            : due.Error!;
    }

    private async Task<ClueReceipt> ReceiptAsync(ProvincialClue c, bool duplicate, CancellationToken ct)
    {
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == c.AgencyId).Select(a => a.Name).FirstAsync(ct);
        return new ClueReceipt(c.Id, c.ExternalId, duplicate, agency, c.Deadline, c.Status.ToString(), c.Status.ToChinese(), c.Result, c.HandledAt);
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex ExternalId();
}
