using System.Diagnostics;

namespace Tianmu.Server.Tests.Support;

/// <summary>
/// JPEG snapshots drawn by ffmpeg for the camera tests: a textured view (ffmpeg's mandelbrot test
/// source) seen by a camera, the same view again (new sensor noise), the lens covered, and the camera
/// turned to another scene. The measures themselves are tested in depth in the core tests.
/// </summary>
public static class Snapshots
{
    private const string View = "mandelbrot=size=640x480:rate=1";

    private static readonly Dictionary<string, (string Source, string Filter)> Filters = new()
    {
        ["view"] = (View, "noise=alls=12:allf=t+u:all_seed=1"),
        ["view_again"] = (View, "noise=alls=12:allf=t+u:all_seed=2"),
        ["covered"] = (View, "eq=brightness=-0.9,noise=alls=4:allf=t+u:all_seed=3"),
        ["panned"] = ("sierpinski=size=640x480:rate=1", "noise=alls=12:allf=t+u:all_seed=4"),
    };

    private static readonly Lazy<Dictionary<string, byte[]>> Drawn = new(Draw);

    public static byte[] Jpeg(string name) => Drawn.Value[name];

    private static Dictionary<string, byte[]> Draw()
    {
        var dir = Directory.CreateTempSubdirectory("tianmu-snapshots-").FullName;
        var result = new Dictionary<string, byte[]>();
        foreach (var (name, (source, filter)) in Filters)
        {
            var path = Path.Combine(dir, name + ".jpg");
            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
            foreach (var arg in new[] { "-v", "error", "-f", "lavfi", "-i", source, "-frames:v", "1", "-vf", filter, "-q:v", "4", "-y", path })
            {
                start.ArgumentList.Add(arg);
            }

            using var ffmpeg = Process.Start(start)!;
            var errors = ffmpeg.StandardError.ReadToEnd();
            ffmpeg.WaitForExit();
            Assert.True(ffmpeg.ExitCode == 0, $"ffmpeg failed for {name}: {errors}");
            result[name] = File.ReadAllBytes(path);
        }

        Directory.Delete(dir, recursive: true);
        return result;
    }
}
