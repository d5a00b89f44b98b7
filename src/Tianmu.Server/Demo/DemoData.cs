using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tianmu.Agencies;
using Tianmu.Catalog;
using Tianmu.Entities;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Security;

namespace Tianmu.Server.Demo;

/// <summary>
/// Demo data for the embedded default (run.sh): one province agency with two cities and three
/// counties, officers of every role and 30 entities across categories. Loaded once, on an empty tree.
/// </summary>
public static class DemoData
{
    /// <summary>Every demo account's password; printed by run.sh and listed in the README.</summary>
    public const string Password = "Tianmu@2026";

    private sealed record DemoUser(string UserName, string Name, string Division, Role[] Roles);

    private static readonly DemoUser[] Users =
    [
        new("sd.admin", "孙立新", "370000", [Role.Administrator]),
        new("sd.inspector", "周正", "370000", [Role.Inspector]),
        new("jn.admin", "王海燕", "370100", [Role.Administrator]),
        new("jn.head", "李建国", "370100", [Role.Head]),
        new("jn.reviewer", "赵敏", "370100", [Role.LegalReviewer]),
        new("jn.officer1", "张伟", "370100", [Role.Officer]),
        new("jn.officer2", "刘洋", "370100", [Role.Officer]),
        new("lx.head", "陈静", "370102", [Role.Head]),
        new("lx.reviewer", "杨帆", "370102", [Role.LegalReviewer]),
        new("lx.officer1", "黄磊", "370102", [Role.Officer]),
        new("lx.officer2", "吴琳", "370102", [Role.Officer]),
        new("szq.officer1", "徐强", "370103", [Role.Officer]),
        new("szq.officer2", "马丽", "370103", [Role.Officer]),
        new("qd.admin", "胡斌", "370200", [Role.Administrator]),
        new("qd.head", "郭涛", "370200", [Role.Head]),
        new("qd.reviewer", "何静", "370200", [Role.LegalReviewer]),
        new("ls.officer1", "林峰", "370212", [Role.Officer]),
        new("ls.officer2", "高雪", "370212", [Role.Officer]),
    ];

