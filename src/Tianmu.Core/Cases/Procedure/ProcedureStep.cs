namespace Tianmu.Cases.Procedure;

/// <summary>
/// One row of the procedure: an action, the stages it may be taken from, where it leads, who may take
/// it, the documents that must be issued first, and the article it rests on. <see cref="To"/> equal
/// to the current stage means the action records something without moving the case.
/// </summary>
public sealed record ProcedureStep(
    CaseAction Action,
    string Name,
    IReadOnlyList<CaseStage> From,
    CaseStage? To,
    IReadOnlyList<Identity.Role> Roles,
    IReadOnlyList<Documents.DocumentType> RequiredDocuments,
    string Basis)
{
    /// <summary>The procedures the step belongs to (on-the-spot decisions only in the simple procedure).</summary>
    public IReadOnlyList<CaseProcedureKind> Procedures { get; init; } = [CaseProcedureKind.General];

    /// <summary>
    /// The step records something and leaves the case where it is (<see cref="To"/> is null because it is
    /// taken from several stages); <see cref="ProcedureRules.Check"/> returns the current stage.
    /// </summary>
    public bool RecordsOnly { get; init; }

    /// <summary>
    /// The platform may take the step by itself, from facts it witnessed: a document served electronically
    /// reached the party's system (送达, art. 61), the payment platform reported a payment (art. 67).
    /// </summary>
    public bool Automatic { get; init; }
}
