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
    string Basis);