    private static readonly (string Name, EntityCategory Category, string Sub, string Division, string Street)[] Entities =
    [
        ("济南泉城游泳馆有限公司", EntityCategory.PublicPlace, "游泳场所", "370102", "历下区泉城路 88 号"),
        ("济南明湖水上运动中心", EntityCategory.PublicPlace, "游泳场所", "370102", "历下区明湖东路 15 号"),
        ("济南舜耕大酒店有限公司", EntityCategory.PublicPlace, "住宿", "370102", "历下区舜耕路 28 号"),
        ("济南趵突泉宾馆", EntityCategory.PublicPlace, "住宿", "370103", "市中区趵突泉南路 6 号"),
        ("济南清泉沐浴中心", EntityCategory.PublicPlace, "沐浴", "370103", "市中区经四路 120 号"),
        ("济南丝语美容美发店", EntityCategory.PublicPlace, "美容美发", "370103", "市中区纬二路 33 号"),
        ("济南奥体游泳健身有限公司", EntityCategory.PublicPlace, "游泳场所", "370102", "历下区经十路 9777 号"),
        ("济南泉水供水有限公司东区水厂", EntityCategory.DrinkingWater, "集中式供水", "370102", "历下区东环路 200 号"),
        ("济南鲁能花园小区二次供水泵房", EntityCategory.DrinkingWater, "二次供水", "370102", "历下区花园路 66 号"),
        ("济南市中现制现售饮用水点（万达店）", EntityCategory.DrinkingWater, "现制现售", "370103", "市中区经四路万达广场"),
        ("济南槐荫二次供水管理站", EntityCategory.DrinkingWater, "二次供水", "370103", "市中区英雄山路 18 号"),
        ("济南历下仁和门诊部", EntityCategory.MedicalInstitution, "门诊部", "370102", "历下区文化东路 56 号"),
        ("济南康宁口腔诊所", EntityCategory.MedicalInstitution, "口腔", "370102", "历下区山大路 201 号"),
        ("济南市中区人民医院", EntityCategory.MedicalInstitution, "医院", "370103", "市中区二七新村南路 1 号"),
        ("济南德馨中医诊所", EntityCategory.MedicalInstitution, "诊所", "370103", "市中区马鞍山路 40 号"),
        ("济南历下实验小学", EntityCategory.School, "小学", "370102", "历下区和平路 12 号"),
        ("济南市中育英中学", EntityCategory.School, "中学", "370103", "市中区顺河街 7 号"),
        ("济南影像诊断中心", EntityCategory.Radiology, "放射诊疗", "370102", "历下区解放路 99 号"),
        ("济南洁康消毒用品有限公司", EntityCategory.Disinfection, "消毒产品生产", "370103", "市中区党家街道工业园 3 号"),
        ("青岛崂山海韵游泳馆", EntityCategory.PublicPlace, "游泳场所", "370212", "崂山区海尔路 180 号"),
        ("青岛石老人海景酒店", EntityCategory.PublicPlace, "住宿", "370212", "崂山区香港东路 50 号"),
        ("青岛崂山温泉浴场", EntityCategory.PublicPlace, "沐浴", "370212", "崂山区北宅街道 8 号"),
        ("青岛靓颜美发工作室", EntityCategory.PublicPlace, "美容美发", "370212", "崂山区松岭路 77 号"),
        ("青岛崂山自来水有限公司", EntityCategory.DrinkingWater, "集中式供水", "370212", "崂山区李村河路 2 号"),
        ("青岛金家岭小区二次供水站", EntityCategory.DrinkingWater, "二次供水", "370212", "崂山区金家岭路 9 号"),
        ("青岛崂山区中心卫生院", EntityCategory.MedicalInstitution, "医院", "370212", "崂山区沙子口街道 1 号"),
        ("青岛海之蓝口腔门诊部", EntityCategory.MedicalInstitution, "口腔", "370212", "崂山区株洲路 66 号"),
        ("青岛崂山第二实验小学", EntityCategory.School, "小学", "370212", "崂山区苗岭路 10 号"),
        ("青岛康源放射诊疗中心", EntityCategory.Radiology, "放射诊疗", "370212", "崂山区秦岭路 18 号"),
        ("青岛净界消毒产品有限公司", EntityCategory.Disinfection, "消毒产品生产", "370212", "崂山区科苑纬一路 1 号"),
    ];

    private static readonly string[] ContactNames = ["王建华", "李秀英", "张志强", "刘芳", "陈明", "杨丽"];

    private static string LicenceKind(EntityCategory category) => category switch
    {
        EntityCategory.PublicPlace => "公共场所卫生许可证",
        EntityCategory.DrinkingWater => "卫生许可证（供水单位）",
        EntityCategory.MedicalInstitution => "医疗机构执业许可证",
        EntityCategory.Radiology => "放射诊疗许可证",
        EntityCategory.Disinfection => "消毒产品生产企业卫生许可证",
        _ => "办学许可证",
    };

    public static async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<TianmuDb>();
        if (await db.Agencies.AnyAsync(ct))
        {
            return;
        }

