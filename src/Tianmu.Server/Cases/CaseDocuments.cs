using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Common;
using Tianmu.Documents;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Calendar;
using Tianmu.Server.Documents;

namespace Tianmu.Server.Cases;

public sealed record CaseDocumentInput(string? Type);

/// <summary>
/// Drafts a case's documents pre-filled from what the case has recorded — party, cause, officers and their
/// credentials, facts, evidence, basis, penalty, rights, payment and remedies (art. 44, 59) — so the officer
/// only corrects and completes before issuing. The draft stays editable until issued (<see cref="DocumentDesk"/>).
/// </summary>
public sealed class CaseDocuments(TianmuDb db, CaseDesk cases, DocumentDesk documents, CalendarService calendars, TimeProvider clock)
{
    public async Task<Result<DocumentView>> DraftAsync(CurrentUser caller, Guid caseId, CaseDocumentInput input, CancellationToken ct)
    {
        if (!DocumentTypes.TryParse(input.Type, out var type))
        {
            return Error.Validation("type", $"未知的文书类型“{input.Type}”。");
        }

        var c = await cases.Scoped(caller).AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
        {
            return Error.NotFound("案件");
        }

        if (c.Stage == CaseStage.Archived)
        {
            return Error.Conflict("case.archived", "案件已归档，不能再制作文书。");
        }

        return await documents.DraftAsync(caller, new DraftInput(type, c.EntityId, c.Id, await FieldsAsync(c, type, ct)), ct);
    }

    private async Task<Dictionary<string, string>> FieldsAsync(Case c, DocumentType type, CancellationToken ct)
    {
        var entity = await db.Entities.AsNoTracking().FirstAsync(e => e.Id == c.EntityId, ct);
        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == c.AgencyId, ct);
        var members = await db.CaseMembers.AsNoTracking().Where(m => m.CaseId == c.Id && m.Role == CaseMemberRole.Investigator).OrderBy(m => m.AddedAt).ToListAsync(ct);
        var itemIds = await db.CaseEvidence.AsNoTracking().Where(e => e.CaseId == c.Id).Select(e => e.ItemId).ToListAsync(ct);
        var items = await db.EvidenceItems.AsNoTracking().Where(i => itemIds.Contains(i.Id)).OrderBy(i => i.FactAt).Select(i => i.Title).ToListAsync(ct);
        var basis = c.CatalogItemId is { } itemId
            ? await db.CatalogVersions.AsNoTracking().Where(v => v.ItemId == itemId).OrderByDescending(v => v.Number).Select(v => v.PenaltyBasis).FirstOrDefaultAsync(ct)
            : null;
        var events = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == c.Id).OrderBy(e => e.At).ToListAsync(ct);
        var review = events.LastOrDefault(e => e.Action == nameof(CaseAction.RecordLegalReview));
        var discussion = events.LastOrDefault(e => e.Action == nameof(CaseAction.RecordDiscussion));
        var hearing = events.LastOrDefault(e => e.Action == nameof(CaseAction.NoticeHearing));
        var penalty = c.DecidedPenalty ?? c.ProposedPenalty;
        var situation = CaseFactsReader.Deadlines(c, await calendars.LoadAsync(ct));
        var today = clock.Today();
        var fields = new Dictionary<string, string>
        {
            [DocumentFields.AgencyName] = agency.Name,
            [DocumentFields.PartyName] = entity.Name,
            [DocumentFields.PartyAddress] = entity.Address,
            [DocumentFields.PartyCreditCode] = entity.CreditCode ?? "",
            [DocumentFields.CaseTitle] = c.Title,
            [DocumentFields.CaseSource] = $"{CaseText.SourceName(c.Source)}：{c.SourceSummary}",
            [DocumentFields.AcceptedOn] = Chinese(c.AcceptedOn),
            [DocumentFields.FiledOn] = c.FiledOn is { } filed ? Chinese(filed) : "",
            [DocumentFields.Officers] = string.Join("、", members.Select(m => $"{m.DisplayName}（执法证号 {m.CredentialNumber}）")),
            [DocumentFields.Facts] = c.Report ?? c.SourceSummary,
            [DocumentFields.Evidence] = items.Count == 0 ? "" : string.Join("\n", items.Select((t, i) => $"{i + 1}. {t}")),
            [DocumentFields.Basis] = basis ?? "",
            [DocumentFields.Penalty] = penalty is null ? (c.ProposedOutcome is { } o ? o.ToChinese() : "") : CaseText.PenaltyText(penalty),
            [DocumentFields.DiscretionReason] = c.DiscretionReason ?? "",
            [DocumentFields.Rights] = Rights(c, penalty),
            [DocumentFields.Payment] = penalty is { Fine: > 0 } ? "自收到本决定书之日起十五日内缴纳罚款。逾期不缴纳的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额（行政处罚法第六十七条、第七十二条）。" : "",
            [DocumentFields.Remedy] = "如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。",
            [DocumentFields.Opinion] = type switch
            {
                DocumentType.AcceptanceRecord => "建议核查后报负责人决定是否立案。",
                DocumentType.FilingReport => "经初步核查，符合立案条件，建议立案调查。",
                DocumentType.ClosingReport => "案件已办理完毕，建议结案。",
                _ => Detail(review, "opinion") ?? review?.Note ?? "",
            },
            ["summary"] = c.Report ?? c.SourceSummary,
            ["handling"] = c.DecidedOutcome is { } d ? d.ToChinese() + (c.DecidedPenalty is { } dp ? $"：{CaseText.PenaltyText(dp)}" : "") : "",
            ["execution"] = c.DecidedPenalty is { Fine: > 0 } ? $"已缴纳 {c.AmountPaid:0.##} 元。" : "无须缴款。",
            [DocumentFields.Deadline] = Deadline(type, situation),
            [DocumentFields.Participants] = Detail(discussion, "participants") ?? "",
            [DocumentFields.Conclusion] = Detail(discussion, "conclusion") ?? "",
            [DocumentFields.HearingDate] = c.HearingDate is { } hd ? Chinese(hd) : "",
            [DocumentFields.HearingPlace] = Detail(hearing, "place") ?? "",
            [DocumentFields.Date] = Chinese(today),
        };
        return fields;
    }

    /// <summary>The deadline a document announces, when the case already knows it.</summary>
    private static string Deadline(DocumentType type, IReadOnlyList<Deadline> deadlines)
    {
        var kind = type switch
        {
            DocumentType.PriorNotice => DeadlineKind.Statement,
            DocumentType.HearingNotice => DeadlineKind.HearingRequest,
            _ => (DeadlineKind?)null,
        };
        return deadlines.FirstOrDefault(d => d.Kind == kind)?.Due is { } due ? Chinese(due) : type == DocumentType.PriorNotice ? "收到本告知书之日起三个工作日内" : "";
    }

    private static string Rights(Case c, Penalty? penalty)
    {
        var text = "你（单位）有权进行陈述和申辩，可在收到本告知书之日起三个工作日内提出；逾期未提出的，视为放弃此权利。";
        return penalty is { } p && (p.Fine > 0 || p.Severe is not null)
            ? text + "如符合听证条件，你（单位）有权在收到本告知书之日起五个工作日内要求举行听证；逾期未要求的，视为放弃此权利。"
            : text;
    }

    private static string? Detail(CaseEvent? e, string name)
    {
        if (e is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(e.DetailsJson);
        return json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static string Chinese(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
}
