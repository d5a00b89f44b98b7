using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using Tianmu.Identity;
using static Tianmu.Tests.Cases.CaseFixtures;

namespace Tianmu.Tests.Cases;

/// <summary>
/// The procedure table: who may take each step (roles, separation of duties) and from which stage
/// (BRIEF "The flow"; 行政处罚法 art. 42, 44, 45, 54, 57, 58, 59, 61, 62, 64, 67). Each row starts from a case
/// that satisfies every other precondition, so a refusal here is caused by the role or the stage alone.
/// </summary>
public sealed class ProcedureStepsTests
{
    [Theory]
    // 立案 (art. 54): head only, from acceptance.
    [InlineData(CaseAction.File, CaseStage.Accepted, "head", "Investigating")]
    [InlineData(CaseAction.File, CaseStage.Accepted, "officer", "case.role")]
    [InlineData(CaseAction.File, CaseStage.Investigating, "head", "case.wrong_stage")]
    [InlineData(CaseAction.RefuseFiling, CaseStage.Accepted, "head", "NotFiled")]
    [InlineData(CaseAction.RefuseFiling, CaseStage.Accepted, "investigator", "case.role")]
    // 移送 (art. 27, 57 ¶1(四)).
    [InlineData(CaseAction.Transfer, CaseStage.Accepted, "head", "Transferred")]
    [InlineData(CaseAction.Transfer, CaseStage.Investigating, "head", "Transferred")]
    [InlineData(CaseAction.Transfer, CaseStage.InvestigationConcluded, "head", "Transferred")]
    [InlineData(CaseAction.Transfer, CaseStage.Approved, "head", "Transferred")]
    [InlineData(CaseAction.Transfer, CaseStage.Notified, "head", "case.wrong_stage")]
    [InlineData(CaseAction.Transfer, CaseStage.Investigating, "officer", "case.role")]
    // 调查终结 (art. 57): an assigned investigator.
    [InlineData(CaseAction.ConcludeInvestigation, CaseStage.Investigating, "investigator", "InvestigationConcluded")]
    [InlineData(CaseAction.ConcludeInvestigation, CaseStage.Investigating, "officer", "case.not_investigator")]
    [InlineData(CaseAction.ConcludeInvestigation, CaseStage.Investigating, "head", "case.role")]
    [InlineData(CaseAction.ConcludeInvestigation, CaseStage.Accepted, "investigator", "case.wrong_stage")]
    // 法制审核 (art. 58): a legal reviewer, before approval or after a hearing.
    [InlineData(CaseAction.RecordLegalReview, CaseStage.InvestigationConcluded, "reviewer", "LegalReviewed")]
    [InlineData(CaseAction.RecordLegalReview, CaseStage.Heard, "reviewer", "Heard")]
    [InlineData(CaseAction.RecordLegalReview, CaseStage.InvestigationConcluded, "head", "case.role")]
    [InlineData(CaseAction.RecordLegalReview, CaseStage.Investigating, "reviewer", "case.wrong_stage")]
    [InlineData(CaseAction.RecordLegalReview, CaseStage.Approved, "reviewer", "case.wrong_stage")]
    // 集体讨论 (art. 57 ¶2): the head.
    [InlineData(CaseAction.RecordDiscussion, CaseStage.InvestigationConcluded, "head", "Discussed")]
    [InlineData(CaseAction.RecordDiscussion, CaseStage.LegalReviewed, "head", "Discussed")]
    [InlineData(CaseAction.RecordDiscussion, CaseStage.InvestigationConcluded, "officer", "case.role")]
    [InlineData(CaseAction.RecordDiscussion, CaseStage.Approved, "head", "case.wrong_stage")]
    // 审批.
    [InlineData(CaseAction.Approve, CaseStage.InvestigationConcluded, "head", "Approved")]
    [InlineData(CaseAction.Approve, CaseStage.LegalReviewed, "head", "Approved")]
    [InlineData(CaseAction.Approve, CaseStage.Discussed, "head", "Approved")]
    [InlineData(CaseAction.Approve, CaseStage.Investigating, "head", "case.wrong_stage")]
    [InlineData(CaseAction.Approve, CaseStage.Discussed, "reviewer", "case.role")]
    // 事先告知 (art. 44).
    [InlineData(CaseAction.ServePriorNotice, CaseStage.Approved, "investigator", "Notified")]
    [InlineData(CaseAction.ServePriorNotice, CaseStage.Approved, "head", "case.role")]
    [InlineData(CaseAction.ServePriorNotice, CaseStage.Discussed, "investigator", "case.wrong_stage")]
    // 陈述申辩 and waiver record without moving the case (art. 45, 62).
    [InlineData(CaseAction.RecordStatement, CaseStage.Notified, "entity", "Notified")]
    [InlineData(CaseAction.RecordStatement, CaseStage.HearingNoticed, "officer", "HearingNoticed")]
    [InlineData(CaseAction.RecordStatement, CaseStage.Decided, "entity", "case.wrong_stage")]
    [InlineData(CaseAction.RecordStatement, CaseStage.Notified, "reviewer", "case.role")]
    [InlineData(CaseAction.ReviewStatement, CaseStage.Notified, "officer", "case.no_statement")]
    [InlineData(CaseAction.ReviewStatement, CaseStage.Notified, "entity", "case.role")]
    [InlineData(CaseAction.WaiveRights, CaseStage.Notified, "entity", "Notified")]
    [InlineData(CaseAction.WaiveRights, CaseStage.Heard, "officer", "Heard")]
    [InlineData(CaseAction.WaiveRights, CaseStage.Approved, "entity", "case.wrong_stage")]
    // 听证 (art. 63, 64): a 5,000 元 fine to an organisation gives no hearing right under the 2025 rules.
    [InlineData(CaseAction.RequestHearing, CaseStage.Notified, "entity", "case.hearing_not_available")]
    [InlineData(CaseAction.RequestHearing, CaseStage.Notified, "head", "case.role")]
    [InlineData(CaseAction.NoticeHearing, CaseStage.HearingRequested, "officer", "HearingNoticed")]
    [InlineData(CaseAction.NoticeHearing, CaseStage.HearingRequested, "head", "HearingNoticed")]
    [InlineData(CaseAction.NoticeHearing, CaseStage.Notified, "officer", "case.wrong_stage")]
    [InlineData(CaseAction.NoticeHearing, CaseStage.HearingRequested, "entity", "case.role")]
    [InlineData(CaseAction.RecordHearing, CaseStage.HearingNoticed, "officer", "Heard")]
    [InlineData(CaseAction.RecordHearing, CaseStage.HearingNoticed, "reviewer", "Heard")]
    [InlineData(CaseAction.RecordHearing, CaseStage.HearingNoticed, "investigator", "case.chair_is_investigator")]
    [InlineData(CaseAction.RecordHearing, CaseStage.HearingRequested, "officer", "case.wrong_stage")]
    // 决定 (art. 57, 59, 62): the head, after notice (penalty) or hearing.
    [InlineData(CaseAction.Decide, CaseStage.Notified, "head", "Decided")]
    [InlineData(CaseAction.Decide, CaseStage.Heard, "head", "Decided")]
    [InlineData(CaseAction.Decide, CaseStage.Approved, "head", "case.notice_missing")]
    [InlineData(CaseAction.Decide, CaseStage.HearingRequested, "head", "case.hearing_pending")]
    [InlineData(CaseAction.Decide, CaseStage.Notified, "investigator", "case.role")]
    [InlineData(CaseAction.Decide, CaseStage.Investigating, "head", "case.wrong_stage")]
    [InlineData(CaseAction.DecideOnTheSpot, CaseStage.Accepted, "investigator", "case.wrong_procedure")]
    // 送达, 执行, 结案, 归档 (art. 61, 67, 47).
    [InlineData(CaseAction.RecordService, CaseStage.Decided, "officer", "Served")]
    [InlineData(CaseAction.RecordService, CaseStage.Decided, "head", "case.role")]
    [InlineData(CaseAction.RecordService, CaseStage.Served, "officer", "case.wrong_stage")]
    [InlineData(CaseAction.RecordPayment, CaseStage.Served, "officer", "Executed")]
    [InlineData(CaseAction.RecordPayment, CaseStage.Decided, "officer", "case.wrong_stage")]
    [InlineData(CaseAction.Close, CaseStage.Executed, "head", "Closed")]
    [InlineData(CaseAction.Close, CaseStage.Served, "head", "Closed")]
    [InlineData(CaseAction.Close, CaseStage.Transferred, "head", "Closed")]
    [InlineData(CaseAction.Close, CaseStage.Decided, "head", "case.wrong_stage")]
    [InlineData(CaseAction.Close, CaseStage.Executed, "officer", "case.role")]
    // The platform records only what it witnessed: electronic delivery (art. 61, 44) and a reported payment (art. 67).
    [InlineData(CaseAction.ServePriorNotice, CaseStage.Approved, "platform", "Notified")]
    [InlineData(CaseAction.RecordService, CaseStage.Decided, "platform", "Served")]
    [InlineData(CaseAction.RecordPayment, CaseStage.Served, "platform", "Executed")]
    [InlineData(CaseAction.RecordPayment, CaseStage.Decided, "platform", "case.wrong_stage")]
    [InlineData(CaseAction.Decide, CaseStage.Approved, "platform", "case.role")]
    [InlineData(CaseAction.Close, CaseStage.Executed, "platform", "case.role")]
    [InlineData(CaseAction.RecordStatement, CaseStage.Notified, "platform", "case.role")]
    [InlineData(CaseAction.Archive, CaseStage.Closed, "admin", "Archived")]
    [InlineData(CaseAction.Archive, CaseStage.Closed, "officer", "Archived")]
    [InlineData(CaseAction.Archive, CaseStage.NotFiled, "head", "Archived")]
    [InlineData(CaseAction.Archive, CaseStage.Closed, "entity", "case.role")]
    [InlineData(CaseAction.Archive, CaseStage.Executed, "admin", "case.wrong_stage")]
    // 延期 (art. 60) on an active case, recorded without moving it.
    [InlineData(CaseAction.Extend, CaseStage.Investigating, "head", "Investigating")]
    [InlineData(CaseAction.Extend, CaseStage.Heard, "head", "Heard")]
    [InlineData(CaseAction.Extend, CaseStage.Decided, "head", "case.wrong_stage")]
    [InlineData(CaseAction.Extend, CaseStage.Investigating, "officer", "case.role")]
    [InlineData(CaseAction.Resume, CaseStage.Investigating, "head", "case.suspension_state")]
    // 督查 is read-only everywhere.
    [InlineData(CaseAction.File, CaseStage.Accepted, "inspector", "case.role")]
    [InlineData(CaseAction.Decide, CaseStage.Notified, "inspector", "case.role")]
    public void RoleAndStage(CaseAction action, CaseStage stage, string actor, string expected) =>
        AssertOutcome(expected, Check(Ready(stage), action, actor));

