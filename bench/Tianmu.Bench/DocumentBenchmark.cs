using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Tianmu.Documents;
using Tianmu.Server.Documents;

namespace Tianmu.Bench;

/// <summary>
/// PDF throughput of the warm Chromium: a realistic 行政处罚决定书 (shipped template, full fields, printed and
/// signed as issuing does) beside the same renderer printing a one-line page (the renderer's own ceiling) and a
/// cold <c>chromium --headless --print-to-pdf</c> (what launching per document would cost).
/// </summary>
public static class DocumentBenchmark
{
    public static async Task RunAsync(int documents, int pages)
    {
        var settings = new PdfSettings(Pages: pages);
        Console.WriteLine($"document PDF benchmark — {documents} documents, {pages} pages in the pool, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        await using var renderer = new ChromiumPdfRenderer(settings, NullLogger<ChromiumPdfRenderer>.Instance);
        var keys = Directory.CreateTempSubdirectory("tianmu-bench-keys-").FullName;
        using var signing = DocumentSigning.LoadOrCreate(Path.Combine(keys, "document-signing.pem"), TimeProvider.System);
        var decision = PenaltyDecision();

        var started = Stopwatch.StartNew();
        await renderer.RenderAsync("<p>预热</p>", CancellationToken.None);
        Console.WriteLine($"browser start (first render): {started.ElapsedMilliseconds} ms");
        await RunAsync(renderer, null, decision, 10); // warm-up: JIT, font cache

        var real = await RunAsync(renderer, signing, decision, documents);
        Report("行政处罚决定书 (render + sign)", real);
        var trivial = await RunAsync(renderer, null, "<!DOCTYPE html><html><body><p>一</p></body></html>", documents);
        Report("one-line page (render only)", trivial);
        var sequential = await RunAsync(renderer, signing, decision, Math.Max(10, documents / 4), workers: 1);
        Report("行政处罚决定书, one at a time", sequential);
        var cold = await ColdAsync(settings.ChromiumPath, decision);
        Console.WriteLine($"cold chromium --print-to-pdf per document: {cold.TotalMilliseconds:F0} ms (≈ {1000 / cold.TotalMilliseconds:F2} documents/s)");
        Console.WriteLine($"real/trivial: {real.PerSecond / trivial.PerSecond:P0} of the rate, {trivial.CpuMs / real.CpuMs:P0} by CPU; warm vs cold: {real.PerSecond * cold.TotalSeconds:F1}×");
        Console.WriteLine($"load average while running: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Directory.Delete(keys, recursive: true);
    }

    /// <summary>Wall-clock rate and latency, and the browser's CPU per document (all its processes), which says what the
    /// cores could do when nothing else runs: cores × 1000 / CPU ms.</summary>
    private sealed record Run(double PerSecond, double P50, double P99, int Bytes, double CpuMs)
    {
        public double Capacity => Environment.ProcessorCount * 1000 / CpuMs;
    }

    private static async Task<Run> RunAsync(IPdfRenderer renderer, DocumentSigning? signing, string html, int count, int workers = 0)
    {
        workers = workers > 0 ? workers : Math.Max(2, Environment.ProcessorCount + 1);
        var latencies = new double[count];
        var next = -1;
        var bytes = 0;
        var cpu = ChildCpuMilliseconds();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var one = Stopwatch.StartNew();
                var pdf = await renderer.RenderAsync(html, CancellationToken.None);
                signing?.Sign(pdf, DateTimeOffset.UtcNow);
                latencies[i] = one.Elapsed.TotalMilliseconds;
                bytes = pdf.Length;
            }
        }));
        watch.Stop();
        cpu = ChildCpuMilliseconds() - cpu;
        Array.Sort(latencies);
        return new Run(count / watch.Elapsed.TotalSeconds, latencies[count / 2], latencies[Math.Min(count - 1, (int)Math.Ceiling(count * 0.99) - 1)], bytes, cpu / count);
    }

    private static void Report(string what, Run run) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-30} {run.PerSecond,6:F1} documents/s   p50 {run.P50,5:F0} ms   p99 {run.P99,5:F0} ms   {run.Bytes / 1024,4} KiB   browser CPU {run.CpuMs,4:F0} ms/document (≈ {run.Capacity:F1}/s on idle cores)"));

    private static async Task<TimeSpan> ColdAsync(string chromium, string html)
    {
        var dir = Directory.CreateTempSubdirectory("tianmu-bench-cold-").FullName;
        try
        {
            var input = Path.Combine(dir, "decision.html");
            await File.WriteAllTextAsync(input, html);
            var runs = new List<TimeSpan>();
            for (var i = 0; i < 3; i++)
            {
                var start = new ProcessStartInfo(chromium) { RedirectStandardError = true, RedirectStandardOutput = true };
                foreach (var arg in (string[])["--headless=new", "--disable-gpu", "--no-first-run", $"--user-data-dir={Path.Combine(dir, "profile" + i)}",
                             "--no-pdf-header-footer", $"--print-to-pdf={Path.Combine(dir, $"out{i}.pdf")}"])
                {
                    start.ArgumentList.Add(arg);
                }

                if (Environment.IsPrivilegedProcess)
                {
                    start.ArgumentList.Add("--no-sandbox");
                }

                start.ArgumentList.Add("file://" + input);
                var watch = Stopwatch.StartNew();
                using var process = Process.Start(start)!;
                _ = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                runs.Add(watch.Elapsed);
            }

            return runs.Order().ElementAt(1);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The shipped 行政处罚决定书 with the fields a real decision carries.</summary>
    private static string PenaltyDecision()
    {
        var info = DocumentTypes.Of(DocumentType.PenaltyDecision);
        var values = new Dictionary<string, string>
        {
            [DocumentTemplates.TitleKey] = info.Name,
            [DocumentTemplates.NumberKey] = DocumentNumbers.Format("济历", Tianmu.Entities.EntityCategory.PublicPlace, DocumentType.PenaltyDecision, 2026, 128),
            [DocumentFields.AgencyName] = "济南市历下区卫生健康局",
            [DocumentFields.PartyName] = "济南泉城游泳馆有限公司",
            [DocumentFields.PartyAddress] = "济南市历下区泉城路 88 号",
            [DocumentFields.PartyCreditCode] = "91370102MA3C5XXXXX",
            [DocumentFields.Facts] = "2026年11月3日9时至11时，本机关通过非现场监管系统发现，你单位游泳池水质在线监测设备（编号 SDJNLX0101）连续监测数据显示游离性余氯浓度为0.12～0.18 mg/L，" +
                "低于《游泳场所卫生规范》规定的0.3～1.0 mg/L限值，持续时间约2小时。经现场核查，你单位加氯设备故障未及时维修，期间未停止对外开放。\n" +
                "本机关于2026年11月3日向你单位发出卫生监督意见书，责令立即改正；你单位于当日16时完成整改。",
            [DocumentFields.Evidence] = "1. 在线监测数据快照（证据编号 EV-2026-0312，SHA-256 已登记）；\n2. 现场笔录一份；\n3. 询问笔录一份；\n4. 现场照片六张；\n5. 营业执照及卫生许可证复印件。",
            [DocumentFields.Basis] = "你单位的上述行为违反了《公共场所卫生管理条例实施细则》第十四条第一款的规定。依据《公共场所卫生管理条例实施细则》第三十六条第一项的规定。",
            [DocumentFields.DiscretionReason] = "你单位系首次违法，违法持续时间较短，发现后及时整改，未造成健康危害后果，根据《山东省卫生健康行政处罚裁量基准》，予以从轻处罚。",
            [DocumentFields.Penalty] = "1. 警告；\n2. 罚款人民币壹仟元整（¥1,000.00）。",
            [DocumentFields.Payment] = "请于收到本决定书之日起十五日内，持本决定书到指定银行缴纳罚款。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。",
            [DocumentFields.Remedy] = "如不服本处罚决定，可以在收到本决定书之日起六十日内向济南市历下区人民政府申请行政复议，或者在六个月内向济南市历下区人民法院提起行政诉讼。" +
                "申请行政复议或者提起行政诉讼期间，本处罚决定不停止执行。",
            [DocumentFields.Date] = "2026年11月22日",
        };
        return DocumentTemplates.Render(DocumentTemplates.Shipped(DocumentType.PenaltyDecision), values);
    }

    /// <summary>CPU milliseconds used so far by every process below this one (the browser and its renderer, GPU and utility processes), from /proc.</summary>
    private static double ChildCpuMilliseconds()
    {
        var processes = new Dictionary<int, (int Parent, double Ticks)>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (name) ": state, ppid, … utime (14th), stime (15th)
                processes[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture),
                    double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // the process ended while we looked
            }
        }

        double ticks = 0;
        foreach (var (pid, (_, used)) in processes)
        {
            for (var (p, depth) = (pid, 0); processes.TryGetValue(p, out var info) && depth < 64; (p, depth) = (info.Parent, depth + 1))
            {
                if (info.Parent == Environment.ProcessId)
                {
                    ticks += used;
                    break;
                }
            }
        }

        return ticks * 10; // USER_HZ = 100
    }
}
