using System.Text.Json;
using System.Text.Json.Serialization;
using Tianmu.Devices;
using Tianmu.Warnings.Rules;

namespace Tianmu.Credit.Scoring;

/// <summary>
/// S10, Z4 — devices installed and actually reporting: each device's uptime over the last
/// <see cref="WindowDays"/> (time not covered by offline warnings); a device below <see cref="TargetUptime"/>
/// loses up to <see cref="LowUptimePoints"/> in proportion to the shortfall; an entity with a device at target
/// earns <see cref="ReportingBonus"/> (it offsets deductions, never lifts the score above the base).
/// </summary>
public sealed record DeviceParameters(int WindowDays, double TargetUptime, double LowUptimePoints, double ReportingBonus);

/// <summary>S13/Z15 — self-reports: each overdue period and each late submission, decayed by age.</summary>
public sealed record SelfReportParameters(int HorizonDays, double HalfLifeDays, double OverduePoints, double ReportedLateFactor, double LatePoints);

/// <summary>
/// Warnings of <see cref="Categories"/> by severity, decayed by age, weighted by how they were handled:
/// false alarms do not count; rectified within <see cref="RectifiedFastDays"/> of being raised, or later; still
/// open; or past the rectification deadline.
/// </summary>
public sealed record WarningParameters(
    IReadOnlyList<string> Categories, IReadOnlyDictionary<string, double> SeverityPoints, int HorizonDays, double HalfLifeDays,
    int RectifiedFastDays, double RectifiedFastFactor, double RectifiedFactor, double OpenFactor, double OverdueFactor);

/// <summary>Decided cases by outcome and penalty (art. 57), decayed from the decision day.</summary>
public sealed record CaseParameters(
    int HorizonDays, double HalfLifeDays, double NoPenaltyPoints, double WarningPoints, double FinePoints, decimal LargeFine,
    double LargeFinePoints, double SeverePoints, double TransferPoints);

/// <summary>S6/Z23 — incidents the entity is liable for (damage, moving…), by kind, times a factor for the liability.</summary>
public sealed record IncidentParameters(int HorizonDays, double HalfLifeDays, IReadOnlyDictionary<string, double> KindPoints, IReadOnlyDictionary<string, double> LiabilityFactor);

/// <summary>
/// S20/Z24 — false or concealed information and tampering, each fact <see cref="Points"/> and key supervision:
/// warnings whose rule cites one of <see cref="ClauseMarkers"/> (self-report cross-check, flat-line "suspected
/// tampering") once an officer confirmed them (ordered rectification, found rectified or turned into a clue —
/// not dismissed as a false alarm); incidents of <see cref="IncidentKinds"/> with the entity liable (removing,
/// obstructing or blurring a device alters it and its images); decided cases whose cause (案由) names one of
/// <see cref="CaseTerms"/> or that came from such a warning.
/// </summary>
public sealed record FalseInformationParameters(
    int HorizonDays, double HalfLifeDays, double Points, IReadOnlyList<string> ClauseMarkers, IReadOnlyList<string> IncidentKinds, IReadOnlyList<string> CaseTerms);

/// <summary>量化分级 — the latest public-place hygiene grading within <see cref="HorizonDays"/>: points by its level (A/B/C/D).</summary>
public sealed record HygieneParameters(int HorizonDays, IReadOnlyDictionary<string, double> LevelPoints);

/// <summary>
/// S10, Z4 — self-monitored (落实自我监督主体责任): a device in use at the day with uptime of at least
/// <see cref="MinUptime"/> over the devices' window, and at most <see cref="MaxOverdue"/> overdue or late
/// self-reports in the last <see cref="WindowDays"/>, and no unrepaired S20/Z24 fact.
/// </summary>
public sealed record SelfMonitoringParameters(int WindowDays, double MinUptime, int MaxOverdue);