    [Theory]
    [MemberData(nameof(AllActions))]
    public void ArchivedCaseIsReadOnly(CaseAction action)
    {
        // Art. 47: the file is archived; nothing changes it afterwards, whoever asks.
        foreach (var actor in new[] { "head", "investigator", "reviewer", "admin" })
        {
            AssertOutcome("case.archived", Check(Ready(CaseStage.Archived), action, actor));
        }
    }

    public static TheoryData<CaseAction> AllActions() => [.. Enum.GetValues<CaseAction>()];

    [Fact]
    public void WrongStageNamesTheCurrentStageInChinese()
    {
        var error = Check(Ready(CaseStage.Investigating), CaseAction.File, "head").Error!;
        Assert.Contains("“调查取证”", error.Detail);
        Assert.Contains("“已受理”", error.Detail);
    }

    [Fact]
    public void RoleRefusalIsForbiddenAndNamesTheRole()
    {
        var error = Check(Ready(CaseStage.Accepted), CaseAction.File, "officer").Error!;
        Assert.Equal(Tianmu.Common.ErrorKind.Forbidden, error.Kind);
        Assert.Contains("负责人", error.Detail);
    }

    [Fact]
    public void TheTableHasOneStepPerActionWithNameRolesAndArticle()
    {
        Assert.Equal(Enum.GetValues<CaseAction>().Order(), ProcedureRules.Steps.Select(s => s.Action).Order());
        Assert.All(ProcedureRules.Steps, s =>
        {
            Assert.NotEmpty(s.Name);
            Assert.NotEmpty(s.Roles);
            Assert.NotEmpty(s.From);
            Assert.Contains("第", s.Basis);
            Assert.True(s.To is not null || s.RecordsOnly || s.Action is CaseAction.RecordLegalReview or CaseAction.RecordPayment, $"{s.Action} has no target");
        });
        Assert.Equal([CaseProcedureKind.Simple], ProcedureRules.Step(CaseAction.DecideOnTheSpot).Procedures);
        Assert.DoesNotContain(Role.EntityUser, ProcedureRules.Step(CaseAction.Decide).Roles);
    }

    [Fact]
    public void SimpleCaseCannotTakeGeneralSteps()
    {
        var simple = Ready(CaseStage.Accepted) with { Procedure = CaseProcedureKind.Simple };
        AssertOutcome("case.wrong_procedure", Check(simple, CaseAction.File, "head"));
        AssertOutcome("case.wrong_procedure", Check(simple with { Stage = CaseStage.Investigating }, CaseAction.Extend, "head"));
        AssertOutcome("Served", Check(simple with { Stage = CaseStage.Decided }, CaseAction.RecordService, "officer"));
    }
}
