using System.Text;
using Tianmu.Ingest.Hj212;

namespace Tianmu.Tests.Ingest;

/// <summary>HJ 212-2017 framing, CRC and parsing (STANDARDS.md).</summary>
public sealed class Hj212Tests
{
    /// <summary>The standard's own example packet.</summary>
    private const string Example = "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n";

    private const string Upload = "QN=20261122083000123;ST=32;CN=2011;PW=123456;MN=SDJNLX0001;Flag=5;CP=&&DataTime=20261122083000;"
        + "w21001-Rtd=0.45,w21001-Flag=N;w01001-Rtd=7.21,w01001-Flag=M&&";

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    [Fact]
    public void TheStandardsExampleCrcIs1C80()
    {
        var data = Example[6..^6];
        Assert.Equal(101, data.Length);
        Assert.Equal(0x1C80, Hj212Crc.Compute(Ascii(data)));
    }

    [Fact]
    public void TheStandardsExampleFrames()
    {
        var frame = Assert.Single(new Hj212Framer().Push(Ascii(Example)));
        Assert.True(frame.IsValid);
        Assert.Equal(Example[6..^6], frame.Data);
    }

    [Fact]
    public void APacketSplitIntoSingleBytesStillFramesOnce()
    {
        var framer = new Hj212Framer();
        var frames = Ascii(Example).SelectMany(b => framer.Push([b])).ToList();
        Assert.Single(frames, f => f.IsValid);
        Assert.Equal(0, framer.Buffered);
    }

    [Fact]
    public void CoalescedPacketsAndNoiseBetweenThemAreSeparated()
    {
        var bytes = Ascii("garbage" + Example).Concat(Hj212Packet.Frame(Upload)).Concat(Ascii("\r\nxx")).Concat(Ascii(Example)).ToArray();
        var frames = new Hj212Framer().Push(bytes).ToList();
        Assert.Equal(3, frames.Count(f => f.IsValid));
        Assert.Contains(frames, f => !f.IsValid && f.Error!.Contains("丢弃", StringComparison.Ordinal));
    }

    [Fact]
    public void ABadCrcIsRejectedAndTheNextPacketStillReads()
    {
        var broken = Example.Replace("1C80", "1C81", StringComparison.Ordinal);
        var frames = new Hj212Framer().Push(Ascii(broken + Example)).ToList();
        Assert.Contains("CRC", frames[0].Error, StringComparison.Ordinal);
        Assert.True(frames[1].IsValid);
    }

    [Fact]
    public void AWrongLengthIsRejectedAndResynchronised()
    {
        var wrongLength = "##0100" + Example[6..]; // one byte short: CRLF is not where the length says
        var frames = new Hj212Framer().Push(Ascii(wrongLength + Example)).ToList();
        Assert.False(frames[0].IsValid);
        Assert.True(frames[^1].IsValid);
    }

    [Fact]
    public void AnOversizedLengthIsRefusedWithoutWaitingForTheBytes()
    {
        var framer = new Hj212Framer(maxDataLength: 1024);
        var frames = framer.Push(Ascii("##9999QN=")).ToList();
        Assert.Contains(frames, f => f.Error?.Contains("上限", StringComparison.Ordinal) == true);
        Assert.True(framer.Buffered < 16);
    }

    [Fact]
    public void ANeverEndingPacketNeverBuffersMoreThanOneMaximumPacket()
    {
        var framer = new Hj212Framer(maxDataLength: 1024);
        framer.Push(Ascii("##1000QN="));
        var chunk = Ascii(new string('7', 300)); // no CRLF where the length says, and no next header
        for (var i = 0; i < 1000; i++)
        {
            framer.Push(chunk);
            Assert.True(framer.Buffered <= 6 + 1024 + 6, $"{framer.Buffered} bytes buffered after {i + 1} chunks");
        }
    }

    [Fact]
    public void ADataUploadParsesIntoFactorsWithFlagsAndChinaTime()
    {
        var packet = Hj212Packet.Parse(Upload, out var error)!;
        Assert.Null(error);
        Assert.Equal("2011", packet.Cn);
        Assert.Equal("SDJNLX0001", packet.Mn);
        Assert.Equal("123456", packet.Pw);
        Assert.True(packet.WantsAcknowledgement);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 30, 0, TimeSpan.FromHours(8)), packet.DataTime);
        var chlorine = packet.Factors.Single(f => f.Code == "w21001");
        Assert.Equal(0.45, chlorine.Number("Rtd"));
        Assert.Equal("N", chlorine.Flag);
        Assert.Equal("M", packet.Factors.Single(f => f.Code == "w01001").Flag);
    }

    [Fact]
    public void TheAcknowledgementEchoesQnAndFramesWithAValidCrc()
    {
        var packet = Hj212Packet.Parse(Upload, out _)!;
        var ack = packet.Acknowledgement(new DateTimeOffset(2026, 11, 22, 0, 30, 1, TimeSpan.Zero));
        var frame = Assert.Single(new Hj212Framer().Push(Hj212Packet.Frame(ack)));
        var parsed = Hj212Packet.Parse(frame.Data!, out _)!;
        Assert.Equal("9014", parsed.Cn);
        Assert.Equal("20261122083000123", parsed.Fields["CP.QN"]);
        Assert.Equal("1", parsed.Fields["CP.ExeRtn"]);
        Assert.False(parsed.WantsAcknowledgement);
    }

    [Fact]
    public void APacketWithoutCpIsAnError()
    {
        Assert.Null(Hj212Packet.Parse("QN=1;CN=2011;MN=x", out var error));
        Assert.NotNull(error);
    }
}
