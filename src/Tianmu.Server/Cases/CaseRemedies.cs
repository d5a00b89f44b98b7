using Microsoft.EntityFrameworkCore;
using Tianmu.Cases;
using Tianmu.Common;
using Tianmu.Persistence;

namespace Tianmu.Server.Cases;

/// <summary>
/// The RecordRemedy and EndRemedy steps' own part (行政处罚法第七十三条): the review or suit with its body, date and case
/// number; later its end. <see cref="CaseSteps"/> judges the step, writes the timeline entry and saves it all at once.
/// </summary>
public sealed class CaseRemedies(TianmuDb db, TimeProvider clock)
{
    /// <summary>The step's inputs: kind, body and date to record one; date and outcome to end it.</summary>
    public static void Prepare(CaseAction action, CaseActionInput input, FieldErrors errors)
    {
        if (action == CaseAction.RecordRemedy)
        {
            if (!Enum.TryParse<RemedyKind>(input.RemedyKind, out var kind) || !Enum.IsDefined(kind))
            {
                errors.Add("remedyKind", "请选择申请行政复议（Review）或提起行政诉讼（Litigation）。");
            }

            errors.Required("remedyBody", input.RemedyBody, "复议机关或人民法院", 200);
            if (input.RemedyReference is { Length: > 100 })
            {
                errors.Add("remedyReference", "案号不能超过 100 个字符。");
            }
        }
        else
        {
            errors.Required("note", input.Note, "复议决定或判决结果", 4000);
        }

        if (input.On is null)
        {
            errors.Add("on", action == CaseAction.RecordRemedy ? "请填写申请行政复议或提起行政诉讼的日期。" : "请填写复议决定或判决的日期。");
        }
    }

    /// <summary>Adds or ends the remedy; returns the timeline entry's details.</summary>
    public async Task<object> ApplyAsync(Case c, CaseAction action, CaseActionInput input, string actorName, CancellationToken ct)
    {
        if (action == CaseAction.RecordRemedy)
        {
            var kind = Enum.Parse<RemedyKind>(input.RemedyKind!);
            var reference = string.IsNullOrWhiteSpace(input.RemedyReference) ? null : input.RemedyReference.Trim();
            var remedy = new CaseRemedy(Guid.CreateVersion7(), c.Id, kind, input.RemedyBody!.Trim(), input.On!.Value, reference, actorName, clock.GetUtcNow());
            db.CaseRemedies.Add(remedy);
            return new { remedyId = remedy.Id, kind = kind.ToString(), body = remedy.Body, startedOn = remedy.StartedOn, reference };
        }

        // The guard saw exactly one pending; the case's version token makes a concurrent step on it lose.
        var open = await db.CaseRemedies.SingleAsync(r => r.CaseId == c.Id && r.EndedOn == null, ct);
        open.End(input.On!.Value, input.Note!.Trim(), actorName, clock.GetUtcNow());
        return new { remedyId = open.Id, kind = open.Kind.ToString(), startedOn = open.StartedOn, endedOn = open.EndedOn };
    }

    public static RemedyView View(CaseRemedy r) =>
        new(r.Id, r.Kind.ToString(), r.Kind.ToChinese(), r.Body, r.StartedOn, r.Reference, r.EndedOn, r.Outcome, r.RecordedBy, r.EndedBy);
}
