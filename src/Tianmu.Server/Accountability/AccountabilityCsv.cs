using System.Globalization;
using Tianmu.Common;

namespace Tianmu.Server.Accountability;

/// <summary>The dashboard and the report as CSV with Chinese headers, one row per deadline / per duty period.</summary>
public static class AccountabilityCsv
{
    public static string Deadlines(DeadlineBoardView b) => Csv.Write(
    [
        ["案由", "当事人", "所属机构", "阶段", "期限", "到期日", "剩余天数（负数为逾期）", "当事人期限", "责任人", "依据", "说明"],
        .. b.Items.Concat(b.Undated).Select(r => new[]
        {
            r.CaseTitle, r.EntityName, r.AgencyName, r.StageName, r.Name, r.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            r.DaysLeft?.ToString(CultureInfo.InvariantCulture) ?? "", r.PartyWindow ? "是" : "否", string.Join("、", r.Responsible.Select(p => p.Name)), r.Basis, r.Problem ?? "",
        }),
    ]);

    public static string Report(AccountabilityView a) => Csv.Write(
    [
        ["类别", "编号", "事项", "当事人", "所属机构", "结论", "环节", "可履职人员", "起算时间", "时限", "履职时间", "履职人", "履职情况", "依据"],
        .. a.Items.SelectMany(i => i.Periods.Select(p => new[]
        {
            i.KindName, i.Id.ToString(), i.Title, i.EntityName, i.AgencyName, i.VerdictName, p.Step, string.Join("、", p.People.Select(x => x.Name)),
            ChinaTime.Format(p.From), p.By is { } by ? ChinaTime.Format(by) : p.Problem ?? "无法定时限", p.ActedAt is { } at ? ChinaTime.Format(at) : "", p.ActedBy ?? "", p.StateName, p.Basis,
        })),
    ]);
}