/// <summary>A model's factor parameters, read once from <see cref="CreditModel.Factors"/> and checked.</summary>
public sealed record ScoringModel(
    CreditModel Model, DeviceParameters Devices, SelfReportParameters SelfReports, WarningParameters Warnings, CaseParameters Cases,
    IncidentParameters Incidents, FalseInformationParameters FalseInformation, HygieneParameters Hygiene, SelfMonitoringParameters SelfMonitoring)
{
    public const string DevicesFactor = "devices";
    public const string SelfReportsFactor = "selfReports";
    public const string WarningsFactor = "warnings";
    public const string CasesFactor = "cases";
    public const string IncidentsFactor = "incidents";
    public const string FalseInformationFactor = "falseInformation";
    public const string HygieneFactor = "hygiene";
    public const string SelfMonitoringFactor = "selfMonitoring";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly Lazy<ScoringModel> DefaultModel = new(() => From(CreditModels.Default));

    public static ScoringModel Default => DefaultModel.Value;

    /// <summary>The model's parameters; <see cref="InvalidDataException"/> (Chinese message) naming every problem found.</summary>
    public static ScoringModel From(CreditModel model)
    {
        var problems = new List<string>();
        var scoring = new ScoringModel(
            model,
            Read<DeviceParameters>(model, DevicesFactor, problems),
            Read<SelfReportParameters>(model, SelfReportsFactor, problems),
            Read<WarningParameters>(model, WarningsFactor, problems),
            Read<CaseParameters>(model, CasesFactor, problems),
            Read<IncidentParameters>(model, IncidentsFactor, problems),
            Read<FalseInformationParameters>(model, FalseInformationFactor, problems),
            Read<HygieneParameters>(model, HygieneFactor, problems),
            Read<SelfMonitoringParameters>(model, SelfMonitoringFactor, problems));
        if (problems.Count == 0)
        {
            problems.AddRange(scoring.Problems());
        }

        return problems.Count == 0 ? scoring : throw new InvalidDataException(string.Join("；", problems));
    }

    private IEnumerable<string> Problems()
    {
        if (Model.Grades.Count == 0)
        {
            yield return "模型至少须有一个等级";
        }

        if (Model.Grades.Zip(Model.Grades.Skip(1)).Any(p => p.First.MinScore <= p.Second.MinScore))
        {
            yield return "等级须按最低分从高到低排列";
        }

        if (Devices.WindowDays <= 0 || SelfMonitoring.WindowDays <= 0 || Devices.TargetUptime is <= 0 or > 1 || SelfMonitoring.MinUptime is <= 0 or > 1)
        {
            yield return "设备统计期须为正数，在线率须在 0 到 1 之间";
        }

        if (new[] { SelfReports.HorizonDays, Warnings.HorizonDays, Cases.HorizonDays, Incidents.HorizonDays, FalseInformation.HorizonDays, Hygiene.HorizonDays }.Any(d => d <= 0))
        {
            yield return "各因素的计算期限须为正数";
        }

        if (new[] { SelfReports.HalfLifeDays, Warnings.HalfLifeDays, Cases.HalfLifeDays, Incidents.HalfLifeDays, FalseInformation.HalfLifeDays }.Any(d => d < 0))
        {
            yield return "半衰期不能为负数";
        }

        foreach (var category in Warnings.Categories.Where(c => !Enum.TryParse<WarningCategory>(c, out _)))
        {
            yield return $"未知的预警类别“{category}”";
        }

        foreach (var severity in Enum.GetNames<Severity>().Where(s => !Warnings.SeverityPoints.ContainsKey(s)))
        {
            yield return $"未设置{severity}级预警的扣分";
        }

        foreach (var kind in Incidents.KindPoints.Keys.Concat(FalseInformation.IncidentKinds).Where(k => !Enum.TryParse<IncidentKind>(k, out _)))
        {
            yield return $"未知的设备事件类型“{kind}”";
        }

        foreach (var level in new[] { "A", "B", "C", "D" }.Where(l => !Hygiene.LevelPoints.ContainsKey(l)))
        {
            yield return $"未设置量化分级 {level} 级的分值";
        }

        if (FalseInformation.ClauseMarkers.Count == 0)
        {
            yield return "须列明虚假信息、擅自改动设备所依据的条款标记（如 S20、Z24）";
        }
    }

    private static T Read<T>(CreditModel model, string factor, List<string> problems)
        where T : class
    {
        if (!model.Factors.TryGetValue(factor, out var element))
        {
            problems.Add($"缺少因素“{factor}”的参数");
            return null!;
        }

        try
        {
            return element.Deserialize<T>(Json) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            problems.Add($"因素“{factor}”的参数有误：{e.Message}");
            return null!;
        }
    }
}
