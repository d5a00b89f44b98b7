using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Documents;
using Tianmu.Identity;
using Tianmu.Notifications;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Documents;
using Tianmu.Service;

namespace Tianmu.Server.Service;

/// <summary>
/// The 送达回执 of a served record, generated from its facts (Z20: 送达回证实时生成) as a document of the served
/// document's agency — drafted, numbered (nature 送), printed, signed and logged through <see cref="DocumentDesk"/>.
/// Exactly one receipt per service: the draft is attached to the record under a concurrency token, and a draft that
/// lost the race is deleted. A receipt left unissued (the renderer was down) is completed by the next attempt.
/// </summary>
public sealed class ServiceReceipts(TianmuDb db, DocumentDesk documents, ILogger<ServiceReceipts> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Generates or completes the receipt; false when it is not issued yet (the next attempt will retry).</summary>
    public async Task<bool> IssueAsync(Guid serviceId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            db.ChangeTracker.Clear();
            var record = await db.ServiceRecords.AsNoTracking().FirstAsync(r => r.Id == serviceId, ct);
            if (record.Status != ServiceStatus.Served)
            {
                return false;
            }

            var served = await db.Documents.AsNoTracking().FirstAsync(d => d.Id == record.DocumentId, ct);
            var platform = Platform(served);
            if (record.ReceiptDocumentId is { } existing)
            {
                return Issued(await documents.IssueAsync(platform, existing, ct), serviceId);
            }

            var draft = await documents.DraftAsync(platform, new DraftInput(DocumentType.ServiceReceipt, record.EntityId, record.CaseId, await FieldsAsync(record, served, ct)), ct);
            if (draft.Error is { } refused)
            {
                log.LogWarning("Receipt of service {ServiceId} not drafted: {Code}", serviceId, refused.Code);
                return false;
            }

            if (await AttachAsync(serviceId, draft.Value!.Id, ct))
            {
                return Issued(await documents.IssueAsync(platform, draft.Value.Id, ct), serviceId);
            }

            // Another worker attached its receipt first: ours is an orphan draft, and the next round issues theirs.
            db.ChangeTracker.Clear();
            db.Documents.Remove(await db.Documents.FirstAsync(d => d.Id == draft.Value.Id, ct));
            await db.SaveChangesAsync(ct);
        }

        return false;
    }

    private async Task<bool> AttachAsync(Guid serviceId, Guid receiptId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var record = await db.ServiceRecords.FirstAsync(r => r.Id == serviceId, ct);
        if (record.ReceiptDocumentId is not null)
        {
            return false;
        }

        record.AttachReceipt(receiptId);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Something else changed the row (the party opened the document, another worker attached): look again.
            db.ChangeTracker.Clear();
            return await db.ServiceRecords.AnyAsync(r => r.Id == serviceId && r.ReceiptDocumentId == null, ct) && await AttachAsync(serviceId, receiptId, ct);
        }
    }

    private bool Issued(Result<DocumentView> issued, Guid serviceId)
    {
        if (issued.Error is { } error)
        {
            log.LogWarning("Receipt of service {ServiceId} not issued yet: {Code}", serviceId, error.Code);
            return false;
        }

        return true;
    }

    /// <summary>The receipt's fields: what was served, how, where, when, to whom, and the facts that prove it.</summary>
    private async Task<Dictionary<string, string>> FieldsAsync(ServiceRecord r, Document served, CancellationToken ct)
    {
        var entity = await db.Entities.AsNoTracking().Where(e => e.Id == r.EntityId).Select(e => new { e.Name, e.Address }).FirstAsync(ct);
        var facts = JsonSerializer.Deserialize<ServiceFacts>(r.FactsJson, Json) ?? new ServiceFacts();
        var info = ServiceMethods.Of(r.Method);
        var note = new StringBuilder();
        switch (r.Method)
        {
            case ServiceMethod.Electronic:
                var source = ServiceTexts.Source(r.Id);
                var rows = await db.Notifications.AsNoTracking().Where(n => n.Source == source).OrderBy(n => n.Channel).ToListAsync(ct);
                note.Append($"送达信息于 {ChinaTime.Format(r.DeliveredAt!.Value)} 到达受送达人系统。");
                foreach (var n in rows)
                {
                    var channel = n.Channel switch { NotificationChannel.Portal => "门户收件箱", NotificationChannel.Sms => $"短信 {n.RecipientMasked}", _ => $"电子邮件 {n.RecipientMasked}" };
                    note.Append($"\n{channel}：{(n.SentAt is { } at ? (n.Channel == NotificationChannel.Portal ? "送达 " : "网关受理 ") + ChinaTime.Format(at) : "未送达")}");
                }

                if (r.ConfirmationId is { } cid && await db.ServiceAddressConfirmations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cid, ct) is { } c)
                {
                    note.Append($"\n送达地址确认书：{c.SignedByName} 于 {ChinaTime.Format(c.SignedAt)} {c.Channel.ToChinese()}，文本 SHA-256 {c.TextSha256}。");
                }

                break;
            case ServiceMethod.Postal:
                note.Append($"邮件单号 {facts.TrackingNumber}；回执注明收件日期 {ServiceTexts.Day(facts.SignedOn)}。");
                break;
            case ServiceMethod.LeftAtPremises:
                note.Append($"拒收事由：{facts.RefusalReason}。于 {ServiceTexts.Day(facts.LeftOn)} 将文书留置于受送达人住所");
                note.Append(facts.Witnesses is { } w ? $"，见证人：{w}" : "").Append("，并以拍照、录像方式记录送达过程");
                note.Append(r.AttachmentSha256 is { } sha ? $"（{r.AttachmentName}，SHA-256 {sha}）" : r.EvidenceItemId is { } item ? $"（证据编号 {item}）" : "").Append('。');
                break;
            case ServiceMethod.PublicNotice:
                note.Append($"公告日期 {ServiceTexts.Day(facts.PublishedOn)}，公告载体：{facts.PublishedWhere}；自发出公告之日起经过三十日，于 {ServiceTexts.Day(r.ServedOn)} 视为送达。");
                note.Append($"\n公告送达的原因和经过：{facts.Reason}");
                break;
            case ServiceMethod.Entrusted:
                note.Append($"委托{facts.EntrustedAgency}代为送达，{facts.Recipient} 于 {ServiceTexts.Day(facts.SignedOn)} 签收。");
                break;
            default:
                note.Append($"{facts.Recipient} 于 {ServiceTexts.Day(facts.SignedOn)} 在送达回证上签收。");
                break;
        }

        if (r.StepNote is { } stepNote)
        {
            note.Append('\n').Append(stepNote);
        }

        note.Append($"\n送达日期规则：{info.DateRule}（{info.Basis}）。本回执由天目平台根据送达记录自动生成，送达记录编号 {r.Id}。");
        return new Dictionary<string, string>
        {
            [DocumentFields.ServedDocument] = ServiceTexts.Named(DocumentTypes.Of(served.Type).Name, served.Number),
            [DocumentFields.ServedMethod] = info.Name,
            ["served.place"] = r.Addresses ?? entity.Address,
            [DocumentFields.ServedOn] = ServiceTexts.ChineseDay(r.ServedOn!.Value),
            ["recipient"] = r.Method switch
            {
                ServiceMethod.Electronic => $"{entity.Name}（电子送达，以到达受送达人系统为准，无需签收）",
                ServiceMethod.Direct or ServiceMethod.Entrusted => facts.Recipient ?? entity.Name,
                ServiceMethod.Postal => facts.Recipient ?? entity.Name,
                ServiceMethod.LeftAtPremises => $"{entity.Name}（拒绝签收，留置送达）",
                _ => $"{entity.Name}（公告送达）",
            },
            ["note"] = note.ToString(),
        };
    }

    /// <summary>The platform acting for the served document's agency: receipts are that agency's documents, numbered in its series.</summary>
    private static CurrentUser Platform(Document served) =>
        new(Guid.Empty, "platform", "天目平台", new HashSet<Role>(), served.AgencyId, served.AgencyPath);
}
