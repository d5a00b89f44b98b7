using Tianmu.Cases.Procedure;

namespace Tianmu.Accountability;

public enum AlertStage
{
    /// <summary>到期提醒 — sent to the responsible people a few working days before the deadline.</summary>
    Reminded,

    /// <summary>逾期督办 — sent to the agency's heads once the deadline has passed.</summary>
    Escalated,
}

/// <summary>
/// That a reminder or an escalation for one deadline of one case was sent: (case, kind, due, stage) is
/// unique, so each goes out exactly once even when two nodes run the job, and a deadline moved by an
/// extension (another due date) is announced again.
/// </summary>
public sealed class CaseDeadlineAlert
{
    private CaseDeadlineAlert() { }

    public CaseDeadlineAlert(Guid caseId, DeadlineKind kind, DateOnly due, AlertStage stage, int recipients, DateTimeOffset at)
    {
        CaseId = caseId;
        Kind = kind;
        Due = due;
        Stage = stage;
        Recipients = recipients;
        At = at;
    }

    public Guid CaseId { get; private set; }

    public DeadlineKind Kind { get; private set; }

    public DateOnly Due { get; private set; }

    public AlertStage Stage { get; private set; }

    /// <summary>How many people were notified (0 when the agency has nobody in the role — visible, not hidden).</summary>
    public int Recipients { get; private set; }

    public DateTimeOffset At { get; private set; }
}

/// <summary>Whose a case deadline is: the agency's own step (escalated when missed) or the party's window (a reminder only).</summary>
public static class DeadlineDuties
{
    /// <summary>The step the deadline waits for; its roles (<see cref="ProcedureRules.Steps"/>) say who is responsible.</summary>
    public static Cases.CaseAction StepOf(DeadlineKind kind) => kind switch
    {
        DeadlineKind.Filing => Cases.CaseAction.File,
        DeadlineKind.Decision => Cases.CaseAction.Decide,
        DeadlineKind.Service => Cases.CaseAction.RecordService,
        DeadlineKind.Payment => Cases.CaseAction.RecordPayment,
        DeadlineKind.Preservation => Cases.CaseAction.ConcludeInvestigation,
        _ => Cases.CaseAction.RecordStatement,
    };

    /// <summary>陈述申辩、听证申请 and 缴款 are periods the party has; when they end the agency follows up, nobody is late.</summary>
    public static bool IsPartyWindow(DeadlineKind kind) => kind is DeadlineKind.Statement or DeadlineKind.HearingRequest or DeadlineKind.Payment;
}
