using Microsoft.Extensions.Configuration;
using Tianmu.Server.Hosting;
using Tianmu.Server.Notifications;

namespace Tianmu.Server.Tests.Notifications;

/// <summary>Tianmu:Smtp is checked at start-up, each mistake one Chinese sentence; retry waits double up to an hour.</summary>
public sealed class SmtpOptionsTests
{
    private static SmtpOptions From(params (string Key, string Value)[] settings) =>
        SmtpOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => $"Tianmu:Smtp:{s.Key}", s => (string?)s.Value)).Build());

    [Fact]
    public void WithoutAHostMailGoesToTheFileOutboxFromTheDefaultSender()
    {
        var options = From();
        Assert.False(options.UsesServer);
        Assert.Equal(("tianmu@localhost", SmtpOptions.DefaultFromName), (options.Sender.Address, options.Sender.DisplayName));
    }

    [Fact]
    public void AServerNeedsAValidSenderAddressAndSaneNumbers()
    {
        Assert.Contains("FromAddress", Assert.Throws<ConfigurationProblem>(() => From(("Host", "mail.example.cn"))).Message, StringComparison.Ordinal);
        Assert.Contains("不是有效的电子邮件地址", Assert.Throws<ConfigurationProblem>(() => From(("Host", "mail.example.cn"), ("FromAddress", "天目"))).Message, StringComparison.Ordinal);
        Assert.Contains("Port", Assert.Throws<ConfigurationProblem>(() => From(("Port", "70000"))).Message, StringComparison.Ordinal);
        Assert.Contains("数字", Assert.Throws<ConfigurationProblem>(() => From(("Port", "smtp"))).Message, StringComparison.Ordinal);
        Assert.Contains("同时设置", Assert.Throws<ConfigurationProblem>(() => From(("UserName", "tianmu"))).Message, StringComparison.Ordinal);

        var server = From(("Host", "mail.example.cn"), ("Port", "587"), ("FromAddress", "noreply@wjw.example.cn"), ("FromName", "历下区卫生健康局"), ("StartTls", "true"));
        Assert.Equal(("mail.example.cn", 587, true, "历下区卫生健康局"), (server.Host, server.Port, server.StartTls, server.Sender.DisplayName));
    }

    [Fact]
    public void Port465IsSmtpsAndTakesImplicitTlsWhichExcludesStartTls()
    {
        (string, string)[] server = [("Host", "smtp.exmail.example.cn"), ("FromAddress", "noreply@wjw.example.cn")];
        Assert.Contains("ImplicitTls=true", Assert.Throws<ConfigurationProblem>(() => From([.. server, ("Port", "465")])).Message, StringComparison.Ordinal);
        Assert.Contains("只能设置其一", Assert.Throws<ConfigurationProblem>(() => From([.. server, ("Port", "465"), ("ImplicitTls", "true"), ("StartTls", "true")])).Message, StringComparison.Ordinal);
        Assert.Contains("TrustedCaFile", Assert.Throws<ConfigurationProblem>(() => From([.. server, ("Port", "465"), ("ImplicitTls", "true"), ("TrustedCaFile", "/nonexistent/ca.pem")])).Message, StringComparison.Ordinal);

        var smtps = From([.. server, ("Port", "465"), ("ImplicitTls", "true")]);
        Assert.Equal((465, true, false), (smtps.Port, smtps.ImplicitTls, smtps.StartTls));
    }

    [Fact]
    public void RetryWaitsDoubleUpToAnHourAndTheLastAttemptGivesUp()
    {
        Assert.Equal([60, 120, 240, 480, 960], Enumerable.Range(1, 5).Select(a => Backoff.After(a, 6, 60)!.Value.TotalSeconds));
        Assert.Null(Backoff.After(6, 6, 60));
        Assert.Equal(3600, Backoff.After(10, 20, 60)!.Value.TotalSeconds);
    }
}
