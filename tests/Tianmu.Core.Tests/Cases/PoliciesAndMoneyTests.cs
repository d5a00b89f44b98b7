using Tianmu.Cases;
using Tianmu.Cases.Procedure;
using static Tianmu.Tests.Cases.CaseFixtures;

namespace Tianmu.Tests.Cases;

/// <summary>The shipped policy versions, 加处罚款 (art. 72/73) and 追责时效 (art. 36).</summary>
public sealed class PoliciesAndMoneyTests
{
    [Fact]
    public void TwoVersionsChosenByDate()
    {
        Assert.Equal(["health-1997", "health-2025"], ProcedurePolicies.All.Select(p => p.Version));
        Assert.Equal("health-1997", ProcedurePolicies.For(D("1997-06-19")).Version);
        Assert.Equal("health-1997", ProcedurePolicies.For(D("2025-05-31")).Version);
        Assert.Equal("health-2025", ProcedurePolicies.For(D("2025-06-01")).Version);
        Assert.Equal("health-2025", ProcedurePolicies.For(D("2026-11-22")).Version);
    }

    [Fact]
    public void DateBeforeTheFirstPolicyIsRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ProcedurePolicies.For(D("1997-06-18")));
        Assert.Contains("1997-06-19", e.Message);
    }

    [Fact]
    public void SharedLimitsOfBothVersions_Art51_64_67_72_36()
    {
        Assert.All(ProcedurePolicies.All, p =>
        {
            Assert.Equal((3, PeriodUnit.WorkingDays), (p.Statement.Count, p.Statement.Unit));
            Assert.Equal((5, PeriodUnit.WorkingDays), (p.HearingRequest.Count, p.HearingRequest.Unit));
            Assert.Equal((7, PeriodUnit.WorkingDays), (p.HearingNoticeLead.Count, p.HearingNoticeLead.Unit));
            Assert.Equal((7, PeriodUnit.WorkingDays), (p.Preservation.Count, p.Preservation.Unit));
            Assert.Equal((7, PeriodUnit.WorkingDays), (p.Service.Count, p.Service.Unit));
            Assert.Equal((15, PeriodUnit.CalendarDays), (p.Payment.Count, p.Payment.Unit));
            Assert.Equal(0.03m, p.SurchargePerDay);
            Assert.Equal((200m, 3000m), (p.SimpleFineLimitIndividual, p.SimpleFineLimitOrganisation));
            Assert.Equal((2, 5), (p.LimitationYears, p.LimitationYearsHealthHarm));
            Assert.Contains("verify", p.HearingThresholdBasis);
            Assert.Equal(["party_terminated", "force_majeure", "law_interpretation", "pending_other_case"], p.SuspensionGrounds.Select(g => g.Code));
            Assert.Contains(p.RefusedGrounds, g => g.Text == "工作任务繁重");
            Assert.All(p.ExtensionGrounds.Concat(p.SuspensionGrounds).Concat(p.RefusedGrounds), g => Assert.False(string.IsNullOrWhiteSpace(g.Basis)));
            Assert.All(new[] { p.Filing, p.Decision, p.Service, p.Statement, p.HearingRequest, p.HearingNoticeLead, p.Preservation, p.Payment },
                period => Assert.Contains("第", period.Basis));
        });
        Assert.Equal((7, PeriodUnit.CalendarDays), (Rules1997.Filing.Count, Rules1997.Filing.Unit));
        Assert.Equal((15, PeriodUnit.WorkingDays), (Rules2025.Filing.Count, Rules2025.Filing.Unit));
        Assert.Equal((2_000m, 20_000m), (Rules1997.HearingFineThresholdIndividual, Rules1997.HearingFineThresholdOrganisation));
        Assert.Equal((10_000m, 100_000m), (Rules2025.HearingFineThresholdIndividual, Rules2025.HearingFineThresholdOrganisation));
        Assert.Equal(30, Assert.Single(Rules2025.ExtensionGrounds).Longest?.Count);
    }

    [Theory]
    // Art. 72: 3 % of the fine per day after the due day, up to and including the day paid; never more than the fine.
    [InlineData(1000, "2026-10-08", "2026-10-08", 0)]
    [InlineData(1000, "2026-10-08", "2026-10-07", 0)]
    [InlineData(1000, "2026-10-08", "2026-10-09", 30)]
    [InlineData(1000, "2026-10-08", "2026-10-18", 300)]
    [InlineData(1000, "2026-10-08", "2026-11-10", 990)] // 33 days = 99 %
    [InlineData(1000, "2026-10-08", "2026-11-11", 1000)] // 34 days would be 102 %: capped at the fine
    [InlineData(1000, "2026-10-08", "2027-03-01", 1000)]
    [InlineData(333.33, "2026-10-08", "2026-10-09", 10.00)] // 9.9999 rounded to the fen
    [InlineData(55.55, "2026-10-08", "2026-10-10", 3.33)] // 3.333 → 3.33
    public void Surcharge_Art72(double fine, string due, string paid, double expected) =>
        Assert.Equal((decimal)expected, LateFees.Surcharge(Rules2025, (decimal)fine, D(due), D(paid)));

    [Theory]
    // Art. 36: two years; five where life or health safety was harmed; counted from the end of the violation.
    [InlineData("2024-03-10", false, "2026-03-10")]
    [InlineData("2024-03-10", true, "2029-03-10")]
    [InlineData("2024-02-29", false, "2026-02-28")]
    public void LimitationLastDay_Art36(string ended, bool harm, string lastDay) =>
        Assert.Equal(D(lastDay), LimitationPeriod.LastDay(Rules2025, D(ended), harm));

    [Fact]
    public void LimitationExpiresTheDayAfterTheLastDay_Art36()
    {
        Assert.False(LimitationPeriod.Expired(Rules2025, D("2024-03-10"), false, D("2026-03-10")));
        Assert.True(LimitationPeriod.Expired(Rules2025, D("2024-03-10"), false, D("2026-03-11")));
        Assert.False(LimitationPeriod.Expired(Rules2025, D("2024-03-10"), true, D("2026-03-11")));
    }
}
