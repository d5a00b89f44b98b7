namespace Tianmu.Bench;

/// <summary>What one protocol's load achieved, committing <see cref="BatchSize"/> readings per transaction: readings acknowledged (each committed before its acknowledgement) over the time taken.</summary>
public sealed record IngestLoad(string Name, int BatchSize, long Acknowledged, double Seconds, long PeakMemory, string? Note)
{
    public double Rate => Acknowledged / Seconds;
}
