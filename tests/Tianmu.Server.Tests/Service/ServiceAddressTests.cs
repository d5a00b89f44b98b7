using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Security;
using Tianmu.Server.Demo;
using Tianmu.Server.Tests.Support;
using Tianmu.Service;
using static Tianmu.Server.Tests.Service.TestService;

namespace Tianmu.Server.Tests.Service;

/// <summary>送达地址确认书 (行政处罚法第六十一条; Z20): signed by the party in the portal with its exact text, superseded with history, recorded on paper by staff.</summary>
public sealed class ServiceAddressTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public async Task TheConfirmationIsStoredWithTheExactTextSignedAndItsAddressesEncrypted()
    {
        var entity = await app.EntityIdAsync(Pool);
        var client = await app.ClientForAsync("ent.demo");
        var preview = await (await client.PostAsJsonAsync("/api/v1/portal/service-address/preview", AllAddresses)).Content.ReadFromJsonAsync<JsonElement>();
        var text = preview.GetProperty("text").GetString()!;
        Assert.Contains("手机号码：13812345678", text);

        var signed = await SignAsync(app, "ent.demo", AllAddresses);

        Assert.Equal(text, signed.GetProperty("text").GetString());
        Assert.Equal(ServiceAddressText.Hash(text), signed.GetProperty("textSha256").GetString());
        Assert.Equal("138****5678", signed.GetProperty("phone").GetString());
        Assert.True(signed.GetProperty("consentsToElectronicService").GetBoolean());
        await using var db = app.Db();
        var row = await db.ServiceAddressConfirmations.SingleAsync(c => c.Id == signed.GetProperty("id").GetGuid());
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        Assert.Equal(text, protector.Unprotect(row.TextCipher)); // the very text read, byte for byte
        Assert.Equal("13812345678", protector.Unprotect(row.PhoneCipher));
        Assert.DoesNotContain("13812345678", row.MaskedText);
        Assert.Equal(await app.UserIdAsync("ent.demo"), row.SignedByUserId);
        Assert.Equal(ConfirmationChannel.Portal, row.Channel);
        Assert.True(DateTimeOffset.UtcNow - row.SignedAt < TimeSpan.FromMinutes(1));
        var audit = await db.AuditRecords.Where(a => a.EntityType == "service_address_confirmation").ToListAsync();
        Assert.NotEmpty(audit);
        Assert.All(audit, a => Assert.DoesNotContain("13812345678", a.Changes));

        // Staff see it masked on the entity.
        var staff = await (await app.ClientForAsync("lx.officer1")).GetFromJsonAsync<JsonElement>($"/api/v1/entities/{entity}/service-address");
        var current = staff.GetProperty("current");
        Assert.DoesNotContain("13812345678", current.GetProperty("text").GetString());
        Assert.Equal("o***@quancheng.example.cn", current.GetProperty("email").GetString());
    }

    [Fact]
    public async Task ATextThatIsNotTheOneReadOrAMissingOrWrongPasswordIsNotSigned()
    {
        var client = await app.ClientForAsync("ent.demo");
        var terms = new { address = "历下区泉城路 88 号", method = "Postal", electronicConsent = false };
        var preview = await (await client.PostAsJsonAsync("/api/v1/portal/service-address/preview", terms)).Content.ReadFromJsonAsync<JsonElement>();
        var hash = preview.GetProperty("textHash").GetString();
        var before = await CountAsync();

        var changed = await client.PostAsJsonAsync("/api/v1/portal/service-address", Merge(terms, new { address = "历下区泉城路 99 号", textHash = hash, agree = true, password = DemoData.Password }));
        Assert.Equal("service.confirmation_text_changed", (await Problem.ReadAsync(changed, HttpStatusCode.Conflict)).Code);
        var noPassword = await client.PostAsJsonAsync("/api/v1/portal/service-address", Merge(terms, new { textHash = hash, agree = true }));
        Assert.True((await Problem.ReadAsync(noPassword, HttpStatusCode.BadRequest)).Body.GetProperty("errors").TryGetProperty("password", out _));
        var wrong = await client.PostAsJsonAsync("/api/v1/portal/service-address", Merge(terms, new { textHash = hash, agree = true, password = "not-the-password" }));
        Assert.Equal("auth.reconfirm_failed", (await Problem.ReadAsync(wrong, HttpStatusCode.Forbidden)).Code);
        var electronicWithoutConsent = await client.PostAsJsonAsync("/api/v1/portal/service-address/preview", new { address = "x", method = "Electronic", electronicConsent = false });
        Assert.True((await Problem.ReadAsync(electronicWithoutConsent, HttpStatusCode.BadRequest)).Body.GetProperty("errors").TryGetProperty("electronicConsent", out _));
        var badPhone = await client.PostAsJsonAsync("/api/v1/portal/service-address/preview", new { address = "x", method = "Electronic", electronicConsent = true, phone = "12345" });
        Assert.True((await Problem.ReadAsync(badPhone, HttpStatusCode.BadRequest)).Body.GetProperty("errors").TryGetProperty("phone", out _));

        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task ANewConfirmationSupersedesTheCurrentOneAndTheHistoryIsKept()
    {
        var first = await SignAsync(app, "ent.demo", new { address = "历下区泉城路 88 号", method = "Postal", electronicConsent = false });
        var second = await SignAsync(app, "ent.demo", new { address = "历下区泉城路 88 号", method = "Electronic", electronicConsent = true, portal = true });

        var mine = await (await app.ClientForAsync("ent.demo")).GetFromJsonAsync<JsonElement>("/api/v1/portal/service-address");
        var entity = Assert.Single(mine.EnumerateArray());
        Assert.Equal(second.GetProperty("id").GetGuid(), entity.GetProperty("current").GetProperty("id").GetGuid());
        var history = entity.GetProperty("history").EnumerateArray().ToList();
        var old = history.Single(h => h.GetProperty("id").GetGuid() == first.GetProperty("id").GetGuid());
        Assert.False(old.GetProperty("current").GetBoolean());
        Assert.Contains("本单位不同意采用电子方式送达", old.GetProperty("text").GetString());
        Assert.Single(history, h => h.GetProperty("current").GetBoolean());

        await using var db = app.Db();
        var row = await db.ServiceAddressConfirmations.SingleAsync(c => c.Id == first.GetProperty("id").GetGuid());
        Assert.Equal(second.GetProperty("id").GetGuid(), row.SupersededById);
        // What was signed cannot be rewritten afterwards, even directly in the database.
        await Assert.ThrowsAnyAsync<Exception>(() => db.ServiceAddressConfirmations.Where(c => c.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Address, "改过的地址")));
    }

    [Fact]
    public async Task AnOfficerRecordsAConfirmationSignedOnPaperWithItsScanAndAnotherPartySeesNothingOfIt()
    {
        var entity = await app.EntityIdAsync(OtherPool);
        var officer = await app.ClientForAsync("lx.officer1");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("历下区明湖东路 15 号"), "address" },
            { new StringContent("Electronic"), "method" },
            { new StringContent("true"), "electronicConsent" },
            { new StringContent("13900001111"), "phone" },
            { new StringContent("李明（负责人）"), "signerName" },
        };
        var scan = new ByteArrayContent([.. "%PDF-1.4 scan"u8]);
        scan.Headers.ContentType = new("application/pdf");
        form.Add(scan, "scan", "确认书.pdf");

        var recorded = await officer.PostAsync($"/api/v1/entities/{entity}/service-address", form);

        Assert.True(recorded.StatusCode == HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        var view = await recorded.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Paper", view.GetProperty("channel").GetString());
        Assert.Equal("李明（负责人）", view.GetProperty("signedByName").GetString());
        Assert.True(view.GetProperty("hasScan").GetBoolean());
        var downloaded = await officer.GetAsync($"/api/v1/service/confirmations/{view.GetProperty("id").GetGuid()}/scan");
        Assert.Equal("%PDF-1.4 scan", await downloaded.Content.ReadAsStringAsync());

        // ent.demo acts for 泉城 only: 明湖's confirmation is not in its list; an officer of another district does not find it either.
        var mine = await (await app.ClientForAsync("ent.demo")).GetFromJsonAsync<JsonElement>("/api/v1/portal/service-address");
        Assert.DoesNotContain(mine.EnumerateArray(), e => e.GetProperty("entityId").GetGuid() == entity);
        var notMine = await (await app.ClientForAsync("ent.demo")).PostAsJsonAsync("/api/v1/portal/service-address/preview", new { entityId = entity, address = "x", method = "Postal" });
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("ls.officer1")).GetAsync($"/api/v1/entities/{entity}/service-address")).StatusCode);
    }

    private async Task<int> CountAsync()
    {
        await using var db = app.Db();
        return await db.ServiceAddressConfirmations.CountAsync();
    }
}
