using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Documents;
using static Tianmu.Tests.Cases.CaseFixtures;

namespace Tianmu.Tests.Cases;

/// <summary>The buttons a page shows: Check succeeding once documents are drafted and inputs are given.</summary>
public sealed class AvailableActionsTests
{
    private static IReadOnlyList<CaseAction> Available(CaseFacts facts, string actor, DateOnly? today = null) =>
        ProcedureRules.Available(Rules2025, Shipped, facts, Actor(actor), today ?? Today);

    [Fact]
    public void HeadAtAcceptanceMayFileEvenBeforeTheReportIsDrafted()
    {
        var facts = Ready(CaseStage.Accepted).Without(DocumentType.FilingReport);
        Assert.Equal([CaseAction.File, CaseAction.RefuseFiling, CaseAction.Transfer], Available(facts, "head"));
        AssertOutcome("case.document_missing", Check(facts, CaseAction.File, "head"));
    }

    [Fact]
    public void FilingIsNotOfferedWithOneOfficer_Art42() =>
        Assert.Equal([CaseAction.RefuseFiling, CaseAction.Transfer], Available(Ready(CaseStage.Accepted) with { CredentialedInvestigators = 1 }, "head"));

    [Fact]
    public void InvestigatorConcludesWithoutTheProposalYet() =>
        Assert.Equal([CaseAction.ConcludeInvestigation], Available(Ready(CaseStage.Investigating) with { ProposedOutcome = null, IssuedDocuments = new HashSet<DocumentType>() }, "investigator"));

    [Fact]
    public void DecideIsHiddenWhileTheStatementWindowRuns_Art62()
    {
        var facts = Ready(CaseStage.Notified) with { NoticeServedOn = D("2026-09-29") };
        Assert.DoesNotContain(CaseAction.Decide, Available(facts, "head", D("2026-10-09")));
        Assert.Contains(CaseAction.Decide, Available(facts, "head", D("2026-10-10")));
    }

    [Fact]
    public void PartyMayStateAndWaiveButNotRequestAHearingBelowTheThreshold() =>
        Assert.Equal([CaseAction.RecordStatement, CaseAction.WaiveRights], Available(Ready(CaseStage.Notified), "entity"));

    [Fact]
    public void ReviewerSeesReviewAfterConclusion() =>
        Assert.Equal([CaseAction.RecordLegalReview], Available(Ready(CaseStage.InvestigationConcluded) with { RequestedReviewPassed = null }, "reviewer"));
}
