namespace Tianmu.Payments;

/// <summary>Why a payment waits for staff to reconcile it. Money the treasury received is never refused: it is kept and flagged.</summary>
public enum PaymentFlag
{
    /// <summary>多缴 — more than was owed; the owed part settles the case, the rest is to be refunded.</summary>
    Overpaid,

    /// <summary>阶段不符 — the case was not awaiting payment (not served yet, or already settled, closed or archived).</summary>
    WrongStage,

    /// <summary>无法匹配 — the code names no payment notice (mistyped, or not issued by this deployment).</summary>
    Unmatched,
}

/// <summary>How staff settled a flagged payment.</summary>
public enum PaymentResolution
{
    /// <summary>退付 — the unapplied amount went back to the payer (refund reference and date recorded).</summary>
    Refunded,

    /// <summary>已人工计入 — credited to a case awaiting payment through its RecordPayment step.</summary>
    AppliedManually,

    /// <summary>其他 — settled some other way, explained in the note.</summary>
    Other,
}

/// <summary>
/// 缴款记录 — one payment the payment platform reported, under its own transaction id (unique: a report sent
/// twice is one payment). <see cref="Applied"/> is what was credited to the case by the RecordPayment step in
/// the same transaction; the rest, if any, is <see cref="Flag"/>ged for reconciliation.
/// </summary>
public sealed class Payment : IAudited
{
    private Payment() { }

    public Payment(Guid id, string transactionId, string code, PaymentNotice? notice, string agencyPath, decimal amount, DateTimeOffset paidAt, DateOnly paidOn, string? channel, DateTimeOffset receivedAt)
    {
        Id = id;
        TransactionId = transactionId;
        Code = code;
        NoticeId = notice?.Id;
        CaseId = notice?.CaseId;
        EntityId = notice?.EntityId;
        AgencyPath = agencyPath;
        Amount = amount;
        PaidAt = paidAt;
        PaidOn = paidOn;
        Channel = channel;
        ReceivedAt = receivedAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The payment platform's transaction id (交易流水号).</summary>
    public string TransactionId { get; private set; } = "";

    /// <summary>The payment code as the platform reported it.</summary>
    public string Code { get; private set; } = "";

    /// <summary>Null when the code matched no notice (<see cref="PaymentFlag.Unmatched"/>).</summary>
    public Guid? NoticeId { get; private set; }

    public Guid? CaseId { get; private set; }

    public Guid? EntityId { get; private set; }

    /// <summary>The notice's agency; for an unmatched code the agency its division names, or "/" (seen by platform administrators only).</summary>
    public string AgencyPath { get; private set; } = "";

    /// <summary>What the party paid.</summary>
    public decimal Amount { get; private set; }

    /// <summary>What was credited to the case (the rest is flagged).</summary>
    public decimal Applied { get; private set; }

    /// <summary>The surcharge (加处罚款, art. 72) owed on the day of payment, included in what was owed then.</summary>
    public decimal Surcharge { get; private set; }

    /// <summary>Still owed on the case after this payment, counted to the day of payment.</summary>
    public decimal OutstandingAfter { get; private set; }

    /// <summary>When the platform says the money was paid; its China date is the payment date (<see cref="PaidOn"/>).</summary>
    public DateTimeOffset PaidAt { get; private set; }

    public DateOnly PaidOn { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>How the party paid, as the platform says (网银、微信、柜台…).</summary>
    public string? Channel { get; private set; }

    public PaymentFlag? Flag { get; private set; }

    /// <summary>Why it is flagged, in Chinese, for the reconciliation report.</summary>
    public string? FlagReason { get; private set; }

    public decimal Unapplied => Amount - Applied;

    /// <summary>Set once, when staff settle a flagged payment; a flagged payment without it is still to reconcile.</summary>
    public PaymentResolution? Resolution { get; private set; }

    /// <summary>退付凭证号 (Refunded).</summary>
    public string? RefundReference { get; private set; }

    /// <summary>The refund date (Refunded).</summary>
    public DateOnly? RefundedOn { get; private set; }

    /// <summary>The case the unapplied amount was credited to (AppliedManually); may differ from <see cref="CaseId"/>.</summary>
    public Guid? ResolvedCaseId { get; private set; }

    /// <summary>What staff wrote (required for Other).</summary>
    public string? ResolutionNote { get; private set; }

    public Guid? ResolvedById { get; private set; }

    public string? ResolvedBy { get; private set; }

    /// <summary>When it was settled; the concurrency token that lets only one of two people settling it at once win.</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>Whether a repeated report with the same transaction id reports the same payment.</summary>
    public bool SameAs(string code, decimal amount, DateTimeOffset paidAt) =>
        Code == code && Amount == amount && PaidAt.UtcTicks / TimeSpan.TicksPerMillisecond == paidAt.UtcTicks / TimeSpan.TicksPerMillisecond;

    /// <summary>Credits <paramref name="applied"/> to the case, which owed <paramref name="owed"/> (with <paramref name="surcharge"/>) that day.</summary>
    public void Apply(decimal applied, decimal owed, decimal surcharge)
    {
        Applied = applied;
        Surcharge = surcharge;
        OutstandingAfter = owed - applied;
        if (Amount > applied)
        {
            MarkFlag(applied == 0m ? PaymentFlag.WrongStage : PaymentFlag.Overpaid, applied == 0m
                ? "案件已无应缴金额，款项未计入案件，待对账退付。"
                : $"超出当日应缴金额 {Amount - applied:0.00} 元：已计入案件 {applied:0.00} 元，超出部分待对账退付。");
        }
    }

    /// <summary>Nothing is credited to the case; the whole amount waits for reconciliation.</summary>
    public void Hold(PaymentFlag flag, string reason, decimal owed)
    {
        Applied = 0m;
        Surcharge = 0m;
        OutstandingAfter = owed;
        MarkFlag(flag, reason);
    }

    /// <summary>Records how staff settled the flagged payment. The caller checks it is flagged and not settled yet.</summary>
    public void Resolve(PaymentResolution how, string? refundReference, DateOnly? refundedOn, Guid? caseId, string? note, Guid byId, string by, DateTimeOffset at)
    {
        if (Flag is null || Resolution is not null)
        {
            throw new InvalidOperationException("Only a flagged payment not yet settled can be resolved.");
        }

        (Resolution, RefundReference, RefundedOn, ResolvedCaseId, ResolutionNote) = (how, refundReference, refundedOn, caseId, note);
        (ResolvedById, ResolvedBy, ResolvedAt) = (byId, by, at);
    }

    private void MarkFlag(PaymentFlag flag, string reason) => (Flag, FlagReason) = (flag, reason);
}

/// <summary>A callback nonce already used: a second request with it is a replay. Kept a while longer than the timestamp window.</summary>
public sealed class PaymentNonce
{
    private PaymentNonce() { }

    public PaymentNonce(string nonce, DateTimeOffset seenAt) => (Nonce, SeenAt) = (nonce, seenAt);

    public string Nonce { get; private set; } = "";

    public DateTimeOffset SeenAt { get; private set; }
}

public static class PaymentFlagNames
{
    public static string ToChinese(this PaymentResolution how) => how switch
    {
        PaymentResolution.Refunded => "退付",
        PaymentResolution.AppliedManually => "已人工计入",
        _ => "其他",
    };

    public static string ToChinese(this PaymentFlag flag) => flag switch
    {
        PaymentFlag.Overpaid => "多缴",
        PaymentFlag.WrongStage => "阶段不符",
        _ => "无法匹配",
    };
}
