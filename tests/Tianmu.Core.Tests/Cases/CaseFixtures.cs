using System.Globalization;
using Tianmu.Calendar;
using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Common;
using Tianmu.Documents;
using Tianmu.Identity;

namespace Tianmu.Tests.Cases;

/// <summary>Shared calendar, policies, actors and a case that satisfies every precondition at a given stage.</summary>
internal static class CaseFixtures
{
    public static readonly WorkingCalendar Shipped = BuildCalendar();

    /// <summary>国家卫生健康委令第13号 (from 2025-06-01).</summary>
    public static readonly ProcedurePolicy Rules2025 = ProcedurePolicies.For(D("2025-06-01"));

    /// <summary>1997 《卫生行政处罚程序》.</summary>
    public static readonly ProcedurePolicy Rules1997 = ProcedurePolicies.For(D("2025-05-31"));

    /// <summary>A day long after the notice below, when every window has closed.</summary>
    public static readonly DateOnly Today = D("2026-06-01");

    public static readonly Penalty Proposed = new(true, 5000m);

    public static DateOnly D(string s) => DateOnly.Parse(s, CultureInfo.InvariantCulture);

    private static WorkingCalendar BuildCalendar() => WorkingCalendar.Of(YearArrangement.Shipped());

    public static CaseActor Actor(string name) => name switch
    {
        "head" => new(new HashSet<Role> { Role.Head }, HasCredential: true, IsInvestigator: false),
        "investigator" => new(new HashSet<Role> { Role.Officer }, HasCredential: true, IsInvestigator: true),
        "officer" => new(new HashSet<Role> { Role.Officer }, HasCredential: true, IsInvestigator: false),
        "reviewer" => new(new HashSet<Role> { Role.LegalReviewer }, HasCredential: false, IsInvestigator: false, IsFirstTimeReviewer: false, HasLegalQualification: true),
        "entity" => new(new HashSet<Role> { Role.EntityUser }, HasCredential: false, IsInvestigator: false),
        "admin" => new(new HashSet<Role> { Role.Administrator }, HasCredential: false, IsInvestigator: false),
        "inspector" => new(new HashSet<Role> { Role.Inspector }, HasCredential: false, IsInvestigator: false),
        "platform" => CaseActor.Platform,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>A general-procedure case at <paramref name="stage"/> with every document issued and every gate passed.</summary>
    public static CaseFacts Ready(CaseStage stage) => new()
    {
        Procedure = CaseProcedureKind.General,
        Stage = stage,
        Party = PartyKind.Organisation,
        AcceptedOn = D("2026-03-02"),
        FiledOn = D("2026-03-03"),
        CredentialedInvestigators = 2,
        ReportWritten = true,
        ProposedOutcome = CaseOutcome.Penalty,
        ProposedPenalty = Proposed,
        NoticeServedOn = D("2026-04-01"),
        HearingDate = D("2026-05-20"),
        IssuedDocuments = new HashSet<DocumentType>(Enum.GetValues<DocumentType>()),
        RequestedOutcome = CaseOutcome.Penalty,
        RequestedPenalty = Proposed,
        RequestedReviewPassed = true,
        RequestedHearingDate = D("2026-12-01"),
        RequestedGround = "complex",
    };

    public static CaseFacts Without(this CaseFacts facts, DocumentType document) =>
        facts with { IssuedDocuments = new HashSet<DocumentType>(facts.IssuedDocuments.Where(d => d != document)) };

    public static Result<CaseStage> Check(CaseFacts facts, CaseAction action, string actor, DateOnly? today = null, ProcedurePolicy? policy = null) =>
        ProcedureRules.Check(policy ?? Rules2025, Shipped, facts, action, Actor(actor), today ?? Today);

    /// <summary>"Investigating"-style stage names are the expected stage; anything else is an error code.</summary>
    public static void AssertOutcome(string expected, Result<CaseStage> result)
    {
        if (Enum.TryParse<CaseStage>(expected, out var stage))
        {
            Assert.True(result.IsSuccess, $"expected {stage}, got {result.Error?.Code}: {result.Error?.Detail}");
            Assert.Equal(stage, result.Value);
        }
        else
        {
            Assert.False(result.IsSuccess, $"expected {expected}, got stage {result.Value}");
            Assert.Equal(expected, result.Error!.Code);
            Assert.False(string.IsNullOrWhiteSpace(result.Error.Detail));
        }
    }
}