        var province = new Agency(Guid.CreateVersion7(), null, AgencyLevel.Province, "370000", "山东省卫生健康委员会", "鲁");
        var jinan = new Agency(Guid.CreateVersion7(), province, AgencyLevel.City, "370100", "济南市卫生健康委员会", "济");
        var qingdao = new Agency(Guid.CreateVersion7(), province, AgencyLevel.City, "370200", "青岛市卫生健康委员会", "青");
        Agency[] agencies =
        [
            province, jinan, qingdao,
            new(Guid.CreateVersion7(), jinan, AgencyLevel.County, "370102", "济南市历下区卫生健康局", "济历"),
            new(Guid.CreateVersion7(), jinan, AgencyLevel.County, "370103", "济南市市中区卫生健康局", "济市中"),
            new(Guid.CreateVersion7(), qingdao, AgencyLevel.County, "370212", "青岛市崂山区卫生健康局", "青崂"),
        ];
        var byCode = agencies.ToDictionary(a => a.DivisionCode);
        db.Agencies.AddRange(agencies);

        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var hasher = sp.GetRequiredService<IPasswordHasher<User>>();
        var protector = sp.GetRequiredService<PersonalDataProtector>();
        var n = 0;
        foreach (var u in Users)
        {
            n++;
            var user = new User(Guid.CreateVersion7(), u.UserName, u.Name, byCode[u.Division], now);
            var credential = u.Roles.Any(r => r.NeedsCredential()) ? $"37{u.Division[2..4]}{n:D6}" : null;
            user.UpdateProfile(u.Name, credential, protector.Protect($"1390531{n:D4}"));
            user.SetRoles(u.Roles);
            user.SetLegalQualification(u.Roles.Contains(Role.LegalReviewer) ? $"A2019{u.Division}{n:D4}" : null); // 法律职业资格 (art. 58 ¶2)
            user.PasswordHash = hasher.HashPassword(user, Password);
            db.Users.Add(user);
        }

        var entityUser = new User(Guid.CreateVersion7(), "ent.demo", "泉城游泳馆 管理员", null, now);
        entityUser.SetRoles([Role.EntityUser]);
        entityUser.PasswordHash = hasher.HashPassword(entityUser, Password);
        db.Users.Add(entityUser);

        var i = 0;
        foreach (var e in Entities)
        {
            i++;
            var body = $"91{e.Division}MA{i:D2}X{i * 37 % 10000:D4}";
            // One sole trader without a credit code shows how individuals are registered (name + ID number).
            var individual = e.Sub == "美容美发" && e.Division == "370103";
            var idNumber = individual ? "37010319880512302" + IdNumber.CheckCharacter("37010319880512302") : null;
            var profile = new EntityProfile(e.Name, individual ? null : body + CreditCode.CheckCharacter(body), protector.Protect(idNumber), protector.BlindIndex(idNumber),
                e.Category, e.Sub, e.Street, ContactNames[i % ContactNames.Length], protector.Protect($"1376401{i:D4}"));
            var entity = new RegulatedEntity(Guid.CreateVersion7(), profile, byCode[e.Division], now);
            entity.ReplaceLicences([new Licence(Guid.CreateVersion7(), entity.Id, LicenceKind(e.Category), $"{byCode[e.Division].ShortName}卫{2024 + i % 3}第{1000 + i}号",
                new DateOnly(2024 + i % 3, 3, 1), new DateOnly(2028 + i % 3, 2, 28))]);
            db.Entities.Add(entity);
            if (i == 1)
            {
                db.EntityUsers.Add(new EntityUser(entity.Id, entityUser.Id)); // ent.demo acts for 济南泉城游泳馆
            }
        }

