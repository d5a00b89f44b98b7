namespace Tianmu.Payments;

/// <summary>
/// 缴款通知 — what a served penalty decision orders paid, and the payment code to pay it by (Z19, 行政处罚法
/// art. 67). One per decision, issued once the decision is served. The amounts are the decision's; the due
/// date and the amount due on a given day (with the surcharge of art. 72) follow the case, so an approved
/// deferral (art. 66) shows on the notice without issuing a new one.
/// </summary>
public sealed class PaymentNotice : IAudited
{
    private PaymentNotice() { }

    public PaymentNotice(Guid id, Guid caseId, Guid entityId, Guid agencyId, string agencyPath, string code, decimal fine, decimal confiscation, DateTimeOffset issuedAt)
    {
        Id = id;
        CaseId = caseId;
        EntityId = entityId;
        AgencyId = agencyId;
        AgencyPath = agencyPath;
        Code = code;
        Fine = fine;
        Confiscation = confiscation;
        IssuedAt = issuedAt;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public Guid EntityId { get; private set; }

    public Guid AgencyId { get; private set; }

    public string AgencyPath { get; private set; } = "";

    /// <summary>The <see cref="PaymentCode"/>, unique across the deployment.</summary>
    public string Code { get; private set; } = "";

    /// <summary>罚款 as decided; the surcharge of art. 72 is a share of it.</summary>
    public decimal Fine { get; private set; }

    /// <summary>没收违法所得、非法财物折价 as decided: paid by the same code, no surcharge.</summary>
    public decimal Confiscation { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public decimal Principal => Fine + Confiscation;
}
