using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Documents;
using Tianmu.Identity;
using static Tianmu.Tests.Cases.CaseFixtures;

namespace Tianmu.Tests.Cases;

/// <summary>The preconditions of each step, one rule at a time, each citing its article.</summary>
public sealed class ProcedureGuardsTests
{
    [Theory]
    // Art. 42: at least two officers holding an enforcement credential.
    [InlineData(0, "case.two_officers")]
    [InlineData(1, "case.two_officers")]
    [InlineData(2, "Investigating")]
    [InlineData(3, "Investigating")]
    public void FilingNeedsTwoCredentialedOfficers_Art42(int officers, string expected)
    {
        var result = Check(Ready(CaseStage.Accepted) with { CredentialedInvestigators = officers }, CaseAction.File, "head");
        AssertOutcome(expected, result);
        if (!result.IsSuccess)
        {
            Assert.Contains("第四十二条", result.Error!.Detail);
        }
    }

    [Theory]
    [InlineData(CaseAction.File, CaseStage.Accepted, "head", DocumentType.FilingReport, "立案报告")]
    [InlineData(CaseAction.ConcludeInvestigation, CaseStage.Investigating, "investigator", DocumentType.InvestigationReport, "案件调查终结报告")]
    [InlineData(CaseAction.RecordDiscussion, CaseStage.InvestigationConcluded, "head", DocumentType.DiscussionRecord, "合议记录")]
    [InlineData(CaseAction.ServePriorNotice, CaseStage.Approved, "investigator", DocumentType.PriorNotice, "行政处罚事先告知书")]
    [InlineData(CaseAction.NoticeHearing, CaseStage.HearingRequested, "officer", DocumentType.HearingNotice, "听证通知书")]
    [InlineData(CaseAction.RecordHearing, CaseStage.HearingNoticed, "officer", DocumentType.HearingRecord, "听证笔录")]
    [InlineData(CaseAction.Decide, CaseStage.Notified, "head", DocumentType.PenaltyDecision, "行政处罚决定书")]
    [InlineData(CaseAction.Close, CaseStage.Executed, "head", DocumentType.ClosingReport, "结案报告")]
    public void StepsNeedTheirDocumentIssued(CaseAction action, CaseStage stage, string actor, DocumentType document, string title)
    {
        var result = Check(Ready(stage).Without(document), action, actor);
        AssertOutcome("case.document_missing", result);
        Assert.Contains(title, result.Error!.Detail);
    }

    [Theory]
    // Art. 57: the decision document follows the outcome decided.
    [InlineData(CaseOutcome.NoPenaltyMinor, DocumentType.NoPenaltyDecision)]
    [InlineData(CaseOutcome.NoPenaltyFirstViolation, DocumentType.NoPenaltyDecision)]
    [InlineData(CaseOutcome.NotEstablished, DocumentType.NoPenaltyDecision)]
    [InlineData(CaseOutcome.Penalty, DocumentType.PenaltyDecision)]
    public void DecisionDocumentFollowsTheOutcome_Art57(CaseOutcome outcome, DocumentType document)
    {
        var facts = Ready(CaseStage.Notified) with { RequestedOutcome = outcome };
        AssertOutcome("Decided", Check(facts, CaseAction.Decide, "head"));
        AssertOutcome("case.document_missing", Check(facts.Without(document), CaseAction.Decide, "head"));
    }

    [Fact]
    public void NoPenaltyIsDecidedStraightAfterApprovalWithoutNotice_Art44()
    {
        var facts = Ready(CaseStage.Approved) with { ProposedOutcome = CaseOutcome.NotEstablished, ProposedPenalty = null, RequestedOutcome = CaseOutcome.NotEstablished };
        AssertOutcome("Decided", Check(facts, CaseAction.Decide, "head"));
        AssertOutcome("case.notice_not_needed", Check(facts, CaseAction.ServePriorNotice, "investigator"));
        AssertOutcome("case.outcome_invalid", Check(facts with { RequestedOutcome = CaseOutcome.Transfer }, CaseAction.Decide, "head"));
        AssertOutcome("case.input_missing", Check(facts with { RequestedOutcome = null }, CaseAction.Decide, "head"));
    }