        SeedCatalog(db, province, jinan, now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A published provincial catalog, and a city item revised once so its history shows.</summary>
    private static void SeedCatalog(TianmuDb db, Agency province, Agency jinan, DateTimeOffset now)
    {
        var from = new DateOnly(2025, 1, 1);
        (Agency Agency, string Code, CatalogContent Content)[] items =
        [
            (province, "鲁-GGCS-001", new CatalogContent("游泳场所水质不符合卫生标准", [EntityCategory.PublicPlace], [CollectionMethod.OnlineMonitoring, CollectionMethod.SelfReport],
                "gb37488-2019/pool-water", "《公共场所卫生管理条例》第三条；GB 37488-2019 人工游泳池水质卫生要求",
                "《公共场所卫生管理条例实施细则》第三十六条", "责令限期改正，给予警告，可处二千元以下罚款；逾期不改正的，处二千元以上二万元以下罚款",
                "首次被发现、危害后果轻微并在责令期限内改正的，可以不予处罚（首违不罚）", from, null)),
            (province, "鲁-GGCS-002", new CatalogContent("住宿场所室内空气质量不符合卫生标准", [EntityCategory.PublicPlace], [CollectionMethod.OnlineMonitoring],
                "gb37488-2019/indoor-air", "《公共场所卫生管理条例》第三条；GB 37488-2019 室内空气质量要求",
                "《公共场所卫生管理条例实施细则》第三十六条", "责令限期改正，给予警告，可处二千元以下罚款", null, from, null)),
            (province, "鲁-YYS-001", new CatalogContent("二次供水水质不符合国家卫生标准", [EntityCategory.DrinkingWater], [CollectionMethod.OnlineMonitoring, CollectionMethod.SelfReport],
                "gb5749-2022/drinking-water", "《生活饮用水卫生监督管理办法》第六条；GB 5749-2022", "《生活饮用水卫生监督管理办法》第二十六条",
                "责令限期改进，并可处以二十元以上五千元以下的罚款", "轻微并及时改正、没有造成危害后果的，不予处罚", from, null)),
            (province, "鲁-YL-001", new CatalogContent("医疗废物未按规定分类收集、暂存", [EntityCategory.MedicalInstitution], [CollectionMethod.VideoAi, CollectionMethod.OnlineMonitoring],
                "medical-waste/video-ai", "《医疗废物管理条例》第十六条、第十七条", "《医疗废物管理条例》第四十六条",
                "给予警告，责令限期改正；逾期不改正的，处二千元以上五千元以下罚款", null, from, null)),
        ];
        foreach (var (agency, code, content) in items)
        {
            var item = new CatalogItem(Guid.CreateVersion7(), agency, code, now);
            var version = new CatalogVersion(Guid.CreateVersion7(), item.Id, 1, content, "sd.admin", now);
            version.Publish("孙立新（sd.admin）", now);
            db.CatalogItems.Add(item);
            db.CatalogVersions.Add(version);
        }

        var city = new CatalogItem(Guid.CreateVersion7(), jinan, "济-GGCS-001", now);
        var first = new CatalogVersion(Guid.CreateVersion7(), city.Id, 1, new CatalogContent("沐浴场所未公示卫生检测结果", [EntityCategory.PublicPlace], [CollectionMethod.VideoAi],
            null, "《公共场所卫生管理条例实施细则》第二十条", "《公共场所卫生管理条例实施细则》第三十七条", "责令限期改正；逾期不改正的，给予警告", null, from, new DateOnly(2025, 12, 31)), "jn.admin", now);
        first.Publish("王海燕（jn.admin）", now);
        var second = new CatalogVersion(Guid.CreateVersion7(), city.Id, 2, new CatalogContent("公共场所未公示卫生检测结果", [EntityCategory.PublicPlace], [CollectionMethod.VideoAi, CollectionMethod.SelfReport],
            null, "《公共场所卫生管理条例实施细则》第二十条", "《公共场所卫生管理条例实施细则》第三十七条", "责令限期改正；逾期不改正的，给予警告，并处一千元以上一万元以下罚款",
            "首次发现并当场改正的，不予处罚", new DateOnly(2026, 1, 1), null), "jn.admin", now);
        second.Publish("王海燕（jn.admin）", now);
        db.CatalogItems.Add(city);
        db.CatalogVersions.AddRange(first, second);
    }

    /// <summary>The demo accounts, for the console banner.</summary>
    public static IEnumerable<string> Accounts() =>
        Users.Select(u => $"{u.UserName,-14} {string.Join("、", u.Roles.Select(r => r.ToChinese()))}（{u.Name}）")
            .Append($"{"ent.demo",-14} 行政相对人");
}
