using Tianmu.Warnings.Rules;
using static Tianmu.Tests.Warnings.Series;

namespace Tianmu.Tests.Warnings;

/// <summary>
/// AI event counts on the medical-waste pack: the store found unattended twice within an hour
/// (《医疗卫生机构医疗废物管理办法》第二十一条).
/// </summary>
public sealed class AiEventCountRuleTests
{
    private static readonly RuleDefinition Unattended = RulePacks.Find("medical-waste/video-ai")!.Rules.Single(r => r.Code == "MED-WASTE-UNATTENDED");

    private static List<Sample> Events(params double[] minutes) => [.. minutes.Select(m => new Sample(At(m), 1, true, $"ai_event:{m}"))];

    [Fact]
    public void TheSecondEventWithinTheHourRaisesAndTheEvidenceNamesTheEvents()
    {
        var episode = Assert.Single(RuleEvaluator.EvaluateEvents(Unattended, Events(10, 55), At(60)));

        Assert.Equal((At(10), At(55), null), (episode.Start, episode.RaisedAt, episode.End));
        Assert.Equal(["ai_event:10", "ai_event:55"], episode.Evidence.Select(s => s.Source));
        Assert.Equal("1 小时内识别到“医疗废物暂存处无人值守” 2 次", episode.Summary);
    }

    [Fact]
    public void EventsAnHourOrMoreApartNeverMakeACount()
    {
        Assert.Empty(RuleEvaluator.EvaluateEvents(Unattended, Events(0, 60, 120), At(180)));
    }

    [Fact]
    public void TheEpisodeEndsOnceTheWindowNoLongerHoldsTheCount()
    {
        var episode = Assert.Single(RuleEvaluator.EvaluateEvents(Unattended, Events(0, 30), At(200)));

        Assert.Equal(At(60), episode.End); // the first event leaves the hour's window at 0 + 60, leaving one
    }

    [Fact]
    public void EventsNotUsableAsEvidenceNeverRaiseAViolation()
    {
        List<Sample> unusable = [.. Events(10, 20, 30).Select(s => s with { Usable = false })];

        Assert.Empty(RuleEvaluator.EvaluateEvents(Unattended, unusable, At(60)));
    }

    [Fact]
    public void OnlyEventCountRulesAreEvaluatedOverEvents()
    {
        Assert.Throws<NotSupportedException>(() => RuleEvaluator.EvaluateEvents(PoolChlorine(), Events(1, 2), At(3)));
        Assert.Throws<NotSupportedException>(() => RuleEvaluator.Evaluate(Unattended, Events(1, 2), At(3)));
    }

    [Fact]
    public void APackCountingAnEventTypeThatIsNotAFindingIsRefused()
    {
        var patrol = Unattended with { EventType = "patrol" };
        var unknown = Unattended with { EventType = "dancing" };

        Assert.Contains(RulePacks.Problems(patrol), p => p.Contains("not a recognised finding"));
        Assert.Contains(RulePacks.Problems(unknown), p => p.Contains("not a recognised finding"));
        Assert.Empty(RulePacks.Problems(Unattended));
    }
}
