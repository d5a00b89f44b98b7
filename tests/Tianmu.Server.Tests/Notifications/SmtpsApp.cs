using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Tianmu.Server.Tests.Support;

namespace Tianmu.Server.Tests.Notifications;

/// <summary>
/// The server sending e-mail over SMTPS (TLS from the first byte, as on port 465) to a real local server that requires
/// sign-in, its certificate issued for 127.0.0.1 by a CA of the test's own that the server is told to trust.
/// </summary>
public sealed class SmtpsApp : TianmuApp
{
    public const string User = "tianmu-sender";
    public const string Password = "发件口令-2026";

    private readonly string keys = Directory.CreateTempSubdirectory("tianmu-smtps-").FullName;

    public LocalSmtpServer Smtp { get; private set; } = default!;

    public string CaFile => Path.Combine(keys, "ca.pem");

    public override async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true)); // its own CA
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await File.WriteAllTextAsync(CaFile, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(keys, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        Smtp = await LocalSmtpServer.StartSmtpsAsync(CaFile, Path.Combine(keys, "key.pem"), User, Password);
        await base.InitializeAsync();
    }

    protected override void Configure(IWebHostBuilder builder)
    {
        foreach (var (key, value) in MailApp.Settings(Smtp.Port))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Tianmu:Smtp:ImplicitTls", "true");
        builder.UseSetting("Tianmu:Smtp:TrustedCaFile", CaFile);
        builder.UseSetting("Tianmu:Smtp:UserName", User);
        builder.UseSetting("Tianmu:Smtp:Password", Password);
    }

    protected override async Task BeforeDisposeAsync()
    {
        await Smtp.DisposeAsync();
        Directory.Delete(keys, recursive: true);
    }
}