    [Fact]
    public void ConclusionNeedsAProposedOutcomeAndPenalty_Art57()
    {
        var facts = Ready(CaseStage.Investigating);
        AssertOutcome("case.outcome_missing", Check(facts with { ProposedOutcome = null }, CaseAction.ConcludeInvestigation, "investigator"));
        AssertOutcome("case.outcome_missing", Check(facts with { ProposedPenalty = null }, CaseAction.ConcludeInvestigation, "investigator"));
        AssertOutcome("case.outcome_missing", Check(facts with { ProposedPenalty = Penalty.None }, CaseAction.ConcludeInvestigation, "investigator"));
        AssertOutcome("InvestigationConcluded",
            Check(facts with { ProposedOutcome = CaseOutcome.NoPenaltyMinor, ProposedPenalty = null }, CaseAction.ConcludeInvestigation, "investigator"));
    }

    [Theory]
    // Art. 58: reviewer is not an investigator; a first-time reviewer holds the legal professional qualification (¶2).
    [InlineData(false, false, false, "LegalReviewed")]
    [InlineData(true, false, false, "case.reviewer_is_investigator")]
    [InlineData(false, true, false, "case.reviewer_unqualified")]
    [InlineData(false, true, true, "LegalReviewed")]
    public void ReviewerSeparationAndQualification_Art58(bool investigator, bool firstTime, bool qualified, string expected)
    {
        var reviewer = new CaseActor(new HashSet<Role> { Role.LegalReviewer }, false, investigator, firstTime, qualified);
        AssertOutcome(expected, ProcedureRules.Check(Rules2025, Shipped, Ready(CaseStage.InvestigationConcluded), CaseAction.RecordLegalReview, reviewer, Today));
    }

    [Fact]
    public void ReturnedReviewSendsTheCaseBackToInvestigation_Art58()
    {
        var facts = Ready(CaseStage.InvestigationConcluded);
        AssertOutcome("Investigating", Check(facts with { RequestedReviewPassed = false }, CaseAction.RecordLegalReview, "reviewer"));
        AssertOutcome("case.input_missing", Check(facts with { RequestedReviewPassed = null }, CaseAction.RecordLegalReview, "reviewer"));
    }

    [Theory]
    // Art. 58: no review → no decision; art. 57 ¶2: complex or major cases need collective discussion.
    [InlineData(true, null, false, false, "case.legal_review_missing")]
    [InlineData(true, false, false, false, "case.legal_review_missing")]
    [InlineData(true, true, false, false, "Approved")]
    [InlineData(false, null, true, false, "case.discussion_missing")]
    [InlineData(false, null, true, true, "Approved")]
    [InlineData(false, null, false, false, "Approved")]
    public void ApprovalNeedsReviewAndDiscussionWhenRequired_Art57_58(bool reviewRequired, bool? reviewPassed, bool discussionRequired, bool discussed, string expected)
    {
        var facts = Ready(CaseStage.Discussed) with
        {
            LegalReviewRequired = reviewRequired,
            LegalReviewPassed = reviewPassed,
            DiscussionRequired = discussionRequired,
            DiscussionRecorded = discussed,
        };
        AssertOutcome(expected, Check(facts, CaseAction.Approve, "head"));
    }

    [Fact]
    public void DecisionAlsoRefusedWithoutRequiredReview_Art58()
    {
        var facts = Ready(CaseStage.Notified) with { LegalReviewRequired = true, LegalReviewPassed = null };
        AssertOutcome("case.legal_review_missing", Check(facts, CaseAction.Decide, "head"));
    }

