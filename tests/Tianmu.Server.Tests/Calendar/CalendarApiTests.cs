using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Server.Hosting;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Calendar;

/// <summary>GET /api/v1/calendar/due (行政处罚法 art. 85, 民事诉讼法 art. 85) and the editable calendar data.</summary>
public sealed class CalendarApiTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private async Task<HttpResponseMessage> Due(string query) => await (await app.ClientForAsync("lx.officer1")).GetAsync("/api/v1/calendar/due?" + query);

    [Theory]
    [InlineData("from=2026-09-18&days=7&kind=working", "2026-09-29")]  // make-up Sunday 9/20 counts, 9/25–27 off
    [InlineData("from=2026-09-29&days=7&kind=working", "2026-10-14")]  // across National Day
    [InlineData("from=2026-09-16&days=15&kind=calendar", "2026-10-08")] // ends in the holiday: rolled forward
    [InlineData("from=2026-11-09&days=15&kind=calendar", "2026-11-24")]
    public async Task ComputesDueDates(string query, string expected)
    {
        var response = await Due(query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("due").GetString());
    }

    [Theory]
    [InlineData("from=2028-01-04&days=7&kind=working")]
    [InlineData("from=2027-12-28&days=10&kind=working")]
    [InlineData("from=2024-06-01&days=1&kind=calendar")]
    public async Task DatesOutsideTheLoadedYearsAre422(string query)
    {
        var problem = await Problem.ReadAsync(await Due(query), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("date_outside_calendar", problem.Code);
    }

    [Theory]
    [InlineData("from=2026-02-30&days=7&kind=working", "from")]
    [InlineData("from=18/09/2026&days=7&kind=working", "from")]
    [InlineData("from=2026-09-18&kind=working", "days")]
    [InlineData("from=2026-09-18&days=7&kind=lunar", "kind")]
    [InlineData("from=2026-09-18&days=-1&kind=working", "days")]
    public async Task BadParametersAre400PerField(string query, string field)
    {
        var problem = await Problem.ReadAsync(await Due(query), HttpStatusCode.BadRequest);
        Assert.True(problem.Body.GetProperty("errors").TryGetProperty(field, out _), problem.Body.ToString());
    }

    [Fact]
    public async Task ProvincialAdministratorEditsADayAndDueDatesFollow()
    {
        var admin = await app.ClientForAsync("sd.admin");
        // Make Friday 2026-12-04 a holiday: 2 working days after Thursday 12-03 become 12-08 instead of 12-07.
        Assert.Equal("2026-12-07", (await (await Due("from=2026-12-03&days=2&kind=working")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("due").GetString());
        (await admin.PutAsJsonAsync("/api/v1/calendar/days/2026-12-04", new { kind = "Holiday", name = "测试假日" })).EnsureSuccessStatusCode();
        Assert.Equal("2026-12-08", (await (await Due("from=2026-12-03&days=2&kind=working")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("due").GetString());

        (await admin.DeleteAsync("/api/v1/calendar/days/2026-12-04")).EnsureSuccessStatusCode();
        Assert.Equal("2026-12-07", (await (await Due("from=2026-12-03&days=2&kind=working")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("due").GetString());

        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?entityType=calendar_day&entityId=2026-12-04");
        Assert.Equal(2, audit.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task CityAdministratorsCannotChangeTheNationalCalendar()
    {
        var admin = await app.ClientForAsync("jn.admin");
        var response = await admin.PutAsJsonAsync("/api/v1/calendar/days/2026-12-04", new { kind = "Holiday", name = "x" });
        Assert.Equal("calendar_requires_province_admin", (await Problem.ReadAsync(response, HttpStatusCode.Forbidden)).Code);
    }

    [Fact]
    public async Task TheProvisionalYearIsReplacedByTheOfficialArrangementAndNeverTheReverse()
    {
        var admin = await app.ClientForAsync("sd.admin");
        var before = await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/years");
        Assert.True(Year(before, 2027).GetProperty("provisional").GetBoolean());
        Assert.False(Year(before, 2026).GetProperty("provisional").GetBoolean());

        // A database holding 2026 provisionally (loaded before the notice) gets the shipped official year at start-up.
        await using (var db = app.Db())
        {
            await db.CalendarYears.Where(y => y.Year == 2026).ExecuteUpdateAsync(s => s.SetProperty(y => y.Provisional, true));
            await db.CalendarDays.Where(d => d.Date == new DateOnly(2026, 10, 10)).ExecuteDeleteAsync();
        }

        await LoadShippedAsync();
        var after = await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/years");
        Assert.False(Year(after, 2026).GetProperty("provisional").GetBoolean());
        Assert.Contains(Year(after, 2026).GetProperty("days").EnumerateArray(), d => d.GetProperty("date").GetString() == "2026-10-10");

        // An administrator loads 2027's notice: official from then on, and a later start-up keeps it.
        var year = new
        {
            year = 2027,
            source = "测试数据",
            holidays = new[] { new { name = "元旦", from = "2027-01-01", to = "2027-01-03" } },
            workdays = Array.Empty<object>(),
        };
        (await admin.PutAsJsonAsync("/api/v1/calendar/years/2027", year)).EnsureSuccessStatusCode();
        await LoadShippedAsync();
        var loaded = Year(await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/years"), 2027);
        Assert.False(loaded.GetProperty("provisional").GetBoolean());
        Assert.Equal("测试数据", loaded.GetProperty("source").GetString());
        var due = await (await Due("from=2026-12-31&days=1&kind=working")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2027-01-04", due.GetProperty("due").GetString());

        var mismatch = await admin.PutAsJsonAsync("/api/v1/calendar/years/2028", year);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
    }

    private async Task LoadShippedAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await StartupTasks.LoadShippedCalendarAsync(scope.ServiceProvider, default);
    }

    private static JsonElement Year(JsonElement years, int year) => years.EnumerateArray().Single(y => y.GetProperty("year").GetInt32() == year);
}
