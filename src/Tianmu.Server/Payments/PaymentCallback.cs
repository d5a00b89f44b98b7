using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tianmu.Cases;
using Tianmu.Common;
using Tianmu.Notifications;
using Tianmu.Payments;
using Tianmu.Persistence;
using Tianmu.Server.Calendar;
using Tianmu.Server.Cases;
using Tianmu.Server.Ingest;
using Tianmu.Server.Notifications;

namespace Tianmu.Server.Payments;

/// <summary>
/// The payment platform's callback (Z19: 实时生成收缴数据并回传): authenticated by an HMAC-SHA256 signature with the shared
/// secret over timestamp, nonce and raw body; a timestamp outside ±5 minutes or a nonce seen before is refused (replay);
/// the platform's transaction id makes it idempotent. A payment is stored and credited to its case by the RecordPayment
/// step in one transaction, owed counted to the day of payment (art. 72). Money the treasury received is never refused:
/// what cannot settle a case (overpaid, wrong stage, unknown code) is stored flagged for reconciliation and answered 200.
/// </summary>
public sealed partial class PaymentCallback(
    TianmuDb db, PaymentSecret secret, CaseSteps steps, CalendarService calendars, Notifier notifier, TimeProvider clock, ILogger<PaymentCallback> log,
    [FromKeyedServices(PaymentCallback.TurnsKey)] StripedTurns turns)
{
    /// <summary>Payments for one code take turns in this process, so a burst on one case does not exhaust its retries.</summary>
    public const string TurnsKey = "payments";

    public const string TimestampHeader = "X-Tianmu-Timestamp";
    public const string NonceHeader = "X-Tianmu-Nonce";
    public const string SignatureHeader = "X-Tianmu-Signature";
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>Who the case timeline says took the RecordPayment step.</summary>
    public const string PlatformName = "缴款平台（自动回传）";

    private const int Attempts = 5;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Result<PaymentAnswer>> ReceiveAsync(IHeaderDictionary headers, byte[] body, CancellationToken ct)
    {
        if (await AuthenticateAsync(headers, body, ct) is { } refused)
        {
            return refused;
        }

        var parsed = Parse(body);
        if (parsed.Error is { } invalid)
        {
            return invalid;
        }

        var report = parsed.Value!;
        using var turn = await turns.EnterAsync(report.PaymentCode!, ct);
        for (var attempt = 1; ; attempt++)
        {
            var known = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.TransactionId == report.TransactionId, ct);
            if (known is not null)
            {
                return known.SameAs(report.PaymentCode!, report.Amount!.Value, report.PaidAt!.Value)
                    ? Answer(known)
                    : Error.Conflict("payment.transaction_conflict", $"交易号 {report.TransactionId} 已以不同的缴款码、金额或缴款时间回传过，本次不予记录，请核对。");
            }

            try
            {
                if (await RecordAsync(report, ct) is { } payment)
                {
                    log.LogInformation("Payment {TransactionId} for code {Code} stored: applied {Applied}, flag {Flag}", payment.TransactionId, payment.Code, payment.Applied, payment.Flag);
                    return Answer(payment);
                }
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                db.ChangeTracker.Clear(); // the same transaction arrived at the same moment: answer as the stored one
            }

            if (attempt == Attempts)
            {
                return Error.Unavailable("payment.busy", "案件正被同时处理，缴款暂未记录，请稍后重新回传（同一交易号不会重复入账）。");
            }

            // Another node (or a step by staff) changed the case: back off a little, spread out, and read it again.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 40) * attempt), ct);
        }
    }

    /// <summary>Timestamp window, signature, then the nonce (recorded only for a genuine request, so nobody can burn one).</summary>
    private async Task<Error?> AuthenticateAsync(IHeaderDictionary headers, byte[] body, CancellationToken ct)
    {
        string? timestamp = headers[TimestampHeader];
        string? nonce = headers[NonceHeader];
        string? signature = headers[SignatureHeader];
        if (timestamp is null || nonce is null || signature is null)
        {
            return Error.Unauthenticated("payment.signature_missing", $"缺少签名请求头 {TimestampHeader}、{NonceHeader} 或 {SignatureHeader}。");
        }

        var now = clock.GetUtcNow();
        if (!DeviceSignature.IsFresh(timestamp, now))
        {
            return Error.Unauthenticated("payment.stale_timestamp", $"{TimestampHeader} 与服务器时间相差超过 5 分钟，请求被拒绝（防重放）。请校准时钟后重新签名发送。");
        }

        if (!NonceFormat().IsMatch(nonce) || !secret.Verifies(timestamp, nonce, body, signature))
        {
            return Error.Unauthenticated("payment.signature_invalid", "签名验证失败：请用约定的密钥对“时间戳\\n随机数\\n请求体”计算 HMAC-SHA256（小写十六进制）。");
        }

        db.PaymentNonces.Add(new PaymentNonce(nonce, now));
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return Error.Unauthenticated("payment.replayed", $"{NonceHeader} 已使用过，请求被拒绝（防重放）。重发时请使用新的随机数并重新签名。");
        }
    }

    private Result<PaymentReport> Parse(byte[] body)
    {
        PaymentReport? report;
        try
        {
            report = JsonSerializer.Deserialize<PaymentReport>(body, Json);
        }
        catch (JsonException e)
        {
            return new Error(ErrorKind.Validation, "malformed_json", "请求体不是有效的 JSON" + (e.Path is { Length: > 1 } ? $"，或字段 {e.Path} 的类型不正确。" : "。"),
                new Dictionary<string, string[]> { ["body"] = ["请求体不是有效的 JSON。"] });
        }

        var errors = new FieldErrors();
        if (report?.TransactionId is not { } tx || !TransactionFormat().IsMatch(tx))
        {
            errors.Add("transactionId", "交易号 transactionId 须为 1–64 位字母、数字或 . _ : -。");
        }

        if (report?.PaymentCode is not { Length: > 0 and <= 40 } code || !code.All(char.IsAsciiDigit))
        {
            errors.Add("paymentCode", "缴款码 paymentCode 须为数字（不超过 40 位）。");
        }

        if (report?.Amount is not { } amount || amount <= 0m || amount > 1_000_000_000m || decimal.Round(amount, 2) != amount)
        {
            errors.Add("amount", "金额 amount 须为大于 0 的数字，单位元，最多两位小数。");
        }

        if (report?.PaidAt is not { } paidAt || paidAt > clock.GetUtcNow() + DeviceSignature.ReplayWindow || paidAt.Year < 2000)
        {
            errors.Add("paidAt", "缴款时间 paidAt 须为带时区的 ISO 8601 时间，且不晚于当前时间。");
        }

        return errors.Any ? errors.ToError() : report! with { Channel = report.Channel is { Length: > 0 } ch ? ch.Trim()[..Math.Min(ch.Trim().Length, 50)] : null };
    }

    /// <summary>Stores the payment and credits its case; null when a concurrent step won the case (the caller retries).</summary>
    private async Task<Payment?> RecordAsync(PaymentReport r, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var paidAt = r.PaidAt!.Value.ToUniversalTime();
        var paidOn = ChinaTime.DateOf(paidAt);
        var notice = await db.PaymentNotices.AsNoTracking().FirstOrDefaultAsync(n => n.Code == r.PaymentCode, ct);
        if (notice is null)
        {
            var division = PaymentCode.DivisionOf(r.PaymentCode);
            var path = division is null ? null : await db.Agencies.AsNoTracking().Where(a => a.DivisionCode == division).Select(a => a.Path).FirstOrDefaultAsync(ct);
            var unmatched = new Payment(Guid.CreateVersion7(), r.TransactionId!, r.PaymentCode!, null, path ?? "/", r.Amount!.Value, paidAt, paidOn, r.Channel, now);
            unmatched.Hold(PaymentFlag.Unmatched, PaymentCode.IsWellFormed(r.PaymentCode)
                ? "缴款码未对应本系统的任何缴款通知，款项未计入案件，待对账。"
                : "缴款码校验位不符（可能录入错误），款项未计入案件，待对账。", 0m);
            db.Payments.Add(unmatched);
            await db.SaveChangesAsync(ct);
            return unmatched;
        }

        var c = await db.Cases.FirstAsync(x => x.Id == notice.CaseId, ct); // tracked: the step below takes this very instance
        var party = await db.Entities.AsNoTracking().Where(e => e.Id == c.EntityId)
            .Select(e => new Party(e.Name, e.ContactPhoneCipher, db.Agencies.Where(a => a.Id == c.AgencyId).Select(a => a.Name).First())).SingleAsync(ct);
        var payment = new Payment(Guid.CreateVersion7(), r.TransactionId!, r.PaymentCode!, notice, notice.AgencyPath, r.Amount!.Value, paidAt, paidOn, r.Channel, now);
        db.Payments.Add(payment);
        var (owed, surcharge, _) = PaymentNotices.OwedOn(c, await calendars.LoadAsync(ct), paidOn);
        if (c.Stage != CaseStage.Served)
        {
            payment.Hold(PaymentFlag.WrongStage, $"缴款时案件处于“{c.Stage.ToChinese()}”阶段，不在待缴款阶段，款项未计入案件，待对账。", 0m);
            Tell(c, payment, party, now);
            await db.SaveChangesAsync(ct);
            return payment;
        }

        payment.Apply(Math.Min(payment.Amount, owed), owed, surcharge);
        var told = Tell(c, payment, party, now);
        if (payment.Applied == 0m)
        {
            await db.SaveChangesAsync(ct);
            return payment;
        }

        var input = new CaseActionInput(nameof(CaseAction.RecordPayment), Note: $"缴款平台回传：缴款码 {payment.Code}，交易号 {payment.TransactionId}", On: paidOn, Amount: payment.Applied);
        var taken = await steps.TakeAutomaticallyAsync(c.Id, CaseAction.RecordPayment, input, PlatformName, ct);
        if (db.Entry(payment).State == EntityState.Detached)
        {
            return null; // a concurrent step on the case won and this save was discarded: read the case again
        }

        if (taken.Error is { } refused)
        {
            // The rules refused the step (nothing was saved): keep the money, flagged, and tell the party so.
            payment.Hold(PaymentFlag.WrongStage, $"未能计入案件：{refused.Detail}", owed);
            foreach (var row in told)
            {
                db.Entry(row).State = EntityState.Detached;
            }

            Tell(c, payment, party, now);
            await db.SaveChangesAsync(ct);
        }

        return payment;
    }

    /// <summary>缴款到账 to the party (portal and SMS), in the payment's own transaction.</summary>
    private IReadOnlyList<Notification> Tell(Case c, Payment p, Party party, DateTimeOffset now) =>
        notifier.Queue(new NotificationAddress(c.EntityId, c.AgencyPath), NotificationKind.PaymentReceived, PaymentTexts.Received(c, p, party.Name),
            new NotificationRecipients(Portal: true, PhoneCipher: party.PhoneCipher), now, PaymentTexts.ReceivedSms(p, party.Name, party.Agency));

    /// <summary>Who is told of a payment: the party, its contact phone (encrypted) and the deciding agency (the SMS's sign).</summary>
    private sealed record Party(string Name, string? PhoneCipher, string Agency);

    /// <summary>The same answer, to the byte, whether the payment was just stored or read back (amounts always with two decimals).</summary>
    private static PaymentAnswer Answer(Payment p) => new(
        p.Flag is null ? "recorded" : "flagged", p.TransactionId, p.Id, Yuan(p.Amount), Yuan(p.Applied), Yuan(p.OutstandingAfter),
        p.CaseId is not null && p.OutstandingAfter == 0m && p.Applied > 0m, p.Flag?.ToString(), p.FlagReason);

    /// <summary>Adding 0.00 sets the scale to two decimals (a sum takes the larger scale), so 300 and 300.0 both read 300.00.</summary>
    private static decimal Yuan(decimal amount) => decimal.Round(amount, 2) + 0.00m;

    /// <summary>Signs a callback as the platform does — for the simulated payment page, which then sends it through <see cref="ReceiveAsync"/>.</summary>
    public static HeaderDictionary SignedHeaders(PaymentSecret secret, DateTimeOffset now, ReadOnlySpan<byte> body)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Guid.NewGuid().ToString("N");
        return new HeaderDictionary
        {
            [TimestampHeader] = timestamp,
            [NonceHeader] = nonce,
            [SignatureHeader] = secret.Sign(timestamp, nonce, body),
        };
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{16,64}$")]
    private static partial Regex NonceFormat();

    [GeneratedRegex(@"^[A-Za-z0-9._:\-]{1,64}$")]
    private static partial Regex TransactionFormat();
}
