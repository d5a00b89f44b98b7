using System.Globalization;
using Tianmu.Server.Cases;

namespace Tianmu.Server.Components.Shared;

/// <summary>Reads a case step's form (rendered by CaseActionFields) into the API's input.</summary>
public static class CaseActionForm
{
    public static CaseActionInput Read(string action, IFormCollection f) => new(
        action,
        Note: Text(f, "note"),
        Report: Text(f, "report"),
        Outcome: Text(f, "outcome"),
        Penalty: Penalty(f),
        DiscretionReason: Text(f, "discretionReason"),
        LegalReviewRequired: f["legalReviewRequired"] == "true",
        DiscussionRequired: f["discussionRequired"] == "true",
        ReviewPassed: f["reviewPassed"].ToString() switch { "true" => true, "false" => false, _ => null },
        Participants: Text(f, "participants"),
        Opinions: Text(f, "opinions"),
        Conclusion: Text(f, "conclusion"),
        StatementId: QueryValue.Guid(f["statementId"]),
        StatementText: Text(f, "statementText"),
        Channel: Text(f, "channel"),
        Accepted: f["accepted"] == "true",
        On: Date(f, "on"),
        HearingDate: Date(f, "hearingDate"),
        HearingPlace: Text(f, "hearingPlace"),
        ChairId: QueryValue.Guid(f["chairId"]),
        FactsClear: f["factsClear"] == "true",
        Basis: Text(f, "basis"),
        ServiceMethod: Text(f, "serviceMethod"),
        Amount: Number(f, "amount"),
        Ground: Text(f, "ground"),
        Days: int.TryParse(f["days"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) ? days : null,
        RemedyKind: Text(f, "remedyKind"),
        RemedyBody: Text(f, "remedyBody"),
        RemedyReference: Text(f, "remedyReference"));

    /// <summary>Null when the form has no penalty fields filled in (e.g. a statement review that keeps the proposal).</summary>
    private static PenaltyInput? Penalty(IFormCollection f)
    {
        var warning = f["penaltyWarning"] == "true";
        var fine = Number(f, "penaltyFine");
        var confiscation = Number(f, "penaltyConfiscation");
        var severe = Text(f, "penaltySevere");
        return !warning && fine is null && confiscation is null && severe is null ? null : new PenaltyInput(warning, fine, confiscation, severe);
    }

    private static string? Text(IFormCollection f, string key) => string.IsNullOrWhiteSpace(f[key]) ? null : f[key].ToString();

    private static DateOnly? Date(IFormCollection f, string key) => DateOnly.TryParse(f[key], CultureInfo.InvariantCulture, out var d) ? d : null;

    private static decimal? Number(IFormCollection f, string key) => decimal.TryParse(f[key], NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;
}
