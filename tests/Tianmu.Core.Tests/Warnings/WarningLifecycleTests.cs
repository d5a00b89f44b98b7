using Tianmu.Warnings;

namespace Tianmu.Tests.Warnings;

/// <summary>The warning state machine (BRIEF capability 6; S3 / 行政处罚法 art. 33 for rectification instead of penalty).</summary>
public sealed class WarningLifecycleTests
{
    [Fact]
    public void AWarningIsSignedForCheckedAndThenClosedOneOfThreeWays()
    {
        Assert.Equal(WarningStatus.SignedFor, WarningLifecycle.Next(WarningStatus.New, WarningAction.SignFor));
        Assert.Equal(WarningStatus.Checking, WarningLifecycle.Next(WarningStatus.SignedFor, WarningAction.StartChecking));
        Assert.Equal(WarningStatus.FalseAlarm, WarningLifecycle.Next(WarningStatus.Checking, WarningAction.DismissAsFalseAlarm));
        Assert.Equal(WarningStatus.RectificationOrdered, WarningLifecycle.Next(WarningStatus.Checking, WarningAction.OrderRectification));
        Assert.Equal(WarningStatus.TurnedIntoClue, WarningLifecycle.Next(WarningStatus.Checking, WarningAction.TurnIntoClue));
        Assert.Equal(WarningStatus.Rectified, WarningLifecycle.Next(WarningStatus.RectificationOrdered, WarningAction.ConfirmRectified));

        // A rectification not completed may still be handed on as a clue.
        Assert.Equal(WarningStatus.TurnedIntoClue, WarningLifecycle.Next(WarningStatus.RectificationOrdered, WarningAction.TurnIntoClue));
    }

    [Fact]
    public void StepsCannotBeSkippedAndClosedWarningsStayClosed()
    {
        Assert.Null(WarningLifecycle.Next(WarningStatus.New, WarningAction.OrderRectification));
        Assert.Equal("请先签收该预警。", WarningLifecycle.Refusal(WarningStatus.New, WarningAction.OrderRectification));
        Assert.Null(WarningLifecycle.Next(WarningStatus.SignedFor, WarningAction.DismissAsFalseAlarm));
        Assert.Equal("请先开始核查。", WarningLifecycle.Refusal(WarningStatus.SignedFor, WarningAction.DismissAsFalseAlarm));
        foreach (var closed in new[] { WarningStatus.FalseAlarm, WarningStatus.Rectified, WarningStatus.TurnedIntoClue })
        {
            Assert.True(closed.IsClosed());
            Assert.Empty(WarningLifecycle.Allowed(closed));
            Assert.Contains("不能再处理", WarningLifecycle.Refusal(closed, WarningAction.SignFor));
        }
    }

    [Fact]
    public void SeriousWarningsMustBeSignedForSooner()
    {
        Assert.True(ResponseLimits.SignForWithin(Tianmu.Warnings.Rules.Severity.High) < ResponseLimits.SignForWithin(Tianmu.Warnings.Rules.Severity.Medium));
        Assert.True(ResponseLimits.SignForWithin(Tianmu.Warnings.Rules.Severity.Medium) < ResponseLimits.SignForWithin(Tianmu.Warnings.Rules.Severity.Low));
    }
}
