using System.Globalization;

namespace Tianmu.Simulator;

/// <summary>Command-line options; the defaults match run.sh.</summary>
public sealed record SimulatorOptions
{
    public Uri Server { get; init; } = new("http://127.0.0.1:5080");

    /// <summary>host:port of the HJ 212 listener; null leaves HJ 212 devices idle.</summary>
    public string? Hj212 { get; init; } = "127.0.0.1:5212";

    public string User { get; init; } = "sd.admin";

    public string Password { get; init; } = "Tianmu@2026";

    /// <summary>PW of the demo HJ 212 devices (DemoDevices.Hj212Password on the server).</summary>
    public string Hj212Password { get; init; } = "212212";

    /// <summary>Real time between live readings. Device time is wall-clock time: the server refuses readings from the future.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time between the AI camera's patrol snapshots (violations come on their own schedule).</summary>
    public TimeSpan CameraInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>History sent at start, one reading a minute, so charts are not empty.</summary>
    public TimeSpan Backfill { get; init; } = TimeSpan.FromHours(6);

    /// <summary>How often each injected episode recurs.</summary>
    public TimeSpan EpisodePeriod { get; init; } = TimeSpan.FromMinutes(90);

    /// <summary>Share of live readings held back and sent after newer ones (late, out of order).</summary>
    public double LateShare { get; init; } = 0.05;

    /// <summary>Stop after this long; null runs until Ctrl+C.</summary>
    public TimeSpan? Duration { get; init; }

    public const string Usage = """
        天目设备模拟器：以演示设备的身份，通过 HTTP 和 HJ 212 向运行中的服务器发送读数、AI 摄像头事件与抓拍，
        并以演示游泳场所的账户报送每日水质自检。
        用法：dotnet run -c Release --project bench/Tianmu.Simulator -- [选项]
          --server URL          服务器地址（默认 http://127.0.0.1:5080）
          --hj212 HOST:PORT     HJ 212 监听地址（默认 127.0.0.1:5212；off 表示不发送 HJ 212）
          --user NAME           登录账户（默认 sd.admin）  --password PW（默认 Tianmu@2026，亦用于相对人账户）
          --hj212-pw PW         演示 HJ 212 设备的访问密码（默认 212212）
          --interval SECONDS    实时读数间隔（默认 10）
          --camera-interval SECONDS  AI 摄像头定时巡检抓拍间隔（默认 60；需要 ffmpeg）
          --backfill HOURS      启动时补发的历史时长（默认 6；0 不补发）
          --episode-period MIN  注入异常的重复周期（默认 90 分钟）
          --late-share RATIO    迟到、乱序读数的比例（默认 0.05）
          --duration SECONDS    运行时长后退出（默认一直运行，Ctrl+C 停止）
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a Chinese message on a bad one.</summary>
    public static SimulatorOptions Parse(IReadOnlyList<string> args)
    {
        var o = new SimulatorOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"选项 {name} 缺少取值。");
            o = name switch
            {
                "--server" => o with { Server = Uri.TryCreate(Next(), UriKind.Absolute, out var u) ? u : throw new ArgumentException("--server 须为完整地址，如 http://127.0.0.1:5080。") },
                "--hj212" => o with { Hj212 = Next() is var h && h == "off" ? null : h },
                "--user" => o with { User = Next() },
                "--password" => o with { Password = Next() },
                "--hj212-pw" => o with { Hj212Password = Next() },
                "--interval" => o with { Interval = TimeSpan.FromSeconds(Number(name, Next(), 1, 3600)) },
                "--camera-interval" => o with { CameraInterval = TimeSpan.FromSeconds(Number(name, Next(), 1, 3600)) },
                "--backfill" => o with { Backfill = TimeSpan.FromHours(Number(name, Next(), 0, 72)) },
                "--episode-period" => o with { EpisodePeriod = TimeSpan.FromMinutes(Number(name, Next(), 30, 24 * 60)) },
                "--late-share" => o with { LateShare = Number(name, Next(), 0, 0.5) },
                "--duration" => o with { Duration = TimeSpan.FromSeconds(Number(name, Next(), 1, double.MaxValue)) },
                _ => throw new ArgumentException($"未知选项 {name}。"),
            };
        }

        return o;
    }

    private static double Number(string name, string text, double min, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new ArgumentException($"{name} 的值“{text}”无效（{min}–{max}）。");
}
