using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using static Tianmu.Tests.Cases.CaseFixtures;

namespace Tianmu.Tests.Cases;

/// <summary>中止, 延期 (art. 60 and the policy's grounds), payment (art. 67) and closing.</summary>
public sealed class SuspensionAndExecutionTests
{
    [Theory]
    [InlineData("party_terminated", "Investigating")]
    [InlineData("force_majeure", "Investigating")]
    [InlineData("law_interpretation", "Investigating")]
    [InlineData("pending_other_case", "Investigating")]
    [InlineData("workload", "case.ground_refused")]
    [InlineData("understaffed", "case.ground_refused")]
    [InlineData("internal_approval", "case.ground_refused")]
    [InlineData("complex", "case.ground_unknown")]
    [InlineData("no_such_ground", "case.ground_unknown")]
    public void SuspensionOnlyOnAllowedGrounds(string ground, string expected) =>
        AssertOutcome(expected, Check(Ready(CaseStage.Investigating) with { RequestedGround = ground }, CaseAction.Suspend, "head"));

    [Fact]
    public void RefusedGroundExplainsWhy()
    {
        var error = Check(Ready(CaseStage.Investigating) with { RequestedGround = "workload" }, CaseAction.Extend, "head").Error!;
        Assert.Equal("case.ground_refused", error.Code);
        Assert.Contains("工作任务繁重", error.Detail);
        Assert.Contains("第六十条", error.Detail);
    }

    [Theory]
    // 2025 rules: 案情重大复杂, at most 30 days (verify); 1997 rules: 经上级批准 with no fixed length.
    [InlineData("2025", "complex", 30, "Investigating")]
    [InlineData("2025", "complex", 31, "case.extension_too_long")]
    [InlineData("2025", "higher_approval", 30, "case.ground_unknown")]
    [InlineData("1997", "higher_approval", 60, "Investigating")]
    [InlineData("1997", "complex", 10, "case.ground_unknown")]
    public void ExtensionByPolicy_Art60(string rules, string ground, int days, string expected) =>
        AssertOutcome(expected, Check(Ready(CaseStage.Investigating) with { RequestedGround = ground, RequestedExtensionDays = days },
            CaseAction.Extend, "head", policy: rules == "1997" ? Rules1997 : Rules2025));

    [Fact]
    public void SuspendedCaseOnlyResumes()
    {
        var suspended = Ready(CaseStage.Investigating) with { Suspended = true, RequestedGround = "force_majeure" };
        AssertOutcome("case.suspended", Check(suspended, CaseAction.ConcludeInvestigation, "investigator"));
        AssertOutcome("case.suspended", Check(suspended, CaseAction.Extend, "head"));
        AssertOutcome("case.suspension_state", Check(suspended, CaseAction.Suspend, "head"));
        AssertOutcome("Investigating", Check(suspended, CaseAction.Resume, "head"));
        Assert.Equal([CaseAction.Resume], ProcedureRules.Available(Rules2025, Shipped, suspended, Actor("head"), Today));
    }

    [Theory]
    // Art. 67: executed when fine and surcharge are paid in full.
    [InlineData(500, 200, "Served")]
    [InlineData(500, 500, "Executed")]
    [InlineData(500, 600, "case.overpayment")]
    [InlineData(500, 0, "case.payment_invalid")]
    public void PaymentMovesOnWhenNothingIsOwed_Art67(double owed, double paid, string expected) =>
        AssertOutcome(expected, Check(Ready(CaseStage.Served) with { AmountOutstanding = (decimal)owed, RequestedPayment = (decimal)paid }, CaseAction.RecordPayment, "officer"));

    [Fact]
    public void PaymentWithTheBalanceAlreadyDeducted()
    {
        AssertOutcome("Served", Check(Ready(CaseStage.Served) with { AmountOutstanding = 120m }, CaseAction.RecordPayment, "officer"));
        AssertOutcome("Executed", Check(Ready(CaseStage.Served) with { AmountOutstanding = 0m }, CaseAction.RecordPayment, "officer"));
    }

    [Fact]
    public void EvidenceIsPreservedOnTheHeadsApprovalAndHandledBeforeAnotherPreservation_Art56()
    {
        var investigating = Ready(CaseStage.Investigating);
        AssertOutcome("Investigating", Check(investigating, CaseAction.PreserveEvidence, "head"));
        AssertOutcome("case.role", Check(investigating, CaseAction.PreserveEvidence, "officer"));
        AssertOutcome("case.document_missing", Check(investigating.Without(Tianmu.Documents.DocumentType.PreservationDecision), CaseAction.PreserveEvidence, "head"));
        AssertOutcome("case.preservation_state", Check(investigating with { PreservationOpen = true }, CaseAction.PreserveEvidence, "head"));
        AssertOutcome("case.preservation_state", Check(investigating, CaseAction.HandlePreservedEvidence, "officer"));
        AssertOutcome("Investigating", Check(investigating with { PreservationOpen = true }, CaseAction.HandlePreservedEvidence, "officer"));
    }

    [Fact]
    public void OnlyTheHeadDefersPaymentToALaterDayWhileMoneyIsOwed_Art66()
    {
        var owing = Ready(CaseStage.Served) with { AmountOutstanding = 2000m, RequestedDeferTo = Today.AddDays(30) };
        AssertOutcome("Served", Check(owing, CaseAction.DeferPayment, "head"));
        AssertOutcome("case.role", Check(owing, CaseAction.DeferPayment, "officer"));
        AssertOutcome("case.deferral_invalid", Check(owing with { RequestedDeferTo = Today }, CaseAction.DeferPayment, "head"));
        AssertOutcome("case.amount_outstanding", Check(owing with { AmountOutstanding = 0m }, CaseAction.DeferPayment, "head"));
        AssertOutcome("case.wrong_stage", Check(owing with { Stage = CaseStage.Decided }, CaseAction.DeferPayment, "head"));
    }

    [Fact]
    public void ClosingWhileMoneyIsOwedIsRefused()
    {
        AssertOutcome("case.amount_outstanding", Check(Ready(CaseStage.Served) with { AmountOutstanding = 1m }, CaseAction.Close, "head"));
    }
}
