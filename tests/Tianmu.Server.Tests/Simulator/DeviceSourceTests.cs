using System.Text;
using Tianmu.Ingest.Hj212;
using Tianmu.Server.Ingest;
using Tianmu.Simulator;
using Tianmu.Simulator.Devices;
using Tianmu.Simulator.Signals;

namespace Tianmu.Server.Tests.Simulator;

/// <summary>What the simulated devices put on the wire: late and out-of-order readings, and packets and signatures the server accepts.</summary>
public sealed class DeviceSourceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Records what would be sent.</summary>
    private sealed class Recorder(DeviceSignal signal, double lateShare) : DeviceSource("test", signal, lateShare, _ => { })
    {
        public List<IReadOnlyList<Timed>> Batches { get; } = [];

        protected override Task<int> SendAsync(IReadOnlyList<Timed> readings, bool history, CancellationToken ct)
        {
            Batches.Add(readings);
            return Task.FromResult(readings.Sum(r => r.Samples.Count));
        }
    }

    private static DeviceSignal Signal(params Episode[] episodes) =>
        new("dev", SiteKind.Pool, ["free_chlorine", "ph"], episodes, Start, TimeSpan.FromMinutes(90));

    [Fact]
    public async Task SomeReadingsArriveLateAndOutOfOrderAndNoneIsLost()
    {
        var device = new Recorder(Signal(), 0.2);
        var ticks = Enumerable.Range(0, 300).Select(i => Start.AddSeconds(10 * i)).ToList();
        foreach (var t in ticks)
        {
            await device.TickAsync(t, CancellationToken.None);
        }

        var arrived = device.Batches.SelectMany(b => b).Select(r => r.Time).ToList();
        Assert.Contains(device.Batches, b => b.Count > 1 && b[0].Time > b[1].Time); // a newer reading came first
        Assert.Equal(arrived.Count, arrived.Distinct().Count());
        var missing = ticks.Except(arrived).ToList();
        Assert.All(missing, t => Assert.True(t > arrived.Max())); // only the last, still held back, is missing
        Assert.InRange(device.Batches.Count(b => b.Count > 1), 20, 80);
    }

    [Fact]
    public async Task AnEpisodeOfSilenceSendsNothingLiveOrInTheBackfill()
    {
        var device = new Recorder(Signal(new Episode(EpisodeKind.Silence, null, TimeSpan.FromMinutes(-8), TimeSpan.FromMinutes(20))), 0);
        await device.BackfillAsync(Start.AddMinutes(-60), Start, CancellationToken.None);
        await device.TickAsync(Start.AddMinutes(5), CancellationToken.None);
        await device.TickAsync(Start.AddMinutes(13), CancellationToken.None);

        var history = device.Batches[0];
        Assert.Equal(52, history.Count); // 60 minutes less the 8 silent ones
        Assert.DoesNotContain(history, r => r.Time >= Start.AddMinutes(-8));
        Assert.Equal(Start.AddMinutes(13), Assert.Single(device.Batches[1]).Time);
        Assert.Equal(2 * 53, device.Sent);
    }

    [Fact]
    public void Hj212PacketsParseOnTheServerSideWithFactorCodes()
    {
        var samples = new Sample[] { new("ph", 7.42), new("free_chlorine", 0.15), new("turbidity", 0.3) };
        var data = Hj212Device.Packet("SDJNLX0201", "212212", "21", Start, samples, history: true, Start);
        var frame = Hj212Packet.Frame(data);
        var framed = new Hj212Framer().Push(frame).Single();
        Assert.True(framed.IsValid, framed.Error);

        var packet = Hj212Packet.Parse(framed.Data!, out var error)!;
        Assert.Null(error);
        Assert.Equal(("2051", "SDJNLX0201", "212212", Start), (packet.Cn, packet.Mn, packet.Pw, packet.DataTime!.Value.ToUniversalTime()));
        Assert.True(packet.WantsAcknowledgement);
        Assert.Equal(7.42, packet.Factors.Single(f => f.Code == "w01001").Number("Avg"));
        Assert.Equal(0.15, packet.Factors.Single(f => f.Code == "free_chlorine").Number("Avg"));
        Assert.Equal(0.3, packet.Factors.Single(f => f.Code == "w01003").Number("Avg"));
        Assert.Equal("2011", Hj212Packet.Parse(Hj212Device.Packet("M", "P", "21", Start, samples, history: false, Start), out _)!.Cn);
    }

    [Fact]
    public void TheSignatureIsTheOneTheServerChecks()
    {
        var body = Encoding.UTF8.GetBytes("""{"readings":[]}""");
        Assert.Equal(DeviceSignature.Sign("dk_secret", "1790000000", body), HttpDevice.Sign("dk_secret", "1790000000", body));
    }

    [Fact]
    public void OptionsDefaultToRunShAndRefuseNonsense()
    {
        var defaults = SimulatorOptions.Parse([]);
        Assert.Equal(("http://127.0.0.1:5080/", "127.0.0.1:5212", "sd.admin"), (defaults.Server.ToString(), defaults.Hj212, defaults.User));
        Assert.Equal(Tianmu.Server.Demo.DemoDevices.Hj212Password, defaults.Hj212Password);
        Assert.Null(SimulatorOptions.Parse(["--hj212", "off"]).Hj212);
        Assert.Equal(TimeSpan.FromSeconds(2), SimulatorOptions.Parse(["--interval", "2"]).Interval);
        Assert.Contains("--interval", Assert.Throws<ArgumentException>(() => SimulatorOptions.Parse(["--interval", "0"])).Message);
        Assert.Contains("--nope", Assert.Throws<ArgumentException>(() => SimulatorOptions.Parse(["--nope"])).Message);
    }
}