    [Fact]
    public void HeardCaseNeedsLegalReviewAfterTheHearing_Art58_1_2()
    {
        // Art. 58 ¶1(二): a case that went through a hearing is reviewed before the decision, even if it passed review before the notice.
        var heard = Ready(CaseStage.Heard) with { HearingHeld = true, LegalReviewRequired = true, LegalReviewPassed = true };
        AssertOutcome("case.legal_review_missing", Check(heard, CaseAction.Decide, "head"));
        AssertOutcome("Heard", Check(heard, CaseAction.RecordLegalReview, "reviewer"));
        AssertOutcome("Investigating", Check(heard with { RequestedReviewPassed = false }, CaseAction.RecordLegalReview, "reviewer"));
        AssertOutcome("case.legal_review_missing", Check(heard with { LegalReviewAfterHearingPassed = false }, CaseAction.Decide, "head"));
        AssertOutcome("Decided", Check(heard with { LegalReviewAfterHearingPassed = true }, CaseAction.Decide, "head"));

        // Art. 64(八): the party did not appear — no hearing took place, so no post-hearing review is due.
        AssertOutcome("Decided", Check(heard with { HearingHeld = false }, CaseAction.Decide, "head"));
    }

    [Theory]
    // Art. 45: the defence never raises the penalty (fine, confiscation, warning or a severe measure).
    [InlineData(5000, true, 0, null, "Decided")]
    [InlineData(3000, true, 0, null, "Decided")]
    [InlineData(3000, false, 0, null, "Decided")]
    [InlineData(5000.01, true, 0, null, "case.penalty_raised")]
    [InlineData(5000, true, 1, null, "case.penalty_raised")]
    [InlineData(1000, true, 0, "责令停业整顿", "case.penalty_raised")]
    public void DecisionCannotRaiseTheNotifiedPenalty_Art45(double fine, bool warning, double confiscation, string? severe, string expected)
    {
        var requested = new Penalty(warning, (decimal)fine, (decimal)confiscation, severe);
        AssertOutcome(expected, Check(Ready(CaseStage.Notified) with { RequestedPenalty = requested }, CaseAction.Decide, "head"));
    }

    [Fact]
    public void AddingAWarningRaisesAFineOnlyPenalty_Art45()
    {
        var facts = Ready(CaseStage.Heard) with { ProposedPenalty = new Penalty(false, 5000m), RequestedPenalty = new Penalty(true, 5000m) };
        AssertOutcome("case.penalty_raised", Check(facts, CaseAction.Decide, "head"));
    }

    [Fact]
    public void StatementReviewCannotRaiseThePenalty_Art45()
    {
        var facts = Ready(CaseStage.Notified) with { UnreviewedStatements = 1 };
        AssertOutcome("Notified", Check(facts with { RequestedPenalty = new Penalty(true, 2000m) }, CaseAction.ReviewStatement, "officer"));
        AssertOutcome("case.penalty_raised", Check(facts with { RequestedPenalty = new Penalty(true, 8000m) }, CaseAction.ReviewStatement, "head"));
    }

    [Theory]
    // Art. 41: an unreviewed electronic record is not evidence; art. 45: every statement is reviewed first.
    [InlineData(1, 0, "case.evidence_unreviewed")]
    [InlineData(3, 2, "case.evidence_unreviewed")]
    [InlineData(0, 1, "case.statement_unreviewed")]
    [InlineData(0, 0, "Decided")]
    public void EvidenceAndStatementsAreReviewedBeforeDeciding_Art41_45(int evidence, int statements, string expected) =>
        AssertOutcome(expected, Check(Ready(CaseStage.Notified) with { UnreviewedEvidence = evidence, UnreviewedStatements = statements }, CaseAction.Decide, "head"));

    [Fact]
    public void WaiverIsRecordedOnce_Art62()
    {
        AssertOutcome("case.rights_waived", Check(Ready(CaseStage.Notified) with { RightsWaived = true }, CaseAction.WaiveRights, "entity"));
    }
}
