using Microsoft.EntityFrameworkCore;
using Tianmu.Cases;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Notifications;
using Tianmu.Persistence;
using Tianmu.Security;
using Tianmu.Server.Api;
using Tianmu.Server.Auth;
using Tianmu.Server.Entities;

namespace Tianmu.Server.Notifications;

/// <summary>
/// What an officer records after calling an entity. <see cref="CalledAt"/> defaults to now; <see cref="Number"/> to the
/// entity's registered contact phone; <see cref="Outcome"/> is a <see cref="PhoneCallOutcome"/> name.
/// </summary>
public sealed record PhoneCallInput(DateTimeOffset? CalledAt, string? Number, string? Outcome, string? AnsweredBy, string? Note, Guid? WarningId, Guid? CaseId);

/// <summary>A logged call as staff see it: the number masked.</summary>
public sealed record PhoneCallView(
    Guid Id, Guid EntityId, Guid? WarningId, string? WarningName, Guid? CaseId, string? CaseTitle, DateTimeOffset CalledAt, string Number,
    string Outcome, string OutcomeName, string? AnsweredBy, string? Note, string OfficerName, DateTimeOffset CreatedAt);

public sealed record PhoneCallFilter(int? Page, int? PageSize);

/// <summary>A warning or case a call can be about, for the form's choice.</summary>
public sealed record PhoneCallSubjectChoice(Guid Id, string Label);

/// <summary>The entity's open warnings and cases, newest first, that a call can refer to.</summary>
public sealed record PhoneCallSubjects(IReadOnlyList<PhoneCallSubjectChoice> Warnings, IReadOnlyList<PhoneCallSubjectChoice> Cases);

