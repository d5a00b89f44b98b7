using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Common;
using Tianmu.SelfReports;
using Tianmu.Server.SelfReports;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.SelfReports;

/// <summary>
/// Self-reports (S13/Z15): forms per catalog item, submission with the truthfulness commitment
/// (承诺书) signed against the exact text, one report per period, and overdue detection.
/// </summary>
public sealed class SelfReportTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private const string Pool = "济南泉城游泳馆有限公司"; // ent.demo acts for it

    private async Task<JsonElement> CreateFormAsync(string name, int startedDaysAgo, string[]? attachments = null)
    {
        await using var db = app.Db();
        var item = await db.CatalogItems.SingleAsync(i => i.Code == "济-GGCS-001");
        var response = await (await app.ClientForAsync("jn.admin")).PostAsJsonAsync("/api/v1/self-reports/forms", new
        {
            catalogItemId = item.Id,
            name,
            categories = new[] { "PublicPlace" },
            subCategories = new[] { "游泳场所" },
            fields = new object[]
            {
                new { code = "free_chlorine", label = "游离性余氯", type = "Number", unit = "mg/L", min = 0, max = 20, required = true, metric = "free_chlorine" },
                new { code = "ph", label = "pH", type = "Number", min = 0, max = 14, required = true },
                new { code = "disinfected", label = "已按规定投加消毒剂", type = "YesNo", required = true },
            },
            attachments = attachments ?? [],
            frequency = "Daily",
            dueTime = "09:00:00",
            effectiveFrom = ChinaTime.DateOf(DateTimeOffset.UtcNow).AddDays(-startedDaysAgo),
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> SubmitAsync(
        JsonElement form, object values, string? commitmentHash = null, DateOnly? period = null, string? password = Demo.DemoData.Password, params (string Part, string Type, byte[] Content)[] files)
    {
        var entity = await app.EntityIdAsync(Pool);
        var content = new MultipartFormDataContent
        {
            {
                new StringContent(JsonSerializer.Serialize(new
                {
                    formId = form.GetProperty("id").GetGuid(),
                    entityId = entity,
                    period,
                    values,
                    commitmentHash = commitmentHash ?? form.GetProperty("commitmentHash").GetString(),
                    agree = true,
                    password,
                })),
                "report"
            },
        };
        foreach (var (part, type, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(file, part, part + ".jpg");
        }

        return await (await app.ClientForAsync("ent.demo")).PostAsync("/api/v1/portal/self-reports", content);
    }

    private static object GoodValues => new Dictionary<string, string> { ["free_chlorine"] = "0.5", ["ph"] = "7.3", ["disinfected"] = "是" };

    private static async Task<string> CodeOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!;

    [Fact]
    public async Task AReportCarriesTheCommitmentItsSignerAndTimeAndIsAcceptedOncePerPeriod()
    {
        var form = await CreateFormAsync("泳池水质开放前自检日报", 0, ["余氯检测照片"]);
        var photo = Snapshots.Jpeg("view");

        var due = await (await app.ClientForAsync("ent.demo")).GetFromJsonAsync<JsonElement>("/api/v1/portal/self-reports/due");
        Assert.Contains(due.EnumerateArray(), d => d.GetProperty("form").GetProperty("id").GetGuid() == form.GetProperty("id").GetGuid());

        var created = await SubmitAsync(form, GoodValues, files: ("a1", "image/jpeg", photo));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var report = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(SelfReportForms.DefaultCommitment, report.GetProperty("commitmentText").GetString());
        Assert.Equal(Commitments.Hash(SelfReportForms.DefaultCommitment), report.GetProperty("commitmentHash").GetString());
        Assert.False(string.IsNullOrEmpty(report.GetProperty("signerName").GetString()));
        Assert.Equal("游离性余氯", report.GetProperty("values")[0].GetProperty("label").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(photo)), report.GetProperty("attachments")[0].GetProperty("sha256").GetString());

        await using (var db = app.Db())
        {
            var stored = await db.SelfReports.SingleAsync(r => r.Id == report.GetProperty("id").GetGuid());
            Assert.Equal(await app.UserIdAsync("ent.demo"), stored.SignerUserId);
            Assert.True(stored.SubmittedAt > DateTimeOffset.UtcNow.AddMinutes(-5));
        }

        var again = await SubmitAsync(form, GoodValues, files: ("a1", "image/jpeg", photo));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("self_report.duplicate", await CodeOf(again));

        // Staff of the jurisdiction see it; another city does not.
        var mine = await (await app.ClientForAsync("lx.officer1")).GetFromJsonAsync<JsonElement>($"/api/v1/self-reports?formId={form.GetProperty("id")}");
        Assert.Equal(1, mine.GetProperty("total").GetInt32());
        var theirs = await (await app.ClientForAsync("ls.officer1")).GetFromJsonAsync<JsonElement>($"/api/v1/self-reports?formId={form.GetProperty("id")}");
        Assert.Equal(0, theirs.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AnUnsignedIncompleteOrMistypedReportIsRefusedWithTheFieldsNamed()
    {
        var form = await CreateFormAsync("泳池水质自检（校验）", 0, ["余氯检测照片"]);
        var photo = Snapshots.Jpeg("view");

        var stale = await SubmitAsync(form, GoodValues, commitmentHash: new string('0', 64), files: ("a1", "image/jpeg", photo));
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("agree", await stale.Content.ReadAsStringAsync());

        var noPhoto = await SubmitAsync(form, GoodValues);
        Assert.Contains("a1", await noPhoto.Content.ReadAsStringAsync());

        var typo = await SubmitAsync(form, new Dictionary<string, string> { ["free_chlorine"] = "55", ["disinfected"] = "也许" }, files: ("a1", "image/jpeg", photo));
        var body = await typo.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Contains("free_chlorine", body);
        Assert.Contains("\"ph\"", body);
        Assert.Contains("disinfected", body);

        var disguised = await SubmitAsync(form, GoodValues, files: ("a1", "image/jpeg", "%PDF-1.7 not a photo"u8.ToArray()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, disguised.StatusCode);

        // Signing the commitment re-confirms the signer's password.
        var unsigned = await Problem.ReadAsync(await SubmitAsync(form, GoodValues, password: null, files: ("a1", "image/jpeg", photo)), HttpStatusCode.BadRequest);
        Assert.True(unsigned.Body.GetProperty("errors").TryGetProperty("password", out _));
        var wrong = await SubmitAsync(form, GoodValues, password: "not-the-password", files: ("a1", "image/jpeg", photo));
        Assert.Equal("auth.reconfirm_failed", (await Problem.ReadAsync(wrong, HttpStatusCode.Forbidden)).Code);

        await using var db = app.Db();
        Assert.False(await db.SelfReports.AnyAsync(r => r.FormId == form.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task PeriodsPastTheirDeadlineWithoutAReportAreFoundOnceAndALateReportClosesThem()
    {
        var form = await CreateFormAsync("泳池水质自检（逾期）", 3);
        var formId = form.GetProperty("id").GetGuid();
        var today = ChinaTime.DateOf(DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(form, GoodValues, period: today.AddDays(-2))).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var detector = scope.ServiceProvider.GetRequiredService<OverdueDetector>();
        await detector.DetectAsync(default);
        Assert.Equal(0, await detector.DetectAsync(default)); // found once

        await using var db = app.Db();
        var overdue = await db.OverdueReports.Where(o => o.FormId == formId).ToListAsync();
        var pool = await app.EntityIdAsync(Pool);
        var poolPeriods = overdue.Where(o => o.EntityId == pool).Select(o => o.PeriodStart).Order().ToList();
        var expected = ReportPeriods.Elapsed(ReportFrequency.Daily, new TimeOnly(9, 0), today.AddDays(-3), DateTimeOffset.UtcNow).Where(p => p != today.AddDays(-2)).ToList();
        Assert.Equal(expected, poolPeriods);

        // Only 游泳场所 are bound: a hotel (公共场所/住宿) never is, another pool in the city is.
        var hotel = await app.EntityIdAsync("济南舜耕大酒店有限公司");
        Assert.DoesNotContain(overdue, o => o.EntityId == hotel);
        var otherPool = await app.EntityIdAsync("济南明湖水上运动中心");
        var qingdaoPool = await app.EntityIdAsync("青岛崂山海韵游泳馆");
        Assert.Contains(overdue, o => o.EntityId == otherPool);
        Assert.DoesNotContain(overdue, o => o.EntityId == qingdaoPool);

        var late = await SubmitAsync(form, GoodValues, period: today.AddDays(-3));
        Assert.Equal(HttpStatusCode.Created, late.StatusCode);
        Assert.True((await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("late").GetBoolean());
        await using var after = app.Db();
        Assert.NotNull((await after.OverdueReports.SingleAsync(o => o.FormId == formId && o.EntityId == pool && o.PeriodStart == today.AddDays(-3))).ReportedAt);
    }
}
