using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Tianmu.Devices.Camera;

namespace Tianmu.Tests.Devices;

[CollectionDefinition(Name)]
public sealed class CameraScenesCollection : ICollectionFixture<CameraScenes>
{
    public const string Name = "Camera scenes";
}

/// <summary>
/// Snapshots of one "room" and of the ways a camera gets tampered with, drawn by ffmpeg's own test
/// sources into a temporary directory once for all camera tests (two ffmpeg runs), then decoded by the
/// decoder under test. The camera sees a 640×480 window on a 960×720 "room" with sensor noise and
/// saves it as JPEG, like an edge box would.
/// </summary>
public sealed class CameraScenes : IAsyncLifetime
{
    /// <summary>Name → filters applied to the 960×720 room before saving; the camera's view is 640×480 at (160, 120).</summary>
    private static readonly Dictionary<string, string> Room = new()
    {
        ["baseline"] = "crop=640:480:160:120,noise=alls=12:allf=t+u:all_seed=1",
        ["again"] = "crop=640:480:160:120,noise=alls=12:allf=t+u:all_seed=2",
        ["lights_on"] = "crop=640:480:160:120,eq=brightness=0.2:contrast=0.8,noise=alls=12:allf=t+u:all_seed=3",
        ["evening"] = "crop=640:480:160:120,eq=brightness=-0.25:contrast=0.6,noise=alls=12:allf=t+u:all_seed=4",
        ["shaken"] = "crop=640:480:166:124,noise=alls=12:allf=t+u:all_seed=5",
        ["smeared"] = "crop=640:480:160:120,gblur=sigma=6,noise=alls=12:allf=t+u:all_seed=6",
        ["fogged"] = "crop=640:480:160:120,boxblur=6:2,noise=alls=12:allf=t+u:all_seed=7",
        ["lights_cut"] = "crop=640:480:160:120,eq=brightness=-0.9,noise=alls=6:allf=t+u:all_seed=8",
        ["panned"] = "crop=640:480:320:120,noise=alls=12:allf=t+u:all_seed=9",
        ["tilted"] = "crop=640:480:160:0,noise=alls=12:allf=t+u:all_seed=10",
        ["turned"] = "crop=640:480:160:120,hflip,noise=alls=12:allf=t+u:all_seed=11",
        ["half_covered"] = "crop=640:480:160:120,drawbox=x=0:y=0:w=320:h=480:color=black:t=fill,noise=alls=12:allf=t+u:all_seed=12",
    };

    private readonly string dir = Directory.CreateTempSubdirectory("tianmu-camera-").FullName;
    private readonly ConcurrentDictionary<string, Task<GreyFrame>> decoded = new();

    public FfmpegFrameDecoder Decoder { get; } = new();

    public byte[] Jpeg(string name) => File.ReadAllBytes(Path.Combine(dir, name + ".jpg"));

    public byte[] Png(string name) => File.ReadAllBytes(Path.Combine(dir, name + ".png"));

    /// <summary>The named JPEG snapshot decoded by the decoder under test (once; frames are immutable).</summary>
    public Task<GreyFrame> FrameAsync(string name) => decoded.GetOrAdd(name, DecodeAsync);

    private async Task<GreyFrame> DecodeAsync(string name)
    {
        var result = await Decoder.DecodeAsync(Jpeg(name), CancellationToken.None);
        Assert.True(result.IsSuccess, $"{name}: {result.Error?.Detail}");
        return result.Value!;
    }

    /// <summary>The room's baseline, established from the "baseline" snapshot.</summary>
    public async Task<CameraBaseline> BaselineAsync()
    {
        var baseline = CameraBaseline.From(await FrameAsync("baseline"));
        Assert.True(baseline.IsSuccess);
        return baseline.Value!;
    }

    public async Task InitializeAsync()
    {
        // The room: four test patterns side by side, turned a little and softened like a real lens, so
        // that its edges neither line up with the pixel grid nor repeat along a whole axis.
        var room = Path.Combine(dir, "room.png");
        await FfmpegAsync(
        [
            "-f", "lavfi", "-i", "testsrc2=size=480x360:rate=1",
            "-f", "lavfi", "-i", "mandelbrot=size=480x360:rate=1",
            "-f", "lavfi", "-i", "smptehdbars=size=480x360:rate=1",
            "-f", "lavfi", "-i", "testsrc=size=480x360:rate=1",
            "-f", "lavfi", "-i", "sierpinski=size=640x480:rate=1",
            "-f", "lavfi", "-i", "color=c=black:size=640x480:rate=1",
            "-f", "lavfi", "-i", "color=c=0x808080:size=640x480:rate=1",
            "-filter_complex",
            "[0:v][1:v][2:v][3:v]xstack=inputs=4:layout=0_0|w0_0|0_h0|w0_h0,format=yuv420p,rotate=0.03:bilinear=1,gblur=sigma=0.8[room];" +
            "[4:v]noise=alls=12:allf=t+u[elsewhere];[5:v]noise=alls=6:allf=t+u[capped];[6:v]noise=alls=12:allf=t+u[grey_card]",
            "-map", "[room]", "-frames:v", "1", room,
            "-map", "[elsewhere]", "-frames:v", "1", "-q:v", "4", Path.Combine(dir, "elsewhere.jpg"),
            "-map", "[capped]", "-frames:v", "1", "-q:v", "4", Path.Combine(dir, "capped.jpg"),
            "-map", "[grey_card]", "-frames:v", "1", "-q:v", "4", Path.Combine(dir, "grey_card.jpg"),
        ]);

        // Snapshots of the room, each with its own sensor noise, as JPEG; one PNG and one very
        // compressed grainy JPEG of the baseline view.
        var args = new List<string> { "-i", room };
        var graph = new List<string> { $"[0:v]split={Room.Count + 2}{string.Concat(Room.Keys.Select(k => $"[{k}]"))}[png][grainy]" };
        graph.AddRange(Room.Select(kv => $"[{kv.Key}]{kv.Value}[{kv.Key}_out]"));
        graph.Add("[png]crop=640:480:160:120[png_out]");
        graph.Add("[grainy]crop=640:480:160:120,noise=alls=25:allf=u:all_seed=99[grainy_out]");
        args.AddRange(["-filter_complex", string.Join(';', graph)]);
        foreach (var name in Room.Keys)
        {
            args.AddRange(["-map", $"[{name}_out]", "-frames:v", "1", "-q:v", "4", Path.Combine(dir, name + ".jpg")]);
        }

        args.AddRange(["-map", "[png_out]", "-frames:v", "1", Path.Combine(dir, "baseline.png")]);
        args.AddRange(["-map", "[grainy_out]", "-frames:v", "1", "-q:v", "28", Path.Combine(dir, "grainy.jpg")]);
        await FfmpegAsync(args);
    }

    public Task DisposeAsync()
    {
        Decoder.Dispose();
        Directory.Delete(dir, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task FfmpegAsync(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("/usr/bin/ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-hide_banner", "-loglevel", "error", "-nostdin", "-y" }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, string.Create(CultureInfo.InvariantCulture, $"ffmpeg failed ({process.ExitCode}): {stderr}"));
    }
}
