using System.Net.Http.Json;
using System.Text.Json;
using Tianmu.Common;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Payments.TestPayments;

namespace Tianmu.Server.Tests.Payments;

/// <summary>缴款对账 per agency and period: payments received, totals per agency, amounts outstanding and flagged payments, within the caller's jurisdiction.</summary>
public sealed class ReconciliationTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private const string Lixia = "济南市历下区卫生健康局";

    [Fact]
    public async Task TotalsPerAgencyCountEveryPaymentOnceAndShowWhatIsStillOwed()
    {
        var head = await app.ClientForAsync("lx.head");
        var before = await ReportAsync(head);
        var paidCase = await ServedAsync(app, Own, 900m);
        var owingCase = await ServedAsync(app, Own, 400m);
        var paidCode = await CodeAsync(app, paidCase);
        var owingCode = await CodeAsync(app, owingCase);

        var first = await PayAsync(app, paidCode, 500m);
        var second = await PayAsync(app, paidCode, 600m); // 200 more than the 400 still owed: flagged, not lost
        var after = await ReportAsync(head);

        Assert.Equal(Count(before) + 2, Count(after));
        Assert.Equal(Money(before, "received") + 1100m, Money(after, "received"));
        Assert.Equal(Money(before, "applied") + 900m, Money(after, "applied"));
        Assert.Equal(Money(before, "unapplied") + 200m, Money(after, "unapplied"));
        Assert.Equal(before.GetProperty("flagged").GetInt32() + 1, after.GetProperty("flagged").GetInt32());
        var lixia = after.GetProperty("byAgency").EnumerateArray().Single(a => a.GetProperty("agencyName").GetString() == Lixia);
        var lixiaBefore = before.GetProperty("byAgency").EnumerateArray().SingleOrDefault(a => a.GetProperty("agencyName").GetString() == Lixia);
        Assert.Equal((lixiaBefore.ValueKind == JsonValueKind.Object ? lixiaBefore.GetProperty("received").GetDecimal() : 0m) + 1100m, lixia.GetProperty("received").GetDecimal());

        var items = after.GetProperty("items").EnumerateArray().ToList();
        var row = items.Single(i => i.GetProperty("transactionId").GetString() == first.GetProperty("transactionId").GetString());
        Assert.Equal(paidCode, row.GetProperty("code").GetString());
        Assert.Equal(paidCase, row.GetProperty("caseId").GetGuid());
        Assert.Equal(TestPayments.Today.ToString("yyyy-MM-dd"), row.GetProperty("paidOn").GetString());
        Assert.Contains(after.GetProperty("flaggedItems").EnumerateArray(), i => i.GetProperty("transactionId").GetString() == second.GetProperty("transactionId").GetString()
            && i.GetProperty("unapplied").GetDecimal() == 200m);
        var owing = after.GetProperty("outstandingItems").EnumerateArray().Single(o => o.GetProperty("code").GetString() == owingCode);
        Assert.Equal(400m, owing.GetProperty("amountDueToday").GetDecimal());
        Assert.DoesNotContain(after.GetProperty("outstandingItems").EnumerateArray(), o => o.GetProperty("code").GetString() == paidCode);

        // The city sees the county's payments; a neighbouring county does not.
        var city = await ReportAsync(await app.ClientForAsync("jn.head"));
        Assert.Contains(city.GetProperty("items").EnumerateArray(), i => i.GetProperty("code").GetString() == paidCode);
        var neighbour = await ReportAsync(await app.ClientForAsync("szq.officer1"));
        Assert.DoesNotContain(neighbour.GetProperty("items").EnumerateArray(), i => i.GetProperty("code").GetString() == paidCode);
        Assert.DoesNotContain(neighbour.GetProperty("outstandingItems").EnumerateArray(), o => o.GetProperty("code").GetString() == owingCode);

        // The page and its CSV download (cookie sign-in, page-address twin of the API).
        var web = await app.CookieClientAsync("lx.head");
        Assert.Contains(paidCode, await web.GetStringAsync("/payments"), StringComparison.Ordinal);
        var csv = Csv.Parse(await web.GetStringAsync($"/payments/export?from={TestPayments.Today:yyyy-MM-dd}&to={TestPayments.Today:yyyy-MM-dd}"));
        Assert.Equal("缴款码", csv[0][6]);
        Assert.Contains(csv, r => r[7] == first.GetProperty("transactionId").GetString() && r[8] == "500.00" && r[12] == "");
        Assert.Contains(csv, r => r[7] == second.GetProperty("transactionId").GetString() && r[10] == "200.00" && r[12] == "多缴");
        Assert.Contains(csv, r => r[0] == "尚欠" && r[6] == owingCode && r[10] == "400.00");
    }

    [Fact]
    public async Task APeriodOfMoreThanAYearIsRefused()
    {
        var response = await (await app.ClientForAsync("lx.head")).GetAsync("/api/v1/payments/reconciliation?from=2024-01-01&to=2026-01-01");
        Assert.Equal("validation_failed", (await Problem.ReadAsync(response, System.Net.HttpStatusCode.BadRequest)).Code);
    }

    [Fact]
    public async Task TheReportNarrowsToOneAgencyOfTheJurisdictionAndNoOther()
    {
        var lixia = await app.AgencyIdAsync("370102");
        var county = await (await app.ClientForAsync("jn.head")).GetFromJsonAsync<JsonElement>($"/api/v1/payments/reconciliation?agencyId={lixia}");
        Assert.Equal(Lixia, county.GetProperty("scope").GetString());
        Assert.Contains(county.GetProperty("agencies").EnumerateArray(), a => a.GetProperty("id").GetGuid() == lixia);

        var qingdao = await app.AgencyIdAsync("370200");
        var outside = await (await app.ClientForAsync("lx.head")).GetAsync($"/api/v1/payments/reconciliation?agencyId={qingdao}");
        Assert.Equal("not_found", (await Problem.ReadAsync(outside, System.Net.HttpStatusCode.NotFound)).Code);
    }

    private static async Task<JsonElement> ReportAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>("/api/v1/payments/reconciliation");

    private static int Count(JsonElement report) => report.GetProperty("payments").GetInt32();

    private static decimal Money(JsonElement report, string name) => report.GetProperty(name).GetDecimal();
}
