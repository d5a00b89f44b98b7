using Tianmu.Cases;
using Tianmu.Common;
using Tianmu.Documents;
using Tianmu.Service;
using static Tianmu.Tests.Cases.CaseFixtures;

namespace Tianmu.Tests.Service;

/// <summary>The service date of each method and the evidence it needs (民事诉讼法 (2023) 第八十七条至第九十五条; 行政处罚法第六十一条).</summary>
public sealed class ServiceRulesTests
{
    private static readonly DateOnly Today = D("2026-11-20");

    private static Result<ServiceDate> DateOf(ServiceMethod method, ServiceFacts facts) => ServiceRules.DateOf(method, facts, Today, Shipped);

    private static string[] Fields(Result<ServiceDate> result) => [.. result.Error!.Fields!.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void ElectronicServiceIsServedTheDayTheMessageReachesThePartysSystemInChinaTime()
    {
        // 民事诉讼法第九十条第二款: the date it reaches the recipient's system; 23:30 UTC is already the next day in China.
        var reached = new DateTimeOffset(2026, 11, 18, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal(new ServiceDate(D("2026-11-19"), false), DateOf(ServiceMethod.Electronic, new ServiceFacts { ReachedSystemAt = reached }).Value);
        Assert.Equal(["reachedSystemAt"], Fields(DateOf(ServiceMethod.Electronic, new ServiceFacts())));
    }

    [Fact]
    public void DirectServiceIsServedOnTheDateSignedOnTheReceipt()
    {
        // 第八十七条: 受送达人在送达回证上的签收日期为送达日期; 第八十八条: the person who signs is named.
        Assert.Equal(D("2026-11-17"), DateOf(ServiceMethod.Direct, new ServiceFacts { Recipient = "王明（负责人）", SignedOn = D("2026-11-17") }).Value!.On);
        Assert.Equal(["recipient", "signedOn"], Fields(DateOf(ServiceMethod.Direct, new ServiceFacts())));
    }

    [Fact]
    public void PostalServiceIsServedOnTheDateOnThePostalReceiptAndNeedsTheTrackingNumber()
    {
        // 第九十一条: 以回执上注明的收件日期为送达日期.
        var facts = new ServiceFacts { TrackingNumber = "1187654321098", SignedOn = D("2026-11-19") };
        Assert.Equal(new ServiceDate(D("2026-11-19"), false), DateOf(ServiceMethod.Postal, facts).Value);
        Assert.Equal(["signedOn", "trackingNumber"], Fields(DateOf(ServiceMethod.Postal, new ServiceFacts())));
    }

    [Fact]
    public void LeavingAtThePremisesNeedsThePhotoOrVideoAndIsServedTheDayItWasLeft()
    {
        // 第八十九条: 把诉讼文书留在受送达人的住所，并采用拍照、录像等方式记录送达过程，即视为送达.
        var facts = new ServiceFacts { LeftOn = D("2026-11-16"), RefusalReason = "负责人拒绝签收", VisualRecord = true };
        Assert.Equal(D("2026-11-16"), DateOf(ServiceMethod.LeftAtPremises, facts).Value!.On);
        var unrecorded = DateOf(ServiceMethod.LeftAtPremises, facts with { VisualRecord = false });
        Assert.Equal(["evidence"], Fields(unrecorded));
        Assert.Contains("第八十九条", unrecorded.Error!.Fields!["evidence"][0]);
    }

    [Fact]
    public void EntrustedServiceIsServedOnTheDateSignedForTheAgencyThatServedIt()
    {
        // 第九十一条 (委托其他机关代为送达), 第九十四条: the date signed on the receipt.
        var facts = new ServiceFacts { EntrustedAgency = "青岛市崂山区卫生健康局", Recipient = "李华", SignedOn = D("2026-11-12") };
        Assert.Equal(D("2026-11-12"), DateOf(ServiceMethod.Entrusted, facts).Value!.On);
        Assert.Equal(["entrustedAgency"], Fields(DateOf(ServiceMethod.Entrusted, facts with { EntrustedAgency = " " })));
    }

    [Fact]
    public void APublicNoticeIsDeemedServedThirtyDaysAfterPublication()
    {
        // 第九十五条 (2023): 自发出公告之日起，经过三十日，即视为送达; the start day is not counted (第八十五条).
        var facts = new ServiceFacts { PublishedOn = D("2026-11-02"), PublishedWhere = "济南市历下区卫生健康局门户网站", Reason = "直接送达、邮寄送达均被退回，当事人下落不明。" };
        Assert.Equal(new ServiceDate(D("2026-12-02"), true), DateOf(ServiceMethod.PublicNotice, facts).Value);
        Assert.Equal(["publishedOn", "publishedWhere", "reason"], Fields(DateOf(ServiceMethod.PublicNotice, new ServiceFacts())));
    }

    [Fact]
    public void ADeemedDateOnARestDayRunsToTheNextWorkingDay()
    {
        // 2026-09-01 + 30 = 2026-10-01, 国庆节: the period ends on the first working day after the holiday (第八十五条第三款).
        Assert.Equal(D("2026-10-08"), ServiceRules.DeemedServedOn(D("2026-09-01"), Shipped));
    }

    [Fact]
    public void ADeemedDateInAYearWithoutACalendarIsNotGuessed()
    {
        var lastYear = Shipped.Years.Max(); // 30 days after its 20 December fall in a year not loaded
        var facts = new ServiceFacts { PublishedOn = new DateOnly(lastYear, 12, 20), PublishedWhere = "公告栏", Reason = "无法送达" };
        var result = ServiceRules.DateOf(ServiceMethod.PublicNotice, facts, new DateOnly(lastYear, 12, 21), Shipped);
        Assert.Equal("service.calendar_missing", result.Error!.Code);
    }

    [Fact]
    public void AServiceDateAfterTodayIsRefused()
    {
        Assert.Equal(["signedOn"], Fields(DateOf(ServiceMethod.Direct, new ServiceFacts { Recipient = "王明", SignedOn = Today.AddDays(1) })));
        Assert.Equal(["publishedOn"], Fields(DateOf(ServiceMethod.PublicNotice, new ServiceFacts { PublishedOn = Today.AddDays(1), PublishedWhere = "网站", Reason = "下落不明" })));
    }

    [Fact]
    public void EveryMethodCitesItsArticleAndOnlyTheUsualMethodsAreThePartysToChoose()
    {
        Assert.All(ServiceMethods.List, m => Assert.Contains("民事诉讼法", m.Basis));
        Assert.Contains("第六十一条", ServiceMethods.Of(ServiceMethod.Electronic).Basis);
        Assert.Equal([ServiceMethod.Electronic, ServiceMethod.Direct, ServiceMethod.Postal], ServiceMethods.List.Where(m => m.PartyMayChoose).Select(m => m.Method));
        Assert.True(ServiceMethods.TryParse("postal", out var postal) && postal == ServiceMethod.Postal);
        Assert.False(ServiceMethods.TryParse("1", out _));
    }

    [Fact]
    public void ServingTheNoticeOrADecisionTakesItsCaseStepRecordsAreNotServed()
    {
        Assert.Equal((CaseAction.ServePriorNotice, CaseStage.Approved), ServedDocuments.StepOf(DocumentType.PriorNotice));
        Assert.Equal((CaseAction.RecordService, CaseStage.Decided), ServedDocuments.StepOf(DocumentType.PenaltyDecision));
        Assert.Equal((CaseAction.RecordService, CaseStage.Decided), ServedDocuments.StepOf(DocumentType.NoPenaltyDecision));
        Assert.Equal(((CaseAction?)null, (CaseStage?)null), ServedDocuments.StepOf(DocumentType.HearingNotice));
        Assert.True(ServedDocuments.IsServed(DocumentType.Demand));
        Assert.False(ServedDocuments.IsServed(DocumentType.InquiryRecord));
        Assert.False(ServedDocuments.IsServed(DocumentType.ServiceReceipt));
    }
}
