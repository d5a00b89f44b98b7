using Tianmu.Documents;
using Tianmu.Service;
using static Tianmu.Tests.Cases.CaseFixtures;

namespace Tianmu.Tests.Service;

/// <summary>The confirmation's text and the publication rules (行政处罚法第四十八条、第六十一条、第八十五条).</summary>
public sealed class PublicationAndConfirmationTests
{
    private static readonly ServiceAddressTerms Terms = new("济南市历下区卫生健康局", "济南泉城游泳馆有限公司", "91370102MA3C4XYZ1K", "历下区泉城路 88 号",
        ServiceMethod.Electronic, true, "ent.demo", "13812345678", "office@quancheng.example.cn");

    [Fact]
    public void TheConfirmationNamesEveryElectronicAddressAndTheServiceDateRule()
    {
        var text = ServiceAddressText.Compose(Terms);
        Assert.Contains("天目门户账户：ent.demo", text);
        Assert.Contains("手机号码：13812345678", text);
        Assert.Contains("电子邮箱：office@quancheng.example.cn", text);
        Assert.Contains("送达信息到达上述地址所在系统的日期为送达日期", text);
        Assert.Contains("第六十一条", text);
    }

    [Fact]
    public void WithoutConsentTheTextSaysSoAndNamesNoElectronicAddress()
    {
        var text = ServiceAddressText.Compose(Terms with { Method = ServiceMethod.Postal, ElectronicConsent = false, PortalAccount = null, Phone = null, Email = null });
        Assert.Contains("本单位不同意采用电子方式送达", text);
        Assert.Contains("送达方式：邮寄送达", text);
        Assert.DoesNotContain("手机号码", text);
    }

    [Fact]
    public void TheSameTermsGiveTheSameTextAndHashAnyChangeGivesAnother()
    {
        var hash = ServiceAddressText.Hash(ServiceAddressText.Compose(Terms));
        Assert.Equal(hash, ServiceAddressText.Hash(ServiceAddressText.Compose(Terms with { })));
        Assert.NotEqual(hash, ServiceAddressText.Hash(ServiceAddressText.Compose(Terms with { Phone = "13812345679" })));
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void AWithdrawalIsDueThreeWorkingDaysAfterTheDecisionChanged()
    {
        // 第四十八条第二款: 三日内撤回; 第八十五条: 三日 are working days. Friday 2026-09-25 → Wednesday 2026-09-30.
        Assert.Equal(D("2026-09-30"), PublicationRules.WithdrawBy(D("2026-09-25"), Shipped));
        Assert.Contains("第四十八条", PublicationRules.WithdrawalPeriod.Basis);
    }

    [Fact]
    public void ANaturalPersonsNameIdNumberAndPhoneAreMaskedAnOrganisationKeepsItsName()
    {
        var fields = new Dictionary<string, string>
        {
            [DocumentFields.Facts] = "当事人张三丰（身份证号 370102198001011234，电话 13912345678）经营的游泳池余氯不足。",
            [DocumentFields.Basis] = "《公共场所卫生管理条例实施细则》第三十六条",
            [DocumentFields.Penalty] = "警告，罚款 1000 元。",
        };
        var person = PublicationRules.Content(fields, "张三丰", naturalPerson: true);
        Assert.Equal("张**", PublicationRules.Party("张三丰", true));
        Assert.DoesNotContain("张三丰", person);
        Assert.DoesNotContain("370102198001011234", person);
        Assert.DoesNotContain("13912345678", person);
        Assert.Contains("370102********1234", person);
        Assert.Contains("处罚内容：警告，罚款 1000 元。", person);

        var organisation = PublicationRules.Content(fields, "济南泉城游泳馆有限公司", naturalPerson: false);
        Assert.Equal("济南泉城游泳馆有限公司", PublicationRules.Party("济南泉城游泳馆有限公司", false));
        Assert.Contains("张三丰", organisation); // an organisation's decision names its staff; only identifiers are masked
        Assert.DoesNotContain("13912345678", organisation);
    }
}
