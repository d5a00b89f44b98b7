using Tianmu.Common;
using Tianmu.SelfReports;
using Tianmu.Simulator.Signals;

namespace Tianmu.Simulator.Devices;

/// <summary>
/// A pool's staff filling in their self-report forms from the entity's own account: today's report once
/// <see cref="SelfTest.ReportsNow"/> says so, and in the back-fill the form's elapsed past periods
/// (those not skipped; a period already reported is left as it is). Only forms the simulator can fill
/// (no required attachment, every required field a metric of the pool's sensor or a yes/no) are used.
/// </summary>
public sealed class SelfReporter(string entity, ReporterPlan plan, DeviceSignal sensor, PortalApi portal, DateOnly startDay, Action<string> log) : ISource
{
    /// <summary>A form effective long ago is back-filled for the last month only.</summary>
    private const int MaxBackfillDays = 30;

    private DateOnly? reportedDay;
    private long sent;

    public string Name => $"{entity}（自律报送，{portal.User}）";

    public string Unit => "份自律报送";

    public long Sent => Interlocked.Read(ref sent);

    public async Task BackfillAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(to);
        foreach (var due in await FillableAsync(ct))
        {
            var first = due.Form.EffectiveFrom > today.AddDays(-MaxBackfillDays) ? due.Form.EffectiveFrom : today.AddDays(-MaxBackfillDays);
            foreach (var day in ReportPeriods.Elapsed(ReportFrequency.Daily, TimeOnly.MinValue, first, to).Where(d => d < today))
            {
                if (!SelfTest.Skipped(entity, day) && SelfTest.Values(due.Form.Fields, plan, sensor, SelfTest.MorningOf(entity, day)) is { } values)
                {
                    await SubmitAsync(due, day, values, ct);
                }
            }
        }
    }

    public async Task TickAsync(DateTimeOffset now, CancellationToken ct)
    {
        now = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, now.Offset); // the instant the devices stamp this tick's readings
        var today = ChinaTime.DateOf(now);
        if (reportedDay == today || !SelfTest.ReportsNow(entity, plan, sensor, startDay, now))
        {
            return;
        }

        foreach (var due in await FillableAsync(ct))
        {
            if (due.State != "Submitted" && SelfTest.Values(due.Form.Fields, plan, sensor, now) is { } values && await SubmitAsync(due, due.Period, values, ct))
            {
                var chlorine = values.GetValueOrDefault("free_chlorine");
                var measured = sensor.At(now).Where(s => s.Metric == "free_chlorine").Select(s => $"{s.Value} mg/L").FirstOrDefault() ?? "无读数";
                log($"{Name}：已报送 {due.Period:yyyy-MM-dd}“{due.Form.Name}”，游离性余氯 {chlorine} mg/L（在线监测此刻 {measured}）");
            }
        }

        reportedDay = today;
    }

    /// <summary>Daily forms of this entity the simulator can fill in.</summary>
    private async Task<IEnumerable<SimDue>> FillableAsync(CancellationToken ct) =>
        (await portal.DueAsync(ct)).Where(d => d.EntityName == entity && d.Form.Attachments.Count == 0 && d.Form.Frequency == "Daily"
            && SelfTest.Values(d.Form.Fields, plan, sensor, DateTimeOffset.UtcNow) is not null);

    private async Task<bool> SubmitAsync(SimDue due, DateOnly period, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var stored = await portal.SubmitAsync(due, period, values, ct);
        if (stored)
        {
            Interlocked.Increment(ref sent);
        }

        return stored;
    }
}