/// <summary>
/// 电话告知 — the calls officers made to an entity of their jurisdiction (S15/Z16), logged with the number
/// (encrypted, shown masked), who answered and the outcome, optionally about one of its warnings or cases.
/// </summary>
public sealed class PhoneCalls(TianmuDb db, PersonalDataProtector protector, TimeProvider clock)
{
    /// <summary>How far ahead of the server's clock a call time may be (a workstation's clock a little fast).</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public async Task<Result<Paged<PhoneCallView>>> ListAsync(CurrentUser caller, Guid entityId, PhoneCallFilter filter, CancellationToken ct)
    {
        if (!await db.EntitiesIn(caller.Jurisdiction).AnyAsync(e => e.Id == entityId, ct))
        {
            return Error.NotFound("监管对象");
        }

        var page = await db.PhoneCalls.AsNoTracking().Where(c => c.EntityId == entityId)
            .OrderByDescending(c => c.CalledAt).ThenByDescending(c => c.CreatedAt).PageAsync(filter.Page, filter.PageSize, ct);
        var warnings = page.Items.Select(c => c.WarningId).OfType<Guid>().ToList();
        var cases = page.Items.Select(c => c.CaseId).OfType<Guid>().ToList();
        var warningNames = await db.Warnings.AsNoTracking().Where(w => warnings.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.RuleName, ct);
        var caseTitles = await db.Cases.AsNoTracking().Where(c => cases.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        return page.Map(c => View(c, c.WarningId is { } w ? warningNames[w] : null, c.CaseId is { } k ? caseTitles[k] : null));
    }

    /// <summary>What a new call can be about: the entity's open warnings and cases (the form's choices; the API takes any of its own).</summary>
    public async Task<PhoneCallSubjects> SubjectsAsync(Guid entityId, CancellationToken ct)
    {
        var warnings = await db.Warnings.AsNoTracking().Where(w => w.EntityId == entityId && w.IsOpen).OrderByDescending(w => w.CreatedAt).Take(20)
            .Select(w => new { w.Id, w.RuleName, w.CreatedAt }).ToListAsync(ct);
        var cases = await db.Cases.AsNoTracking().Where(c => c.EntityId == entityId && c.Stage != CaseStage.Closed && c.Stage != CaseStage.Archived)
            .OrderByDescending(c => c.AcceptedAt).Take(20).Select(c => new { c.Id, c.Title }).ToListAsync(ct);
        return new PhoneCallSubjects(
            [.. warnings.Select(w => new PhoneCallSubjectChoice(w.Id, $"{w.RuleName}（{ChinaTime.Format(w.CreatedAt)}）"))],
            [.. cases.Select(c => new PhoneCallSubjectChoice(c.Id, c.Title))]);
    }

    public async Task<Result<PhoneCallView>> LogAsync(CurrentUser caller, Guid entityId, PhoneCallInput input, CancellationToken ct)
    {
        var entity = await db.EntitiesIn(caller.Jurisdiction).AsNoTracking().FirstOrDefaultAsync(e => e.Id == entityId, ct);
        if (entity is null)
        {
            return Error.NotFound("监管对象");
        }

        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        var outcome = Enum.GetValues<PhoneCallOutcome>().Select(o => (PhoneCallOutcome?)o).FirstOrDefault(o => string.Equals(o.ToString(), input.Outcome?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (outcome is null)
        {
            errors.Add("outcome", $"请选择通话结果（{string.Join("、", Enum.GetValues<PhoneCallOutcome>().Select(o => $"{o}：{PhoneCall.NameOf(o)}"))}）。");
        }
        else if (PhoneCall.Answered(outcome.Value))
        {
            errors.Required("answeredBy", input.AnsweredBy, "接听人", 50);
        }
        else if (input.AnsweredBy?.Length > 50)
        {
            errors.Add("answeredBy", "接听人不能超过 50 个字符。");
        }

        var number = string.IsNullOrWhiteSpace(input.Number) ? protector.Unprotect(entity.ContactPhoneCipher) : input.Number.Replace(" ", "", StringComparison.Ordinal);
        if (number is null)
        {
            errors.Add("number", "监管对象未登记联系电话，请填写所拨打的号码。");
        }
        else if (!EntityRegister.PhonePattern().IsMatch(number))
        {
            errors.Add("number", "电话号码须为 11 位手机号或带区号的固定电话（如 0531-86001234）。");
        }

        var calledAt = (input.CalledAt ?? now).ToUniversalTime();
        if (calledAt > now + ClockSkew)
        {
            errors.Add("calledAt", "通话时间不能晚于当前时间。");
        }

        if (input.Note?.Length > 1000)
        {
            errors.Add("note", "通话内容不能超过 1000 个字符。");
        }

        if (input.WarningId is { } warning && !await db.Warnings.AnyAsync(w => w.Id == warning && w.EntityId == entityId, ct))
        {
            errors.Add("warningId", "预警不存在或不属于该监管对象。");
        }

        if (input.CaseId is { } @case && !await db.Cases.AnyAsync(c => c.Id == @case && c.EntityId == entityId, ct))
        {
            errors.Add("caseId", "案件不存在或不属于该监管对象。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var call = new PhoneCall(
            Guid.CreateVersion7(), new PhoneCallSubject(entity.Id, entity.AgencyPath, input.WarningId, input.CaseId),
            new PhoneCallFacts(calledAt, outcome!.Value, Trimmed(input.AnsweredBy), Trimmed(input.Note)),
            protector.Protect(number)!, Mask.Phone(number), caller.Id, caller.DisplayName, now);
        db.PhoneCalls.Add(call);
        await db.SaveChangesAsync(ct);
        var warningName = input.WarningId is { } wid ? await db.Warnings.Where(w => w.Id == wid).Select(w => w.RuleName).SingleAsync(ct) : null;
        var caseTitle = input.CaseId is { } cid ? await db.Cases.Where(c => c.Id == cid).Select(c => c.Title).SingleAsync(ct) : null;
        return View(call, warningName, caseTitle);
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static PhoneCallView View(PhoneCall c, string? warningName, string? caseTitle) => new(
        c.Id, c.EntityId, c.WarningId, warningName, c.CaseId, caseTitle, c.CalledAt, c.NumberMasked, c.Outcome.ToString(), PhoneCall.NameOf(c.Outcome),
        c.AnsweredBy, c.Note, c.OfficerName, c.CreatedAt);
}
