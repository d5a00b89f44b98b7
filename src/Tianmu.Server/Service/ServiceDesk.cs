using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Common;
using Tianmu.Documents;
using Tianmu.Evidence;
using Tianmu.Notifications;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Calendar;
using Tianmu.Server.Cases;
using Tianmu.Server.Notifications;
using Tianmu.Server.Portal;
using Tianmu.Server.Warnings;
using Tianmu.Service;

namespace Tianmu.Server.Service;

/// <summary>
/// Serving issued documents on their party (送达). Electronic service needs the party's current signed confirmation
/// consenting to it; it queues the DocumentServed message to the confirmed addresses and is served when the message
/// reaches the party's system — at once for the portal inbox, else when the SMS or e-mail gateway accepts it (the
/// completion job watches the rows). Other methods are recorded by the officer with their evidence; a public notice is
/// deemed served 30 days after publication (the job takes the step then). Serving a case's prior notice or decision
/// takes its case step (ServePriorNotice / RecordService) with the service date, in the same transaction as the
/// service record; a 送达回执 is then generated and issued as a numbered document (<see cref="ServiceReceipts"/>).
/// </summary>
/// <remarks>Codes: <c>not_found</c>; <c>service.not_issued</c>, <c>service.already_served</c>, <c>service.case_stage</c>,
/// <c>service.changed</c> (409); <c>service.not_served_type</c>, <c>service.no_confirmation</c>, <c>service.no_consent</c>
/// (422); <c>validation_failed</c>; the case step's own codes (<see cref="ProcedureRules"/>).</remarks>
public sealed class ServiceDesk(
    TianmuDb db, ServiceAddresses addresses, Notifier notifier, CaseSteps steps, CaseDesk cases, CalendarService calendars, ServiceReceipts receipts,
    IObjectStore store, ServiceOptions options, TimeProvider clock, ILogger<ServiceDesk> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A completed service waits this long before the job issues a receipt the request did not manage to issue.</summary>
    private static readonly TimeSpan ReceiptGrace = TimeSpan.FromMinutes(1);

    public async Task<Result<ServiceView>> ServeElectronicallyAsync(CurrentUser caller, Guid documentId, CancellationToken ct)
    {
        var document = await ScopedDocuments(caller).AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null)
        {
            return Error.NotFound("文书");
        }

        var target = await TargetAsync(document, ct);
        if (target.Error is { } refused)
        {
            return refused;
        }

        var confirmation = await addresses.CurrentAsync(document.EntityId, ct);
        if (confirmation is null)
        {
            return Error.Unprocessable("service.no_confirmation",
                "当事人尚未签署送达地址确认书，不能电子送达。请由当事人在门户确认送达地址并同意电子送达，或录入其现场签署的确认书（《中华人民共和国行政处罚法》第六十一条）。");
        }

        if (!confirmation.ConsentsToElectronicService)
        {
            return Error.Unprocessable("service.no_consent",
                "当事人在送达地址确认书中未同意电子送达（或未提供电子送达地址），不能电子送达；请采用直接送达、邮寄送达等方式（《中华人民共和国行政处罚法》第六十一条）。");
        }

        var entity = await db.Entities.AsNoTracking().Where(e => e.Id == document.EntityId).Select(e => new { e.Name, e.AgencyPath }).FirstAsync(ct);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == document.AgencyId).Select(a => a.Name).FirstAsync(ct);
        var typeName = DocumentTypes.Of(document.Type).Name;
        var now = clock.GetUtcNow();
        var record = new ServiceRecord(Guid.CreateVersion7(), target.Value!, ServiceMethod.Electronic, Addresses(confirmation), "{}", Actor(caller), now);
        record.UseConfirmation(confirmation.Id);
        db.ServiceRecords.Add(record);
        notifier.Queue(new NotificationAddress(document.EntityId, entity.AgencyPath), NotificationKind.DocumentServed,
            ServiceTexts.Served(record.Id, document.Id, typeName, document.Number, entity.Name, agency, options),
            new NotificationRecipients(confirmation.PortalAccount is not null, confirmation.PhoneCipher, confirmation.EmailCipher), now,
            ServiceTexts.ServedSms(typeName, document.Number, entity.Name, agency));

        // The portal inbox is the party's system: the message is there when this transaction commits (民事诉讼法第九十条).
        var saved = confirmation.PortalAccount is not null
            ? await CompleteAsync(record, document.Type, new ServiceDate(ChinaTime.DateOf(now), false), now, officer: null, ct)
            : await SaveAsync(ct);
        return saved.Error is { } error ? error : await AfterAsync(record.Id, ct);
    }

    /// <summary>Records a service by another method with its evidence (and an optional photo, video or scan).</summary>
    public async Task<Result<ServiceView>> RecordAsync(CurrentUser caller, Guid documentId, RecordServiceInput input, ResponseFile? file, CancellationToken ct)
    {
        var document = await ScopedDocuments(caller).AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null)
        {
            return Error.NotFound("文书");
        }

        if (!ServiceMethods.TryParse(input.Method, out var method) || method == ServiceMethod.Electronic)
        {
            return Error.Validation("method", "送达方式须为 Direct（直接送达）、Postal（邮寄送达）、LeftAtPremises（留置送达）、PublicNotice（公告送达）或 Entrusted（委托送达）；电子送达请使用“电子送达”。");
        }

        var target = await TargetAsync(document, ct);
        if (target.Error is { } refused)
        {
            return refused;
        }

        if (input.EvidenceItemId is { } itemId && !await db.EvidenceItems.AnyAsync(i => i.Id == itemId && i.EntityId == document.EntityId, ct))
        {
            return Error.Validation("evidenceItemId", "引用的证据不存在，或不是该当事人的证据。");
        }

        var type = file?.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var facts = new ServiceFacts
        {
            Recipient = Trim(input.Recipient),
            SignedOn = input.SignedOn,
            TrackingNumber = Trim(input.TrackingNumber),
            LeftOn = input.LeftOn,
            RefusalReason = Trim(input.RefusalReason),
            VisualRecord = input.EvidenceItemId is not null || type is "image/jpeg" or "image/png" or "video/mp4",
            Witnesses = Trim(input.Witnesses),
            PublishedOn = input.PublishedOn,
            PublishedWhere = Trim(input.PublishedWhere),
            Reason = Trim(input.Reason),
            EntrustedAgency = Trim(input.EntrustedAgency),
        };
        var today = clock.Today();
        var date = ServiceRules.DateOf(method, facts, today, await calendars.LoadAsync(ct));
        if (date.Error is { } invalid)
        {
            return invalid;
        }

        var issuedOn = ChinaTime.DateOf(document.IssuedAt!.Value);
        if ((method == ServiceMethod.PublicNotice ? facts.PublishedOn!.Value : date.Value!.On) < issuedOn)
        {
            return Error.Validation(method switch { ServiceMethod.PublicNotice => "publishedOn", ServiceMethod.LeftAtPremises => "leftOn", _ => "signedOn" },
                $"送达日期不能早于文书签发日期 {ServiceTexts.Day(issuedOn)}。");
        }

        var stored = await ServiceFiles.StoreAsync(store, file, allowVideo: true, ct);
        if (stored.Error is { } badFile)
        {
            return badFile;
        }

        var where = method == ServiceMethod.PublicNotice ? facts.PublishedWhere : (await addresses.CurrentAsync(document.EntityId, ct))?.Address
            ?? await db.Entities.AsNoTracking().Where(e => e.Id == document.EntityId).Select(e => e.Address).FirstAsync(ct);
        var record = new ServiceRecord(Guid.CreateVersion7(), target.Value!, method, where, JsonSerializer.Serialize(facts, Json), Actor(caller), clock.GetUtcNow());
        record.Attach(stored.Value?.Sha256, stored.Value?.Name, stored.Value?.ContentType, input.EvidenceItemId);
        db.ServiceRecords.Add(record);
        Result<bool> saved;
        if (method == ServiceMethod.PublicNotice)
        {
            // Deemed served 30 days on (民事诉讼法第九十五条): the platform takes the step then, or now if they have passed already.
            record.AwaitDeemedDate(date.Value!.On);
            saved = date.Value.On <= today ? await CompleteAsync(record, document.Type, date.Value, null, officer: null, ct) : await SaveAsync(ct);
        }
        else
        {
            saved = await CompleteAsync(record, document.Type, date.Value!, null, caller, ct);
        }

        return saved.Error is { } error ? error : await AfterAsync(record.Id, ct);
    }

    /// <summary>The services of a document in the caller's jurisdiction, newest first.</summary>
    public async Task<Result<ServiceView[]>> ForDocumentAsync(CurrentUser caller, Guid documentId, CancellationToken ct) =>
        await ScopedDocuments(caller).AnyAsync(d => d.Id == documentId, ct)
            ? await ViewsAsync(db.ServiceRecords.Where(r => r.DocumentId == documentId), ct)
            : Error.NotFound("文书");

    /// <summary>What the case page's panel shows: the case's issued documents served on the party, their services, the party's current confirmation.</summary>
    public async Task<Result<CaseServiceView>> ForCaseAsync(CurrentUser caller, Guid caseId, CancellationToken ct)
    {
        var c = await cases.Scoped(caller).AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
        {
            return Error.NotFound("案件");
        }

        var services = await ViewsAsync(db.ServiceRecords.Where(r => r.CaseId == caseId), ct);
        var documents = await db.Documents.AsNoTracking().Where(d => d.CaseId == caseId && d.Status == DocumentStatus.Issued).OrderBy(d => d.IssuedAt).ToListAsync(ct);
        var servable = documents.Where(d => ServedDocuments.IsServed(d.Type)).Select(d =>
        {
            var (step, from) = ServedDocuments.StepOf(d.Type);
            var current = services.FirstOrDefault(s => s.DocumentId == d.Id && s.Status != nameof(ServiceStatus.Failed));
            return new ServableDocument(d.Id, DocumentTypes.Of(d.Type).Name, d.Number, d.IssuedAt, current?.StatusName,
                step is { } s ? ProcedureRules.Step(s).Name : null, from?.ToChinese());
        }).ToList();
        var confirmation = await addresses.CurrentAsync(c.EntityId, ct);
        return new CaseServiceView(servable, services, confirmation is null ? null : addresses.View(confirmation, exact: false));
    }

    /// <summary>The photo, video or scan recorded with a service, within the caller's jurisdiction.</summary>
    public async Task<Result<StoredFile>> AttachmentAsync(CurrentUser caller, Guid serviceId, CancellationToken ct)
    {
        var record = await db.ServiceRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == serviceId, ct);
        if (record is null || !caller.Jurisdiction.Covers(record.AgencyPath) || record.AttachmentSha256 is null)
        {
            return Error.NotFound("送达附件");
        }

        try
        {
            var bytes = await store.ReadAsync(record.AttachmentSha256, ct);
            return bytes is null
                ? Error.Conflict("service.file_missing", "存储中找不到该附件，请联系管理员。")
                : new StoredFile(bytes, record.AttachmentType ?? "application/octet-stream", record.AttachmentName ?? "送达附件");
        }
        catch (TamperedObjectException)
        {
            return Error.Conflict("service.file_tampered", "该附件与登记的哈希不符，疑似被篡改，已拒绝提供。");
        }
    }

    /// <summary>
    /// The completion job's round: electronic services whose SMS or e-mail the gateway accepted (served on the earliest
    /// acceptance) or that every channel failed; public notices whose 30 days have passed; served records whose receipt
    /// is missing or not yet issued (the renderer was down). Returns how many it handled.
    /// </summary>
    public async Task<int> CompleteDueAsync(CancellationToken ct)
    {
        var handled = 0;
        var waiting = await db.ServiceRecords.AsNoTracking().Where(r => r.Status == ServiceStatus.Pending && r.Method == ServiceMethod.Electronic)
            .OrderBy(r => r.CreatedAt).Select(r => r.Id).Take(100).ToListAsync(ct);
        foreach (var id in waiting)
        {
            handled += await OneAsync(id, () => DeliveredAsync(id, ct));
        }

        var today = clock.Today();
        var deemed = await db.ServiceRecords.AsNoTracking().Where(r => r.Status == ServiceStatus.Pending && r.Method == ServiceMethod.PublicNotice && r.DueOn <= today)
            .OrderBy(r => r.DueOn).Select(r => r.Id).Take(100).ToListAsync(ct);
        foreach (var id in deemed)
        {
            handled += await OneAsync(id, () => DeemedAsync(id, ct));
        }

        var cutoff = clock.GetUtcNow() - ReceiptGrace;
        var unreceipted = await db.ServiceRecords.AsNoTracking()
            .Where(r => r.Status == ServiceStatus.Served && r.CompletedAt < cutoff
                && (r.ReceiptDocumentId == null || !db.Documents.Any(d => d.Id == r.ReceiptDocumentId && d.Status == DocumentStatus.Issued)))
            .OrderBy(r => r.CompletedAt).Select(r => r.Id).Take(20).ToListAsync(ct);
        foreach (var id in unreceipted)
        {
            handled += await OneAsync(id, () => receipts.IssueAsync(id, ct));
        }

        return handled;
    }

    private async Task<int> OneAsync(Guid id, Func<Task<bool>> work)
    {
        db.ChangeTracker.Clear();
        try
        {
            return await work() ? 1 : 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Service {ServiceId} could not be completed; will retry", id);
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    /// <summary>An electronic service without the portal: served when a gateway accepted the message, failed when every channel failed.</summary>
    private async Task<bool> DeliveredAsync(Guid id, CancellationToken ct)
    {
        var source = ServiceTexts.Source(id);
        var rows = await db.Notifications.AsNoTracking().Where(n => n.Source == source).Select(n => new { n.Channel, n.Status, n.SentAt, n.LastError }).ToListAsync(ct);
        var accepted = rows.Where(n => n.Status == NotificationStatus.Sent && n.SentAt is not null).Select(n => n.SentAt!.Value).Order().FirstOrDefault();
        var record = await db.ServiceRecords.FirstAsync(r => r.Id == id, ct);
        if (rows.Count > 0 && rows.All(n => n.Status == NotificationStatus.Failed))
        {
            record.Fail("确认的电子送达地址均未能送达：" + string.Join("；", rows.Select(n => $"{(n.Channel == NotificationChannel.Sms ? "短信" : "邮件")}：{n.LastError}")), clock.GetUtcNow());
            return (await SaveAsync(ct)).IsSuccess;
        }

        if (accepted == default)
        {
            return false;
        }

        var type = await db.Documents.AsNoTracking().Where(d => d.Id == record.DocumentId).Select(d => d.Type).FirstAsync(ct);
        return await CompletedAsync(await CompleteAsync(record, type, new ServiceDate(ChinaTime.DateOf(accepted), false), accepted, officer: null, ct, keepWithoutStep: true), id, ct);
    }

    private async Task<bool> DeemedAsync(Guid id, CancellationToken ct)
    {
        var record = await db.ServiceRecords.FirstAsync(r => r.Id == id, ct);
        var type = await db.Documents.AsNoTracking().Where(d => d.Id == record.DocumentId).Select(d => d.Type).FirstAsync(ct);
        return await CompletedAsync(await CompleteAsync(record, type, new ServiceDate(record.DueOn!.Value, true), null, officer: null, ct, keepWithoutStep: true), id, ct);
    }

    private async Task<bool> CompletedAsync(Result<bool> done, Guid id, CancellationToken ct)
    {
        if (!done.IsSuccess)
        {
            log.LogWarning("Service {ServiceId} not completed: {Code}", id, done.Error!.Code);
            return false;
        }

        db.ChangeTracker.Clear();
        await receipts.IssueAsync(id, ct);
        return true;
    }

    /// <summary>
    /// Marks the record served and takes its case step in the same SaveChanges — as the officer who recorded it, or as the
    /// platform that witnessed it. A refusal saves nothing, unless the job completes a service that happened anyway
    /// (<paramref name="keepWithoutStep"/>): then the record is kept served with the reason the step was not taken.
    /// </summary>
    private async Task<Result<bool>> CompleteAsync(
        ServiceRecord record, DocumentType type, ServiceDate date, DateTimeOffset? deliveredAt, CurrentUser? officer, CancellationToken ct, bool keepWithoutStep = false)
    {
        if (!record.Serve(date.On, deliveredAt, clock.GetUtcNow()))
        {
            return Error.Conflict("service.changed", "该送达记录已办结，未重复办理。");
        }

        if (record.CaseId is not { } caseId || record.CaseAction is not { } action)
        {
            return await SaveAsync(ct);
        }

        var facts = JsonSerializer.Deserialize<ServiceFacts>(record.FactsJson, Json) ?? new ServiceFacts();
        var input = new CaseActionInput(action, Note: ServiceTexts.StepNote(record.Method, facts, deliveredAt, DocumentTypes.Of(type).Name), On: date.On,
            ServiceMethod: record.Method.ToChinese());
        Error? refused;
        try
        {
            refused = officer is null
                ? (await steps.TakeAutomaticallyAsync(caseId, Enum.Parse<CaseAction>(action), input, ServiceTexts.PlatformActor, ct)).Error
                : (await steps.TakeAsync(officer, caseId, input, ct)).Error;
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return AlreadyServed; // the unique index: another service of this document won
        }

        if (refused is not null)
        {
            if (!keepWithoutStep || refused.Code == "case.changed" || db.Entry(record).State == EntityState.Detached)
            {
                db.ChangeTracker.Clear();
                return refused;
            }

            record.StepNotTaken($"未能自动办理案件环节：{refused.Detail}");
            return await SaveAsync(ct);
        }

        // A concurrent identical step may have won the race, discarding our record with its own changes.
        return await db.ServiceRecords.AsNoTracking().AnyAsync(r => r.Id == record.Id, ct)
            ? true
            : Error.Conflict("service.changed", "案件刚被他人处理，本次送达未记录，请刷新后重试。");
    }

    private async Task<Result<bool>> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Error.Conflict("service.changed", "该送达记录刚被更新，请刷新后重试。");
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return AlreadyServed;
        }
    }

    /// <summary>After the commit: the receipt (its failure leaves it to the job), then the record as it stands.</summary>
    private async Task<Result<ServiceView>> AfterAsync(Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (await db.ServiceRecords.AnyAsync(r => r.Id == id && r.Status == ServiceStatus.Served, ct))
        {
            await receipts.IssueAsync(id, ct);
        }

        return (await ViewsAsync(db.ServiceRecords.Where(r => r.Id == id), ct))[0];
    }

    /// <summary>Whether the document may be served now, and the case step its service takes.</summary>
    private async Task<Result<ServiceTarget>> TargetAsync(Document document, CancellationToken ct)
    {
        var name = DocumentTypes.Of(document.Type).Name;
        if (document.Status != DocumentStatus.Issued)
        {
            return Error.Conflict("service.not_issued", "文书尚未签发，不能送达。");
        }

        if (!ServedDocuments.IsServed(document.Type))
        {
            return Error.Unprocessable("service.not_served_type", $"{name}是执法机关的内部文书，不向当事人送达。");
        }

        if (await db.ServiceRecords.AnyAsync(r => r.DocumentId == document.Id && r.Status != ServiceStatus.Failed, ct))
        {
            return AlreadyServed;
        }

        var (step, from) = ServedDocuments.StepOf(document.Type);
        if (document.CaseId is { } caseId && step is { } s)
        {
            var stage = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.Stage).FirstAsync(ct);
            if (stage != from)
            {
                return Error.Conflict("service.case_stage",
                    $"送达《{name}》即办理“{ProcedureRules.Step(s).Name}”环节，须在案件处于“{from!.Value.ToChinese()}”阶段时送达；案件当前为“{stage.ToChinese()}”。");
            }
        }

        return new ServiceTarget(document.Id, document.EntityId, document.AgencyPath, document.CaseId, document.CaseId is null ? null : step?.ToString());
    }

    private async Task<ServiceView[]> ViewsAsync(IQueryable<ServiceRecord> query, CancellationToken ct)
    {
        var records = await query.AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(200).ToListAsync(ct);
        var documentIds = records.Select(r => r.DocumentId).Concat(records.Select(r => r.ReceiptDocumentId).OfType<Guid>()).Distinct().ToList();
        var documents = await db.Documents.AsNoTracking().Where(d => documentIds.Contains(d.Id)).Select(d => new { d.Id, d.Type, d.Number, d.Status }).ToDictionaryAsync(d => d.Id, ct);
        var entityIds = records.Select(r => r.EntityId).Distinct().ToList();
        var entities = await db.Entities.AsNoTracking().Where(e => entityIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var sources = records.Select(r => ServiceTexts.Source(r.Id)).ToList();
        var deliveries = (await db.Notifications.AsNoTracking().Where(n => sources.Contains(n.Source)).ToListAsync(ct)).ToLookup(n => n.Source);
        return [.. records.Select(r =>
        {
            var d = documents[r.DocumentId];
            var receipt = r.ReceiptDocumentId is { } rid ? documents[rid] : null;
            return new ServiceView(r.Id, r.DocumentId, DocumentTypes.Of(d.Type).Name, d.Number, r.EntityId, entities[r.EntityId], r.CaseId,
                r.Method.ToString(), r.Method.ToChinese(), r.Status.ToString(), r.Status.ToChinese(), r.Addresses, r.DeliveredAt, r.ServedOn, r.DueOn,
                r.FirstOpenedAt, r.FirstOpenedBy, JsonSerializer.Deserialize<ServiceFacts>(r.FactsJson, Json) ?? new ServiceFacts(), r.AttachmentName, r.EvidenceItemId,
                r.ReceiptDocumentId, receipt?.Number, receipt?.Status == DocumentStatus.Issued, r.CaseAction, r.StepNote, r.CreatedBy, r.CreatedAt, r.CompletedAt,
                r.FailureReason, [.. deliveries[ServiceTexts.Source(r.Id)].OrderBy(n => n.Channel).Select(Delivery)]);
        })];
    }

    private static DeliveryView Delivery(Notification n) => new(
        n.Channel.ToString(), n.Channel switch { NotificationChannel.Portal => "门户收件箱", NotificationChannel.Sms => "短信", _ => "电子邮件" },
        n.Channel == NotificationChannel.Portal ? null : n.RecipientMasked,
        n.Status.ToString(), n.SentAt, n.LastError);

    /// <summary>The confirmed electronic addresses, masked.</summary>
    private static string Addresses(ServiceAddressConfirmation c) => string.Join("；", new[]
    {
        c.PortalAccount is { } a ? $"门户账户 {a}" : null,
        c.PhoneMasked is { } p ? $"手机 {p}" : null,
        c.EmailMasked is { } e ? $"邮箱 {e}" : null,
    }.OfType<string>());

    private static readonly Error AlreadyServed = Error.Conflict("service.already_served", "该文书已送达（或正在送达），不能重复送达。");

    private IQueryable<Document> ScopedDocuments(CurrentUser caller)
    {
        var j = caller.Jurisdiction;
        return j.Everything ? db.Documents : j.AgencyPath is { } path ? db.Documents.Where(d => d.AgencyPath.StartsWith(path)) : db.Documents.Where(_ => false);
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Actor(CurrentUser caller) => $"{caller.DisplayName}（{caller.UserName}）";
}
