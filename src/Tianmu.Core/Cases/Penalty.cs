namespace Tianmu.Cases;

/// <summary>
/// A penalty as proposed or decided. <see cref="Fine"/> and <see cref="Confiscation"/> are in 元.
/// <see cref="Severe"/> covers 暂停/吊销许可证、责令停产停业、限制从业 and similar measures that give
/// the party a right to a hearing whatever the amount (art. 63).
/// </summary>
public sealed record Penalty(bool Warning, decimal Fine, decimal Confiscation = 0m, string? Severe = null)
{
    public static readonly Penalty None = new(false, 0m);

    /// <summary>True when <paramref name="other"/> is in no respect heavier than this one (art. 45: defence never raises a penalty).</summary>
    public bool AtLeastAsHeavyAs(Penalty other) =>
        Fine >= other.Fine && Confiscation >= other.Confiscation && (Warning || !other.Warning) && (Severe is not null || other.Severe is null);
}
