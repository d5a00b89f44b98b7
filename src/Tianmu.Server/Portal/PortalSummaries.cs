using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Notifications;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Credit;
using Tianmu.Server.Notifications;
using Tianmu.Server.SelfReports;
using Tianmu.Warnings;

namespace Tianmu.Server.Portal;

public sealed record PortalEntity(Guid Id, string Name);

public sealed record Tally(string Key, string Name, int Count);

public sealed record DeviceFigures(int Total, int AwaitingConfirmation, IReadOnlyList<Tally> ByStatus, IReadOnlyList<PortalDevice> Awaiting);

/// <summary>An open rectification order (责令整改) and its last day.</summary>
public sealed record RectificationDue(Guid WarningId, string RuleName, DateOnly? RectifyBy, int? DaysLeft, bool Overdue);

/// <summary>Counts per month (China time, oldest first) and per series, ready for a stacked bar chart.</summary>
public sealed record MonthlyCounts(IReadOnlyList<string> Months, IReadOnlyList<CountSeries> Series);

public sealed record CountSeries(string Name, IReadOnlyList<int> Data);

public sealed record WarningFigures(int Open, int RectificationOrders, int RectificationOverdue, IReadOnlyList<RectificationDue> Rectifications, MonthlyCounts ByMonth);

/// <summary>Forms due in their current period (待报送, 已逾期, 已报送) and earlier periods missed and still not reported.</summary>
public sealed record SelfReportFigures(int Due, int Overdue, int Submitted, int MissedPeriods);

/// <summary>Documents served into the portal inbox (文书送达 messages), newest first; each links to the document.</summary>
public sealed record DocumentFigures(int Received, int Unread, IReadOnlyList<PortalMessage> Latest);

public sealed record CaseFigures(int Open, int Total, IReadOnlyList<PartyCaseRow> Latest);

public sealed record AmountDueRow(Guid CaseId, string Title, decimal Amount, DateOnly? PayBy);

/// <summary>Fine plus surcharge to today less what is paid, over the cases whose decision is served.</summary>
public sealed record AmountFigures(decimal Total, IReadOnlyList<AmountDueRow> Cases);

/// <summary>One entity's current credit grade as the home page shows it; the explanation is on /portal/credit.</summary>
public sealed record CreditSummary(Guid EntityId, string EntityName, string Grade, string Risk, string RiskName, double Score, DateOnly AsOf, string ModelCode, int ModelVersion, bool KeySupervision);

/// <summary>
/// The credit grade (信用评价) of the caller's entities: <c>Grade</c> is the first entity's (by name), <c>Grades</c> all of
/// them; until the scoring run has graded the entity, <c>Available</c> is false and the note says so.
/// </summary>
public sealed record CreditFigures(bool Available, string? Grade, string Note, IReadOnlyList<CreditSummary> Grades);

public sealed record PortalSummary(
    IReadOnlyList<PortalEntity> Entities, DeviceFigures Devices, WarningFigures Warnings, SelfReportFigures SelfReports, DocumentFigures Documents,
    CaseFigures Cases, AmountFigures Amounts, CreditFigures Credit);

