using Tianmu.Cases;
using static Tianmu.Tests.Cases.CaseFixtures;

namespace Tianmu.Tests.Cases;

/// <summary>
/// 行政处罚法第七十三条第三款：当事人申请行政复议或者提起行政诉讼的，加处罚款的数额在行政复议或者行政诉讼期间不予计算.
/// A fine of 1 000 元 due 2026-10-08 costs 30 元 per day late (art. 72); days inside a period cost nothing.
/// </summary>
public sealed class RemedyPeriodTests
{
    private static readonly DateOnly Due = D("2026-10-08");

    private static decimal Surcharge(string paid, params RemedyPeriod[] periods) => LateFees.Surcharge(Rules2025, 1000m, Due, D(paid), periods);

    private static RemedyPeriod Period(string from, string? to) => new(D(from), to is null ? null : D(to));

    [Fact]
    public void DaysBeforeThePeriodCount_Art73()
    {
        // Late from 10-09; review applied for on 10-12: 10-09, 10-10, 10-11 count; paid on 10-12 inside the period.
        Assert.Equal(90m, Surcharge("2026-10-12", Period("2026-10-12", "2026-10-20")));
    }

    [Fact]
    public void DaysDuringThePeriodDoNotCount_Art73()
    {
        // Paying on any day of the period costs what the days before it cost.
        Assert.Equal(Surcharge("2026-10-12", Period("2026-10-12", "2026-10-20")), Surcharge("2026-10-20", Period("2026-10-12", "2026-10-20")));
        Assert.Equal(90m, Surcharge("2026-10-16", Period("2026-10-12", "2026-10-20")));
    }

    [Fact]
    public void DaysAfterThePeriodCountAgain_Art73()
    {
        // 10-09..10-11 (3 days) + 10-21..10-25 (5 days) = 8 days; the decision day 10-20 is inside the period.
        Assert.Equal(240m, Surcharge("2026-10-25", Period("2026-10-12", "2026-10-20")));
        Assert.Equal(510m, Surcharge("2026-10-25")); // 17 days without the review
    }

    [Fact]
    public void AnOpenPeriodRunsToTheDayOfPayment_Art73()
    {
        Assert.Equal(90m, Surcharge("2026-12-31", Period("2026-10-12", null)));
    }

    [Fact]
    public void TwoPeriodsBothExcluded_Art73()
    {
        // Review 10-12..10-20, then suit 10-23..11-02: counted 10-09..10-11, 10-21, 10-22, 11-03..11-05 = 8 days.
        Assert.Equal(240m, Surcharge("2026-11-05", Period("2026-10-12", "2026-10-20"), Period("2026-10-23", "2026-11-02")));
    }

    [Fact]
    public void PeriodEndingInsideThePaymentWindowExcludesNothingLater_Art73()
    {
        // Review applied for and decided within the 15 days to pay: the surcharge counts as if there had been none.
        Assert.Equal(90m, Surcharge("2026-10-11", Period("2026-09-25", "2026-10-05")));
        Assert.Equal(0m, Surcharge("2026-10-08", Period("2026-09-25", null)));
    }

    [Fact]
    public void PeriodOverlappingTheDueDayExcludesOnlyLateDaysInIt_Art73()
    {
        // Applied before the due day, decided on 10-10: 10-09 and 10-10 excluded; 10-11..10-13 count.
        Assert.Equal(90m, Surcharge("2026-10-13", Period("2026-10-01", "2026-10-10")));
    }

    [Fact]
    public void CapOfArt72StillApplies_Art72_73()
    {
        // 5 days excluded, 40 days counted: 120 % capped at the fine.
        Assert.Equal(1000m, Surcharge("2026-11-22", Period("2026-10-12", "2026-10-16")));
        Assert.Equal(40, LateFees.LateDays(Due, D("2026-11-22"), [Period("2026-10-12", "2026-10-16")]));
    }

    [Fact]
    public void OverlappingPeriodsExcludeADayOnce_Art73()
    {
        Assert.Equal(Surcharge("2026-10-25", Period("2026-10-12", "2026-10-20")),
            Surcharge("2026-10-25", Period("2026-10-12", "2026-10-18"), Period("2026-10-15", "2026-10-20")));
    }
}
