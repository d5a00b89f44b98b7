namespace Tianmu.Documents;

/// <summary>
/// The shared vocabulary of template fields. The case desk pre-fills these from the case; templates use
/// them as <c>{{key}}</c>; a type may add its own keys (see <c>DocumentTypes.Fields</c>).
/// </summary>
public static class DocumentFields
{
    public const string AgencyName = "agency.name";
    public const string PartyName = "party.name";
    public const string PartyAddress = "party.address";
    public const string PartyCreditCode = "party.creditCode";
    public const string PartyContact = "party.contact";
    public const string CaseTitle = "case.title";
    public const string CaseSource = "case.source";
    public const string AcceptedOn = "case.acceptedOn";
    public const string FiledOn = "case.filedOn";
    public const string Officers = "officers";
    public const string Facts = "facts";
    public const string Evidence = "evidence";
    public const string Basis = "basis";
    public const string Penalty = "penalty";
    public const string DiscretionReason = "discretion";
    public const string Rights = "rights";
    public const string Payment = "payment";
    public const string Remedy = "remedy";
    public const string Opinion = "opinion";
    public const string Participants = "participants";
    public const string Conclusion = "conclusion";
    public const string HearingDate = "hearing.date";
    public const string HearingPlace = "hearing.place";
    public const string Deadline = "deadline";
    public const string ServedDocument = "served.document";
    public const string ServedMethod = "served.method";
    public const string ServedOn = "served.on";
    public const string Date = "date";
}