/// <summary>
/// The portal's home (行政相对人端首页): for the entities the caller acts for, their devices, open warnings and
/// rectification orders, self-reports due, documents received, cases, amounts due and the credit grade —
/// the same figures for the page and for the entity's own system (GET /api/v1/portal/summary).
/// </summary>
public sealed class PortalSummaries(
    TianmuDb db, PortalDevices devices, PortalCases cases, SelfReportSubmissions submissions, CreditGradeReader grades, TimeProvider clock)
{
    public const int Months = 6;

    public async Task<PortalSummary> GetAsync(CurrentUser caller, CancellationToken ct)
    {
        var mine = db.EntityIdsOf(caller);
        var entities = await db.Entities.AsNoTracking().Where(e => mine.Contains(e.Id)).OrderBy(e => e.Name).Select(e => new PortalEntity(e.Id, e.Name)).ToListAsync(ct);
        // One after the other: they share the request's DbContext.
        var deviceFigures = await DevicesAsync(caller, ct);
        var warningFigures = await WarningsAsync(mine, ct);
        var selfReports = await SelfReportsAsync(caller, mine, ct);
        var documents = await DocumentsAsync(mine, ct);
        var (caseFigures, amounts) = await CasesAsync(caller, ct);
        var credit = await CreditAsync(mine, entities, ct);
        return new PortalSummary(entities, deviceFigures, warningFigures, selfReports, documents, caseFigures, amounts, credit);
    }

    private async Task<CreditFigures> CreditAsync(IQueryable<Guid> mine, IReadOnlyList<PortalEntity> entities, CancellationToken ct)
    {
        var current = (await grades.CurrentAsync(mine, ct)).ToDictionary(g => g.EntityId);
        var rows = entities.Where(e => current.ContainsKey(e.Id)).Select(e => current[e.Id])
            .Select(g => new CreditSummary(g.EntityId, entities.First(e => e.Id == g.EntityId).Name, g.Grade, g.Risk.ToString(), CreditGradeReader.RiskName(g.Risk), g.Score, g.AsOf,
                g.ModelCode, g.ModelVersion, g.KeySupervision))
            .ToList();
        return rows.Count == 0
            ? new CreditFigures(false, null, "本单位尚未评定信用等级：评价由监督机构按信用风险分类分级模型定期计算。", [])
            : new CreditFigures(true, rows[0].Grade, "信用等级由监督机构按信用风险分类分级模型计算，点击查看各项得分及依据，可对已整改的事项申请信用修复。", rows);
    }

    private async Task<DeviceFigures> DevicesAsync(CurrentUser caller, CancellationToken ct)
    {
        var list = await devices.ListAsync(caller, ct);
        var byStatus = list.GroupBy(d => (d.Status, d.StatusName)).OrderBy(g => Enum.Parse<Tianmu.Devices.DeviceStatus>(g.Key.Status)).Select(g => new Tally(g.Key.Status, g.Key.StatusName, g.Count()));
        var awaiting = list.Where(d => d.AwaitsConfirmation).ToList();
        return new DeviceFigures(list.Count, awaiting.Count, [.. byStatus], awaiting);
    }

    private async Task<WarningFigures> WarningsAsync(IQueryable<Guid> mine, CancellationToken ct)
    {
        var visible = db.Warnings.AsNoTracking().Where(w => PortalWarnings.Visible.Contains(w.Category) && mine.Contains(w.EntityId));
        var open = await visible.CountAsync(w => w.IsOpen, ct);
        var orders = await visible.Where(w => w.IsOpen && w.Status == WarningStatus.RectificationOrdered).OrderBy(w => w.RectifyBy)
            .Select(w => new { w.Id, w.RuleName, w.RectifyBy }).ToListAsync(ct);
        var today = clock.Today();
        var rectifications = orders.Select(o => new RectificationDue(o.Id, o.RuleName, o.RectifyBy, o.RectifyBy?.DayNumber - today.DayNumber, o.RectifyBy < today)).ToList();

        // Raised per month over the last months, by category: is it getting better?
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - Months);
        var since = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        var raised = await visible.Where(w => w.RaisedAt >= since).Select(w => new { w.RaisedAt, w.Category }).ToListAsync(ct);
        var months = Enumerable.Range(0, Months).Select(i => first.AddMonths(i)).ToList();
        var series = PortalWarnings.Visible
            .Select(cat => new CountSeries(PortalWarnings.CategoryName(cat), [.. months.Select(m => raised.Count(w => w.Category == cat && MonthOf(w.RaisedAt) == m))]))
            .Where(s => s.Data.Any(n => n > 0));
        return new WarningFigures(open, rectifications.Count, rectifications.Count(r => r.Overdue), rectifications,
            new MonthlyCounts([.. months.Select(m => m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))], [.. series]));
    }

    private async Task<SelfReportFigures> SelfReportsAsync(CurrentUser caller, IQueryable<Guid> mine, CancellationToken ct)
    {
        var due = await submissions.DueAsync(caller, ct);
        var missed = await db.OverdueReports.AsNoTracking().CountAsync(o => mine.Contains(o.EntityId) && o.ReportedAt == null, ct);
        return new SelfReportFigures(due.Count(d => d.State == "Due"), due.Count(d => d.State == "Overdue"), due.Count(d => d.State == "Submitted"), missed);
    }

    private async Task<DocumentFigures> DocumentsAsync(IQueryable<Guid> mine, CancellationToken ct)
    {
        var served = db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.DocumentServed && n.Channel == NotificationChannel.Portal
            && n.RecipientUserId == null && mine.Contains(n.EntityId));
        var count = await served.CountAsync(ct);
        var unread = await served.CountAsync(n => n.ReadAt == null, ct);
        var latest = await served.OrderByDescending(n => n.CreatedAt).Take(5).ToListAsync(ct);
        var names = await db.Entities.AsNoTracking().Where(e => mine.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return new DocumentFigures(count, unread,
            [.. latest.Select(n => new PortalMessage(n.Id, n.EntityId, names.GetValueOrDefault(n.EntityId, ""), n.Kind.ToString(), n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt))]);
    }

    private async Task<(CaseFigures, AmountFigures)> CasesAsync(CurrentUser caller, CancellationToken ct)
    {
        var list = await db.CasesOf(caller).AsNoTracking().OrderByDescending(c => c.UpdatedAt).Take(200).ToListAsync(ct);
        var rows = await cases.RowsAsync(list, ct);
        var ordered = list.Select(c => rows[c.Id]).OrderByDescending(r => r.Open).ToList();
        var owed = ordered.Where(r => r.AmountDue > 0)
            .Select(r => new AmountDueRow(r.Id, r.Title, r.AmountDue, r.NextWindow is { Kind: "Payment" } w ? w.Due : null)).ToList();
        return (new CaseFigures(ordered.Count(r => r.Open), ordered.Count, [.. ordered.Take(5)]), new AmountFigures(owed.Sum(o => o.Amount), owed));
    }

    private static DateOnly MonthOf(DateTimeOffset at)
    {
        var day = ChinaTime.DateOf(at);
        return new DateOnly(day.Year, day.Month, 1);
    }
}
