using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Notifications;
using Tianmu.Payments;
using Tianmu.Server.Payments;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Payments.TestPayments;

namespace Tianmu.Server.Tests.Payments;

/// <summary>
/// The payment platform's callback (Z19): signed with the shared secret, replay-safe (timestamp window and nonce),
/// idempotent by the platform's transaction id; it records the payment and moves the case on in one transaction,
/// counting the surcharge to the day of payment (行政处罚法 art. 72), and never loses money it cannot apply.
/// </summary>
public sealed class PaymentCallbackTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public async Task ServiceIssuesANoticeWithACheckedCodeAndTellsTheParty()
    {
        var id = await ServedAsync(app, Own, 1000m);
        var notice = await NoticeAsync(app, id);

        var code = notice.GetProperty("code").GetString()!;
        Assert.True(PaymentCode.IsWellFormed(code));
        Assert.StartsWith("370102", code, StringComparison.Ordinal); // 历下区's division code
        Assert.Equal(1000m, notice.GetProperty("amountDueToday").GetDecimal());
        Assert.Equal(0m, notice.GetProperty("surchargeToday").GetDecimal());
        Assert.True(notice.GetProperty("dueOn").GetString() is { } due && DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture) >= Today.AddDays(15)); // art. 67
        Assert.NotNull(notice.GetProperty("decisionNumber").GetString());
        Assert.Equal(code, (await NoticeAsync(app, id)).GetProperty("code").GetString()); // one notice per decision

        await using var db = app.Db();
        var told = await db.Notifications.SingleAsync(n => n.Source == PaymentTexts.NoticeSource(id) && n.Channel == NotificationChannel.Portal);
        Assert.Equal(NotificationKind.PaymentNotice, told.Kind);
        Assert.Contains(code, told.Body, StringComparison.Ordinal);
        Assert.Contains("第七十二条", told.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongSecretATamperedBodyOrAStaleTimestampIsRefused()
    {
        var code = await CodeAsync(app, await ServedAsync(app, Own, 500m));
        var secret = Secret(app);
        var body = Body(NewTransaction(), code, 500m);
        var client = app.Anonymous();

        var wrongSecret = await Problem.ReadAsync(await client.SendAsync(Signed(body, new string('x', 64))), HttpStatusCode.Unauthorized);
        Assert.Equal("payment.signature_invalid", wrongSecret.Code);
        var tampered = await Problem.ReadAsync(await client.SendAsync(Signed(body, secret, signedBody: Body(NewTransaction(), code, 5m))), HttpStatusCode.Unauthorized);
        Assert.Equal("payment.signature_invalid", tampered.Code);
        var stale = await Problem.ReadAsync(await client.SendAsync(Signed(body, secret, at: DateTimeOffset.UtcNow.AddMinutes(-6))), HttpStatusCode.Unauthorized);
        Assert.Equal("payment.stale_timestamp", stale.Code);
        var unsigned = await Problem.ReadAsync(await client.PostAsync("/api/v1/payments/callback", new StringContent(body, System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.Unauthorized);
        Assert.Equal("payment.signature_missing", unsigned.Code);

        await using var db = app.Db();
        Assert.False(await db.Payments.AnyAsync(p => p.Code == code));
    }

    [Fact]
    public async Task AReplayedNonceIsRefused()
    {
        var id = await ServedAsync(app, Own, 500m);
        var code = await CodeAsync(app, id);
        var body = Body(NewTransaction(), code, 200m);
        var nonce = Guid.NewGuid().ToString("N");

        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().SendAsync(Signed(body, Secret(app), nonce: nonce))).StatusCode);
        var replay = await Problem.ReadAsync(await app.Anonymous().SendAsync(Signed(body, Secret(app), nonce: nonce)), HttpStatusCode.Unauthorized);

        Assert.Equal("payment.replayed", replay.Code);
        await using var db = app.Db();
        Assert.Equal(1, await db.Payments.CountAsync(p => p.Code == code));
    }

    [Fact]
    public async Task TheSameTransactionTwiceIsOnePaymentAndDifferentContentUnderItIsAConflict()
    {
        var id = await ServedAsync(app, Own, 800m);
        var code = await CodeAsync(app, id);
        var tx = NewTransaction();
        var paidAt = DateTimeOffset.UtcNow.AddMinutes(-1);

        var first = await PayAsync(app, code, 300m, paidAt, tx);
        var again = await PayAsync(app, code, 300m, paidAt, tx); // the platform did not see our answer and sends it again, freshly signed
        var changed = await app.Anonymous().SendAsync(Signed(Body(tx, code, 301m, paidAt), Secret(app)));

        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal("recorded", first.GetProperty("status").GetString());
        Assert.Equal(500m, first.GetProperty("amountOutstanding").GetDecimal());
        Assert.Equal("payment.transaction_conflict", (await Problem.ReadAsync(changed, HttpStatusCode.Conflict)).Code);
        await using var db = app.Db();
        Assert.Equal(1, await db.Payments.CountAsync(p => p.TransactionId == tx));
        Assert.Equal(300m, (await db.Cases.SingleAsync(c => c.Id == id)).AmountPaid);
    }

    [Fact]
    public async Task PaymentsArrivingAtOnceAreAllKeptAndEachCountedOnce()
    {
        var id = await ServedAsync(app, Own, 1000m);
        var code = await CodeAsync(app, id);
        var secret = Secret(app);
        var repeated = NewTransaction();
        var paidAt = DateTimeOffset.UtcNow;

        // Four payments of 100 and one transaction reported three times, all at the same moment.
        var requests = Enumerable.Range(0, 4).Select(_ => Body(NewTransaction(), code, 100m, paidAt))
            .Concat(Enumerable.Repeat(Body(repeated, code, 50m, paidAt), 3))
            .Select(body => app.Anonymous().SendAsync(Signed(body, secret)));
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var db = app.Db();
        var stored = await db.Payments.Where(p => p.Code == code).ToListAsync();
        Assert.Equal(5, stored.Count);
        Assert.Equal(450m, stored.Sum(p => p.Applied));
        Assert.Equal(450m, (await db.Cases.SingleAsync(c => c.Id == id)).AmountPaid);
        Assert.Equal(5, await db.CaseEvents.CountAsync(e => e.CaseId == id && e.Action == "RecordPayment"));
    }

    [Fact]
    public async Task AnApprovedDeferralShowsOnTheNotice_Art66()
    {
        var id = await ServedAsync(app, Own, 1200m);
        var code = await CodeAsync(app, id);
        var to = Today.AddDays(40);
        var note = "当事人经营困难，申请分三期缴纳：每期 400 元，经负责人批准，最后一期于批准日期前缴清。";
        await Cases.TestCases.StepAsync(await app.ClientForAsync("lx.head"), id, new { action = "DeferPayment", on = to, note });

        var notice = await (await app.ClientForAsync("ent.demo")).GetFromJsonAsync<JsonElement>($"/api/v1/portal/payments/{code}");
        Assert.True(notice.GetProperty("deferred").GetBoolean());
        Assert.Equal(note, notice.GetProperty("deferralNote").GetString());
        Assert.Equal(to.ToString("yyyy-MM-dd"), notice.GetProperty("dueOn").GetString());
        Assert.Equal(1200m, notice.GetProperty("amountDueToday").GetDecimal());
        Assert.Contains(note, await (await app.CookieClientAsync("ent.demo")).GetStringAsync("/portal/payments"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMalformedBodyIsABadRequestNeverAServerError()
    {
        var secret = Secret(app);
        var notJson = await Problem.ReadAsync(await app.Anonymous().SendAsync(Signed("{\"amount\": ", secret)), HttpStatusCode.BadRequest);
        Assert.Equal("malformed_json", notJson.Code);
        var incomplete = await Problem.ReadAsync(
            await app.Anonymous().SendAsync(Signed(JsonSerializer.Serialize(new { transactionId = "T-1", paymentCode = "12ab", amount = -3, paidAt = DateTimeOffset.UtcNow.AddDays(1) }), secret)),
            HttpStatusCode.BadRequest);
        var fields = incomplete.Body.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["amount", "paidAt", "paymentCode"], fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PartialPaymentsAccumulateAndTheLastOneExecutesTheCase()
    {
        var id = await ServedAsync(app, Own, 1000m);
        var code = await CodeAsync(app, id);

        var part = await PayAsync(app, code, 400m);
        Assert.Equal(600m, part.GetProperty("amountOutstanding").GetDecimal());
        Assert.False(part.GetProperty("settled").GetBoolean());
        Assert.Equal("Served", (await CaseAsync(app, id)).GetProperty("summary").GetProperty("stage").GetString());
        Assert.Equal(600m, (await NoticeAsync(app, id)).GetProperty("amountDueToday").GetDecimal());

        var rest = await PayAsync(app, code, 600m);
        Assert.True(rest.GetProperty("settled").GetBoolean());
        var c = await CaseAsync(app, id);
        Assert.Equal("Executed", c.GetProperty("summary").GetProperty("stage").GetString());
        Assert.Equal(1000m, c.GetProperty("amountPaid").GetDecimal());
        var steps = c.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("action").GetString() == "RecordPayment").ToList();
        Assert.Equal(2, steps.Count);
        Assert.All(steps, e => Assert.Equal(PaymentCallback.PlatformName, e.GetProperty("actorName").GetString()));

        await using var db = app.Db();
        var paymentId = rest.GetProperty("paymentId").GetGuid();
        var received = await db.Notifications.SingleAsync(n => n.Source == PaymentTexts.ReceivedSource(paymentId) && n.Channel == NotificationChannel.Portal);
        Assert.Equal(NotificationKind.PaymentReceived, received.Kind);
        Assert.Contains("已全部缴清", received.Body, StringComparison.Ordinal);
        Assert.True(await db.AuditRecords.AnyAsync(a => a.EntityType == "payment" && a.EntityId == paymentId.ToString()));
    }

    [Fact]
    public async Task SurchargeRunsToTheDayOfPayment_Art72()
    {
        // 加处罚款 (art. 72 ¶1(一)): 3 % of the fine per day late. The approved last day (art. 66) was ten days ago.
        var id = await ServedAsync(app, Own, 1000m);
        var code = await CodeAsync(app, id);
        await using (var db = app.Db())
        {
            await db.Cases.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PaymentDeferredTo, (DateOnly?)Today.AddDays(-10)));
        }

        var notice = await NoticeAsync(app, id);
        Assert.Equal(10, notice.GetProperty("daysLate").GetInt32());
        Assert.Equal(300.00m, notice.GetProperty("surchargeToday").GetDecimal()); // 1000 × 3 % × 10
        Assert.Equal(1300.00m, notice.GetProperty("amountDueToday").GetDecimal());
        Assert.True(notice.GetProperty("deferred").GetBoolean());

        // Paid yesterday (nine days late), reported only today: 1000 + 1000 × 3 % × 9 = 1270 settles it.
        var paid = await PayAsync(app, code, 1270m, DateTimeOffset.UtcNow.AddDays(-1));
        Assert.Equal("recorded", paid.GetProperty("status").GetString());
        Assert.True(paid.GetProperty("settled").GetBoolean());
        Assert.Equal("Executed", (await CaseAsync(app, id)).GetProperty("summary").GetProperty("stage").GetString());
        await using var check = app.Db();
        Assert.Equal(270.00m, (await check.Payments.SingleAsync(p => p.Code == code)).Surcharge);
    }

    [Fact]
    public async Task AnOverpaymentIsKeptFlaggedAndSoIsMoneyForACaseNoLongerAwaitingIt()
    {
        var id = await ServedAsync(app, Own, 500m);
        var code = await CodeAsync(app, id);

        var over = await PayAsync(app, code, 800m);
        Assert.Equal("flagged", over.GetProperty("status").GetString());
        Assert.Equal(nameof(PaymentFlag.Overpaid), over.GetProperty("flag").GetString());
        Assert.Equal(500m, over.GetProperty("amountApplied").GetDecimal());
        Assert.True(over.GetProperty("settled").GetBoolean());
        Assert.Equal("Executed", (await CaseAsync(app, id)).GetProperty("summary").GetProperty("stage").GetString());

        var late = await PayAsync(app, code, 500m); // paid twice by mistake
        Assert.Equal(nameof(PaymentFlag.WrongStage), late.GetProperty("flag").GetString());
        Assert.Equal(0m, late.GetProperty("amountApplied").GetDecimal());

        await using var db = app.Db();
        var stored = await db.Payments.Where(p => p.Code == code).ToListAsync();
        Assert.Equal([500m, 800m], stored.Select(p => p.Amount).Order());
        Assert.Equal(500m, (await db.Cases.SingleAsync(c => c.Id == id)).AmountPaid);
    }

    [Fact]
    public async Task MoneyForAnUnknownCodeIsKeptForTheAgencyItsCodeNames()
    {
        var body = "3701022612345678901";
        var code = body + PaymentCode.CheckDigit(body);
        var answer = await PayAsync(app, code, 88m);

        Assert.Equal(nameof(PaymentFlag.Unmatched), answer.GetProperty("flag").GetString());
        var report = await (await app.ClientForAsync("lx.head")).GetFromJsonAsync<JsonElement>("/api/v1/payments/reconciliation");
        var flagged = report.GetProperty("flaggedItems").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);
        Assert.Equal("济南市历下区卫生健康局", flagged.GetProperty("agencyName").GetString());
        var elsewhere = await (await app.ClientForAsync("szq.officer1")).GetFromJsonAsync<JsonElement>("/api/v1/payments/reconciliation");
        Assert.DoesNotContain(elsewhere.GetProperty("items").EnumerateArray(), i => i.GetProperty("code").GetString() == code);
    }

    [Fact]
    public async Task TheGeneratedSecretIsPrivateToTheServer()
    {
        Secret(app);
        var file = Path.Combine(app.DataDir, "keys", "payment-callback.key");
        Assert.Equal(64, (await File.ReadAllTextAsync(file)).Trim().Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }
}
