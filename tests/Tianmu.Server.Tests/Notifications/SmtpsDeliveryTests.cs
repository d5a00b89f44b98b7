using Tianmu.Notifications;
using Tianmu.Server.Notifications;

namespace Tianmu.Server.Tests.Notifications;

/// <summary>
/// SMTPS (implicit TLS, RFC 8314 — port 465 at many mail services in China): the e-mail reaches a real server over TLS
/// after signing in; a server whose certificate is not trusted gets nothing, and the attempt is kept for a retry.
/// </summary>
public sealed class SmtpsDeliveryTests(SmtpsApp app) : IClassFixture<SmtpsApp>
{
    private const string Quancheng = "济南泉城游泳馆有限公司";

    [Fact]
    public async Task TheEmailReachesTheServerOverTlsAfterSigningInWithItsChineseSubjectIntact()
    {
        var id = await TestMail.QueueAsync(app, Quancheng, "legal@quancheng.example.cn", body: "第一行\n.以点开头的一行\n最后一行");

        var mail = Assert.Single(await app.Smtp.WaitForAsync(id));
        Assert.Equal(["legal@quancheng.example.cn"], mail.RcptTos);
        Assert.Equal(TestMail.Subject, mail.Subject);
        Assert.StartsWith("第一行\n.以点开头的一行\n最后一行", mail.Body.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal); // dot-stuffing undone by the server
        Assert.DoesNotContain("X-Receiver", mail.Raw, StringComparison.Ordinal); // pickup-file envelope lines are not sent
        var row = await TestMail.SettledAsync(app, id);
        Assert.Equal((NotificationStatus.Sent, 1), (row.Status, row.Attempts));
    }

    [Fact]
    public async Task AServerWhoseCertificateIsNotTrustedGetsNothingAndTheAttemptIsRetried()
    {
        var (id, outcome) = await SendDirectlyAsync(trustedCa: null, SmtpsApp.Password);

        Assert.False(outcome.Accepted);
        Assert.False(outcome.Permanent);
        Assert.Contains("证书", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(app.Smtp.For(id));
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedWithoutEchoingIt()
    {
        var (id, outcome) = await SendDirectlyAsync(app.CaFile, "猜错的口令");

        Assert.False(outcome.Accepted);
        Assert.False(outcome.Permanent); // an operator fixes the password; the message waits
        Assert.Contains("SMTP 535", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("猜错", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(app.Smtp.For(id));
    }

    /// <summary>One message through a gateway of its own (not the app's), trusting <paramref name="trustedCa"/> (null: the system store).</summary>
    private async Task<(Guid Id, DeliveryOutcome Outcome)> SendDirectlyAsync(string? trustedCa, string password)
    {
        var gateway = new SmtpsMailGateway(new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = app.Smtp.Port,
            ImplicitTls = true,
            TrustedCaFile = trustedCa,
            FromAddress = MailApp.Sender,
            UserName = SmtpsApp.User,
            Password = password,
        }, Path.Combine(app.DataDir, "direct"));
        var id = Guid.CreateVersion7();
        return (id, await gateway.SendAsync(new MailRequest(id, "legal@quancheng.example.cn", "测试", "不应送达"), default));
    }
}
