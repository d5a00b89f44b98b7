using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Entities;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Entities;

public sealed class EntityRegisterTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    private static string Code(string first17) => first17 + CreditCode.CheckCharacter(first17);

    private static string Id(string first17) => first17 + IdNumber.CheckCharacter(first17);

    private async Task<HttpResponseMessage> RegisterAsync(string user, object body) =>
        await (await app.ClientForAsync(user)).PostAsJsonAsync("/api/v1/entities", body);

    private async Task<object> PoolAsync(string name, string? creditCode, string? idNumber = null, string division = "370102") => new
    {
        name,
        creditCode,
        idNumber,
        category = "公共场所",
        subCategory = "游泳场所",
        agencyId = await app.AgencyIdAsync(division),
        address = "历下区文化西路 1 号",
        contactName = "赵六",
        contactPhone = "13700001234",
        licences = new[] { new { kind = "公共场所卫生许可证", number = "济历卫 2026 第 9 号", validFrom = "2026-01-01", validTo = "2029-12-31" } },
    };

    [Fact]
    public async Task AnOfficerRegistersAnOrganisation()
    {
        var response = await RegisterAsync("lx.officer1", await PoolAsync("历下新泳池", Code("91370102MA9AAAA01")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("137****1234", body.GetProperty("contactPhone").GetString());
        Assert.Equal("济历卫 2026 第 9 号", body.GetProperty("licences")[0].GetProperty("number").GetString());
        Assert.False(body.GetProperty("isIndividual").GetBoolean());
    }

    [Fact]
    public async Task AWrongCheckCharacterIsAFieldError()
    {
        var good = Code("91370102MA9AAAA02");
        var bad = good[..17] + (good[17] == '0' ? '1' : '0');
        var problem = await Problem.ReadAsync(await RegisterAsync("lx.officer1", await PoolAsync("校验错误", bad)), HttpStatusCode.BadRequest);
        Assert.Contains("GB 32100", problem.Body.GetProperty("errors").GetProperty("creditCode")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndividualsAreIdentifiedByNameAndIdNumberEncryptedAtRest()
    {
        var id = Id("37010219900101123");
        var response = await RegisterAsync("lx.officer1", await PoolAsync("孙七（个体）", null, id));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("isIndividual").GetBoolean());
        Assert.Equal(id[..6] + "********" + id[^4..], body.GetProperty("idNumber").GetString());

        await using var db = app.Db();
        var stored = await db.Entities.SingleAsync(e => e.Name == "孙七（个体）");
        Assert.DoesNotContain(id, stored.IdNumberCipher!, StringComparison.Ordinal);
        Assert.DoesNotContain("13700001234", stored.ContactPhoneCipher!, StringComparison.Ordinal);
        Assert.DoesNotContain(await db.AuditRecords.Select(a => a.Changes).ToListAsync(), c => c.Contains(id, StringComparison.Ordinal));

        // The same person twice is refused, found through the keyed hash without decrypting.
        var again = await RegisterAsync("lx.officer1", await PoolAsync("孙七（另一家）", null, id));
        Assert.Equal("entity.duplicate_id_number", (await Problem.ReadAsync(again, HttpStatusCode.Conflict)).Code);
    }

    [Fact]
    public async Task EditingWithoutRetypingPersonalDataKeepsIt()
    {
        var id = Id("37010219770707123");
        var created = await (await RegisterAsync("lx.officer1", await PoolAsync("周八（个体）", null, id))).Content.ReadFromJsonAsync<JsonElement>();
        var entityId = created.GetProperty("id").GetGuid();
        var client = await app.ClientForAsync("lx.officer1");
        var response = await client.PutAsJsonAsync($"/api/v1/entities/{entityId}", new
        {
            name = "周八（个体，已更名）",
            category = "公共场所",
            subCategory = "美容美发",
            agencyId = await app.AgencyIdAsync("370102"),
            address = "历下区新地址",
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id[..6] + "********" + id[^4..], body.GetProperty("idNumber").GetString());
        Assert.Equal("137****1234", body.GetProperty("contactPhone").GetString());
        Assert.Empty(body.GetProperty("licences").EnumerateArray()); // licences are replaced by what was sent
    }

    [Fact]
    public async Task NeitherCodeNorIdIsRefused()
    {
        var problem = await Problem.ReadAsync(await RegisterAsync("lx.officer1", await PoolAsync("无名", null)), HttpStatusCode.BadRequest);
        Assert.True(problem.Body.GetProperty("errors").TryGetProperty("creditCode", out _));
    }

    [Fact]
    public async Task DuplicateCreditCodesAreRefusedAcrossJurisdictions()
    {
        var code = Code("91370212MA9AAAA03");
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync("ls.officer1", await PoolAsync("崂山某泳池", code, division: "370212"))).StatusCode);
        var problem = await Problem.ReadAsync(await RegisterAsync("lx.officer1", await PoolAsync("历下同码", code)), HttpStatusCode.Conflict);
        Assert.Equal("entity.duplicate_credit_code", problem.Code);
    }

    [Fact]
    public async Task OfficersCannotRegisterIntoAnotherJurisdiction()
    {
        var problem = await Problem.ReadAsync(await RegisterAsync("lx.officer1", await PoolAsync("越界", Code("91370212MA9AAAA04"), division: "370212")), HttpStatusCode.BadRequest);
        Assert.True(problem.Body.GetProperty("errors").TryGetProperty("agencyId", out _));
    }

    [Fact]
    public async Task SubCategoryMustBelongToTheCategory()
    {
        var client = await app.ClientForAsync("lx.officer1");
        var response = await client.PostAsJsonAsync("/api/v1/entities", new
        {
            name = "错配",
            creditCode = Code("91370102MA9AAAA05"),
            category = "医疗机构",
            subCategory = "游泳场所",
            agencyId = await app.AgencyIdAsync("370102"),
            address = "x",
        });
        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("口腔", problem.Body.GetProperty("errors").GetProperty("subCategory")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportKeepsTheGoodRowsAndReportsEachBadOne()
    {
        var existing = await app.Db().Entities.Where(e => e.Name == "济南明湖水上运动中心").Select(e => e.CreditCode).SingleAsync();
        var good1 = Code("91370102MA9BBBB01");
        var good2 = Code("91370103MA9BBBB02");
        var badCheck = good1[..16] + "QQ";
        var csv = new StringBuilder();
        csv.AppendLine("名称,统一社会信用代码,身份证号,类别,子类别,监管机构代码,地址,联系人,联系电话,许可证名称,许可证号,有效期起,有效期止");
        csv.AppendLine($"导入泳池一,{good1},,公共场所,游泳场所,370102,历下区一号,甲,13800000001,公共场所卫生许可证,A-1,2026-01-01,2029-12-31");  // row 2 ok
        csv.AppendLine($"导入坏码,{badCheck},,公共场所,住宿,370102,历下区二号,,,,,,");                                                          // row 3 check char
        csv.AppendLine($"导入供水,{good2},,生活饮用水,二次供水,370103,市中区三号,乙,0531-86001234,,,,");                                          // row 4 ok
        csv.AppendLine($"导入越界,{Code("91370212MA9BBBB03")},,公共场所,住宿,370212,崂山区,,,,,,");                                              // row 5 not in Jinan
        csv.AppendLine($"导入重复,{good1},,公共场所,住宿,370102,历下区,,,,,,");                                                                 // row 6 repeats row 2
        csv.AppendLine($"导入已有,{existing},,公共场所,游泳场所,370102,历下区,,,,,,");                                                          // row 7 already registered
        csv.AppendLine($"导入个人,,{Id("37010219850505123")},公共场所,美容美发,370102,历下区,,,,,,");                                             // row 8 ok, individual
        csv.AppendLine("导入缺类别,,,未知类,x,370102,,,,,,,");                                                                                   // row 9 several problems
        var client = await app.ClientForAsync("jn.officer1");
        var response = await client.PostAsync("/api/v1/entities/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(8, report.GetProperty("rows").GetInt32());
        Assert.Equal(3, report.GetProperty("imported").GetInt32());
        var badRows = report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("row").GetInt32()).Distinct().Order().ToList();
        Assert.Equal([3, 5, 6, 7, 9], badRows);

        await using var db = app.Db();
        var imported = await db.Entities.Where(e => e.Name.StartsWith("导入")).Select(e => e.Name).ToListAsync();
        Assert.Equal(["导入个人", "导入供水", "导入泳池一"], imported.Order());
        Assert.Equal(1, await db.Licences.CountAsync(l => l.Number == "A-1"));
    }

    [Fact]
    public async Task ImportWithAWrongHeaderWritesNothing()
    {
        var client = await app.ClientForAsync("jn.officer1");
        var response = await client.PostAsync("/api/v1/entities/import", new StringContent("name,code\nx,y\n", Encoding.UTF8, "text/csv"));
        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("表头缺少列", problem.Body.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListsPageAndFilterByNameCategoryAndCode()
    {
        var client = await app.ClientForAsync("sd.inspector");
        var water = await client.GetFromJsonAsync<JsonElement>("/api/v1/entities?category=DrinkingWater&pageSize=2");
        Assert.Equal(2, water.GetProperty("items").GetArrayLength());
        Assert.All(water.GetProperty("items").EnumerateArray(), e => Assert.Equal("DrinkingWater", e.GetProperty("category").GetString()));
        var code = await app.Db().Entities.Where(e => e.Name == "青岛崂山温泉浴场").Select(e => e.CreditCode).SingleAsync();
        var byCode = await client.GetFromJsonAsync<JsonElement>($"/api/v1/entities?q={code}");
        Assert.Equal("青岛崂山温泉浴场", byCode.GetProperty("items")[0].GetProperty("name").GetString());
    }
}
