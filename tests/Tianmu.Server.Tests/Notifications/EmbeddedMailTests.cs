using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Notifications;
using Tianmu.Server.Notifications;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Notifications;

/// <summary>Without an SMTP host, e-mails are written to {DataDir}/outbox/mail/{id}.eml, the recipient masked.</summary>
public sealed partial class EmbeddedMailTests(TianmuApp app) : IClassFixture<TianmuApp>
{
    [Fact]
    public async Task WithoutAnSmtpHostTheJobWritesEachEmailAsAnEmlFileWithTheRecipientMasked()
    {
        Assert.IsType<FileMailGateway>(app.Services.GetRequiredService<IMailGateway>());
        const string address = "wang.wu@example.cn";
        var id = await TestMail.QueueAsync(app, "济南泉城游泳馆有限公司", address);

        var row = await TestMail.SettledAsync(app, id);
        Assert.Equal((NotificationStatus.Sent, 1), (row.Status, row.Attempts)); // written counts as accepted
        var file = Path.Combine(app.DataDir, "outbox", "mail", $"{id}.eml");
        var eml = await File.ReadAllTextAsync(file);
        Assert.Contains("To: w***@example.cn", eml, StringComparison.Ordinal);
        Assert.DoesNotContain(address, eml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"Message-ID: <{id}@tianmu>", eml, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(TestMail.Subject, Header(eml, "Subject"));
        Assert.Equal($"\"{SmtpOptions.DefaultFromName}\" <tianmu@localhost>", Header(eml, "From"));
        Assert.StartsWith(TestMail.Body("济南泉城游泳馆有限公司"), Body(eml), StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(Path.Combine(app.DataDir, "outbox", "mail"))); // no pickup folder left behind
    }

    /// <summary>A header's value with RFC 2047 encoded words (B encoding, as System.Net.Mail writes them) decoded.</summary>
    private static string Header(string eml, string name)
    {
        var value = Regex.Match(eml, $@"^{name}: ([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)", RegexOptions.Multiline | RegexOptions.IgnoreCase).Groups[1].Value;
        var unfolded = Regex.Replace(value, @"\?=\s+=\?", "?==?");
        return EncodedWord().Replace(unfolded, m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)));
    }

    /// <summary>The base64 text body.</summary>
    private static string Body(string eml)
    {
        Assert.Contains("Content-Transfer-Encoding: base64", eml, StringComparison.OrdinalIgnoreCase);
        var body = eml[(eml.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        return Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Replace(body, @"\s", "")));
    }

    [GeneratedRegex(@"=\?utf-8\?B\?([^?]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();
}
