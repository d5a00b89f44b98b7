using Microsoft.Extensions.Configuration;
using Tianmu.Notifications;
using Tianmu.Server.Hosting;
using Tianmu.Server.Notifications;

namespace Tianmu.Server.Tests.Notifications;

/// <summary>
/// SMS as Chinese SMS platforms take it (issue 8: template + parameters): each kind has one template whose variables
/// the values must fill exactly; the operator registers the texts listed in docs/sms-templates.md and maps every kind
/// to its template code, or none (free text).
/// </summary>
public sealed class SmsTemplateTests
{
    private static SmsOptions From(params (string Key, string Value)[] settings) =>
        SmsOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => $"Tianmu:Sms:{s.Key}", s => (string?)s.Value)).Build());

    [Fact]
    public void AMessageIsItsTemplateFilledWithItsValuesAfterTheSign()
    {
        var sms = SmsTemplates.Compose(NotificationKind.DocumentServed, "济南市历下区卫生健康局", ("entity", "济南泉城游泳馆有限公司"), ("document", "《行政处罚决定书》（济历卫罚〔2026〕1号）"));

        Assert.Equal("【济南市历下区卫生健康局】济南泉城游泳馆有限公司：本机关已向贵单位电子送达《行政处罚决定书》（济历卫罚〔2026〕1号），请登录天目门户“本单位文书”查阅。", sms.Text);
        Assert.Equal("""{"entity":"济南泉城游泳馆有限公司","document":"《行政处罚决定书》（济历卫罚〔2026〕1号）"}""", sms.ValuesJson);
    }

    [Fact]
    public void ValuesThatDoNotMatchTheTemplatesVariablesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => SmsTemplates.Compose(NotificationKind.DocumentServed, "机关", ("entity", "甲")));
        Assert.Throws<ArgumentException>(() => SmsTemplates.Compose(NotificationKind.DocumentServed, "机关", ("entity", "甲"), ("document", "乙"), ("extra", "丙")));
    }

    [Fact]
    public void TheDocumentListsEveryTemplateAsTheCodeSendsIt()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "sms-templates.md"));
        Assert.All(SmsTemplates.All, t =>
        {
            Assert.Contains($"`{t.Key}`", doc, StringComparison.Ordinal);
            Assert.Contains(t.Value, doc, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void TemplateCodesAreAllOrNoneAndNameKnownKinds()
    {
        Assert.Null(From().TemplateFor(NotificationKind.WarningRaised));

        var all = From([.. SmsTemplates.All.Keys.Select(k => ($"Templates:{k}", $"SMS_{(int)k}"))]);
        Assert.Equal("SMS_0", all.TemplateFor(NotificationKind.WarningRaised));

        var partial = Assert.Throws<ConfigurationProblem>(() => From(("Templates:WarningRaised", "SMS_1"))).Message;
        Assert.Contains("缺少", partial, StringComparison.Ordinal);
        Assert.Contains(nameof(NotificationKind.PaymentNotice), partial, StringComparison.Ordinal);
        Assert.Contains("Warning", Assert.Throws<ConfigurationProblem>(() => From(("Templates:Warning", "SMS_1"))).Message, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tianmu.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Tianmu.slnx not found above the test binaries.");
    }
}
