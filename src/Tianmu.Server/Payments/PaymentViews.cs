namespace Tianmu.Server.Payments;

/// <summary>
/// A payment notice as the party and staff see it on <see cref="Today"/>: the decision's amounts, the last day to pay
/// (an approved deferral with its note, art. 66), the days late and the surcharge accrued (art. 72), what has been
/// paid and what is due today. <see cref="AmountDueToday"/> is zero once the case is no longer awaiting payment.
/// <see cref="Remedies"/> are the reviews and suits against the decision: execution goes on (art. 73 ¶1), but their
/// days are not counted for the surcharge (art. 73 ¶3), so <see cref="SurchargeDays"/> can be fewer than <see cref="DaysLate"/>.
/// </summary>
public sealed record PaymentNoticeView(
    Guid CaseId,
    string Code,
    string CaseTitle,
    string? DecisionNumber,
    Guid EntityId,
    string EntityName,
    string AgencyName,
    decimal Fine,
    decimal Confiscation,
    DateOnly? DueOn,
    string? DueProblem,
    bool Deferred,
    string? DeferralNote,
    DateOnly Today,
    int DaysLate,
    decimal SurchargeToday,
    decimal AmountPaid,
    decimal AmountDueToday,
    string Stage,
    string StageName,
    bool AwaitingPayment,
    DateTimeOffset IssuedAt,
    IReadOnlyList<PaymentView> Payments,
    IReadOnlyList<RemedyPeriodView> Remedies,
    int SurchargeDays)
{
    public const string Basis = "《中华人民共和国行政处罚法》第六十六条、第六十七条、第七十二条、第七十三条";
}

/// <summary>A review or suit as the payment notice shows it to staff and party alike: what, before whom, from and to (null while pending).</summary>
public sealed record RemedyPeriodView(string Kind, string KindName, string Body, DateOnly From, DateOnly? To);

/// <summary>One reported payment: what was paid and credited, the surcharge owed that day, any reconciliation flag and how it was settled.</summary>
public sealed record PaymentView(
    Guid Id, string TransactionId, string Code, decimal Amount, decimal Applied, decimal Surcharge, decimal OutstandingAfter,
    DateTimeOffset PaidAt, DateOnly PaidOn, DateTimeOffset ReceivedAt, string? Channel, string? Flag, string? FlagName, string? FlagReason,
    PaymentResolutionView? Resolution);

/// <summary>How staff settled a flagged payment: 退付 (reference, date), 已人工计入 (the case) or 其他 (note); by whom and when.</summary>
public sealed record PaymentResolutionView(
    string Kind, string KindName, string? RefundReference, DateOnly? RefundedOn, Guid? CaseId, string? Note, string ResolvedBy, DateTimeOffset ResolvedAt)
{
    public static PaymentResolutionView? Of(Tianmu.Payments.Payment p) => p.Resolution is { } how
        ? new(how.ToString(), Tianmu.Payments.PaymentFlagNames.ToChinese(how), p.RefundReference, p.RefundedOn, p.ResolvedCaseId, p.ResolutionNote, p.ResolvedBy ?? "", p.ResolvedAt!.Value)
        : null;
}

/// <summary>
/// What the payment platform is answered: <c>recorded</c> when the whole amount was credited to the case, <c>flagged</c>
/// when (part of) it waits for reconciliation. The same transaction reported again gets the same answer.
/// </summary>
public sealed record PaymentAnswer(
    string Status, string TransactionId, Guid PaymentId, decimal Amount, decimal AmountApplied, decimal AmountOutstanding, bool Settled, string? Flag, string? FlagReason);

/// <summary>The body of the platform's callback (JSON, camelCase). <c>paidAt</c> is ISO 8601 with an offset.</summary>
public sealed record PaymentReport(string? TransactionId, string? PaymentCode, decimal? Amount, DateTimeOffset? PaidAt, string? Channel);

/// <summary>The party's password again (re-confirmation) to pay on the simulated page.</summary>
public sealed record SimulatedPaymentInput(string? Password);
