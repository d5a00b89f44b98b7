using Microsoft.EntityFrameworkCore;
using Tianmu.Credit;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Credit;

/// <summary>Grades written straight into credit_grades, as the scoring run would store them (the scorer is built apart).</summary>
public static class TestCredit
{
    /// <summary>
    /// A grade of <paramref name="entityName"/> as of <paramref name="asOf"/> under the shipped model: the band and risk follow
    /// the score as <see cref="CreditModels.Default"/> says; <paramref name="contributions"/> are the explanation.
    /// </summary>
    public static async Task<Guid> GradeAsync(TianmuApp app, string entityName, DateOnly asOf, double score, params CreditContribution[] contributions)
    {
        var model = CreditModels.Default;
        var band = model.BandFor(score);
        await using var db = app.Db();
        var entity = await db.Entities.SingleAsync(e => e.Name == entityName);
        var grade = new CreditGrade(
            Guid.CreateVersion7(), entity.Id, entity.AgencyId, entity.AgencyPath, asOf, DateTimeOffset.UtcNow, model.Code, model.Version, score, band.Label, band.Rank, band.Risk,
            band.KeySupervision, false, CreditJson.Write(contributions));
        db.CreditGrades.Add(grade);
        await db.SaveChangesAsync();
        return grade.Id;
    }

    /// <summary>A warnings contribution naming one warning that cost <paramref name="points"/>.</summary>
    public static CreditContribution Warning(Guid warning, double points, string label = "游泳池水浑浊度超标", DateOnly? on = null) =>
        new("warnings", "预警及整改", points, [new CreditFact(CreditFactKinds.Warning, warning, on ?? Today, label, points)]);

    public static CreditContribution Case(Guid id, double points) =>
        new("cases", "行政处罚", points, [new CreditFact(CreditFactKinds.Case, id, Today, "未按规定对游泳池水进行消毒", points)]);

    public static CreditContribution Device(Guid device, double points) =>
        new("devices", "非现场监管设备", points, [new CreditFact(CreditFactKinds.Device, device, Today, "余氯在线监测仪在线", points)]);

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
}
