using System.Text;
using System.Text.RegularExpressions;
using Tianmu.Calendar;
using Tianmu.Cases.Procedure;
using Tianmu.Documents;

namespace Tianmu.Service;

/// <summary>
/// Publishing penalty decisions (行政处罚法第四十八条): what is published, with a natural person's personal data masked
/// (个人信息保护法第二十八条: identity numbers and phone numbers are sensitive; the name is shortened to its surname),
/// and the withdrawal deadline: three days — working days (第八十五条) — after the decision is changed or revoked.
/// </summary>
public static partial class PublicationRules
{
    public static readonly Period WithdrawalPeriod = new(3, PeriodUnit.WorkingDays,
        "《中华人民共和国行政处罚法》第四十八条第二款：公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，应当在三日内撤回并公开说明理由（第八十五条：工作日）");

    public static DateOnly WithdrawBy(DateOnly changedOn, WorkingCalendar calendar) => CaseDeadlines.Add(calendar, changedOn, WithdrawalPeriod);

    public static string ToChinese(this DecisionChange change) => change switch
    {
        DecisionChange.Changed => "依法变更",
        DecisionChange.Revoked => "依法撤销",
        DecisionChange.DeclaredIllegal => "确认违法",
        _ => "确认无效",
    };

    /// <summary>张三丰 → 张**; an organisation keeps its name.</summary>
    public static string Party(string name, bool naturalPerson) =>
        !naturalPerson || name.Length == 0 ? name : name[..1] + new string('*', Math.Max(1, name.Length - 1));

    /// <summary>The public text of a decision from its document's fields, masked for a natural person.</summary>
    public static string Content(IReadOnlyDictionary<string, string> fields, string partyName, bool naturalPerson)
    {
        var text = new StringBuilder();
        foreach (var (key, label) in new[] { (DocumentFields.Facts, "违法事实"), (DocumentFields.Basis, "处罚依据"), (DocumentFields.Penalty, "处罚内容") })
        {
            if (fields.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                text.Append(label).Append('：').Append(value.Trim()).Append('\n');
            }
        }

        return Mask(text.ToString().TrimEnd('\n'), partyName, naturalPerson);
    }

    /// <summary>
    /// Masks identity numbers and mobile numbers always (they may name an employee in an organisation's decision too),
    /// and the party's name when it is a natural person.
    /// </summary>
    public static string Mask(string text, string partyName, bool naturalPerson)
    {
        var masked = IdNumber().Replace(text, m => m.Value[..6] + new string('*', 8) + m.Value[^4..]);
        masked = Mobile().Replace(masked, m => m.Value[..3] + "****" + m.Value[^4..]);
        return naturalPerson && partyName.Length > 0 ? masked.Replace(partyName, Party(partyName, true), StringComparison.Ordinal) : masked;
    }

    [GeneratedRegex(@"(?<!\d)\d{17}[\dXx](?!\d)")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    private static partial Regex Mobile();
}
