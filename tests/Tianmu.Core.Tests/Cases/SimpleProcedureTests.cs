using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Identity;
using static Tianmu.Tests.Cases.CaseFixtures;

namespace Tianmu.Tests.Cases;

/// <summary>当场处罚 (art. 51/52): a warning or a fine up to 200 元 (citizen) / 3,000 元 (organisation), clear facts, a legal basis.</summary>
public sealed class SimpleProcedureTests
{
    [Theory]
    [InlineData(PartyKind.Individual, 200, 0, null, true)]
    [InlineData(PartyKind.Individual, 200.01, 0, null, false)]
    [InlineData(PartyKind.Individual, 3000, 0, null, false)]
    [InlineData(PartyKind.Organisation, 3000, 0, null, true)]
    [InlineData(PartyKind.Organisation, 3000.01, 0, null, false)]
    [InlineData(PartyKind.Organisation, 0, 0, null, true)]
    [InlineData(PartyKind.Organisation, 100, 50, null, false)]
    [InlineData(PartyKind.Individual, 0, 0, "责令停业", false)]
    public void FineLimitsAndMeasures_Art51(PartyKind party, double fine, double confiscation, string? severe, bool allowed)
    {
        var refusal = SimpleProcedure.Refusal(Rules2025, party, new Penalty(true, (decimal)fine, (decimal)confiscation, severe), factsClear: true, basisGiven: true);
        if (allowed)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.Equal("case.simple_not_allowed", refusal?.Code);
            Assert.Contains("第五十一条", refusal!.Detail);
        }
    }

    [Fact]
    public void OverLimitDetailNamesTheLimit()
    {
        var refusal = SimpleProcedure.Refusal(Rules2025, PartyKind.Individual, new Penalty(false, 200.01m), true, true)!;
        Assert.Contains("200.00 元", refusal.Detail);
        Assert.Contains("公民", refusal.Detail);
    }

    [Theory]
    // Art. 51: facts must be clear (确凿) and the legal basis stated; an empty penalty is not a decision.
    [InlineData(false, true, true, "违法事实")]
    [InlineData(true, false, true, "法定依据")]
    [InlineData(true, true, false, "未给予警告或者罚款")]
    public void FactsBasisAndSomethingToDecide_Art51(bool factsClear, bool basisGiven, bool warning, string reason)
    {
        var refusal = SimpleProcedure.Refusal(Rules2025, PartyKind.Organisation, new Penalty(warning, 0m), factsClear, basisGiven);
        Assert.Equal("case.simple_not_allowed", refusal?.Code);
        Assert.Contains(reason, refusal!.Detail);
    }

    private static CaseFacts Simple(decimal fine, int officers = 2) => Ready(CaseStage.Accepted) with
    {
        Procedure = CaseProcedureKind.Simple,
        Party = PartyKind.Individual,
        FiledOn = null,
        CredentialedInvestigators = officers,
        RequestedPenalty = new Penalty(true, fine),
        FactsClear = true,
        LegalBasisGiven = true,
    };

    [Theory]
    [InlineData(200, 2, "Decided")]
    [InlineData(200.01, 2, "case.simple_not_allowed")]
    [InlineData(50, 1, "case.two_officers")]
    public void OnTheSpotDecision_Art42_51_52(double fine, int officers, string expected) =>
        AssertOutcome(expected, Check(Simple((decimal)fine, officers), CaseAction.DecideOnTheSpot, "investigator"));

    [Fact]
    public void OnTheSpotDecisionNeedsACredentialAndItsForm_Art52()
    {
        var noCredential = new CaseActor(new HashSet<Role> { Role.Officer }, HasCredential: false, IsInvestigator: true);
        AssertOutcome("case.credential", ProcedureRules.Check(Rules2025, Shipped, Simple(50), CaseAction.DecideOnTheSpot, noCredential, Today));
        AssertOutcome("case.document_missing", Check(Simple(50).Without(Tianmu.Documents.DocumentType.OnTheSpotDecision), CaseAction.DecideOnTheSpot, "investigator"));
        AssertOutcome("case.input_missing", Check(Simple(50) with { RequestedPenalty = null }, CaseAction.DecideOnTheSpot, "investigator"));
        AssertOutcome("case.role", Check(Simple(50), CaseAction.DecideOnTheSpot, "head"));
    }
}
