using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Tianmu.Documents;

/// <summary>The outcome of checking a detached signature over a PDF.</summary>
public sealed record SignatureCheck(bool Valid, string? Signer, string? Thumbprint, DateTimeOffset? SignedAt, string? Problem);

/// <summary>
/// The agency's document-signing certificate: a self-signed ECDSA P-256 certificate with its PKCS#8 key, both PEM,
/// in {DataDir}/keys/document-signing.pem (mode 0600, created on first start, shared by every node). Each issued
/// PDF gets a detached CMS (PKCS#7) signature, SHA-256, with the certificate and signing time inside.
/// </summary>
public sealed class DocumentSigning : IDisposable
{
    private const string SigningTimeOid = "1.2.840.113549.1.9.5";

    private readonly X509Certificate2 certificate;

    private DocumentSigning(X509Certificate2 certificate) => this.certificate = certificate;

    public string Thumbprint => certificate.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant();

    public string Subject => certificate.Subject;

    public static DocumentSigning LoadOrCreate(string path, TimeProvider clock)
    {
        if (!File.Exists(path))
        {
            Create(path, clock);
        }

        var text = File.ReadAllText(path);
        return new DocumentSigning(X509Certificate2.CreateFromPem(text, text));
    }

    /// <summary>Writes a new certificate to a private temporary file and moves it into place unless another node got there first.</summary>
    private static void Create(string path, TimeProvider clock)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=天目执法文书签章, O=Tianmu", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        var now = clock.GetUtcNow();
        using var cert = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(30));
        var pem = "# tianmu document-signing certificate and key\n" + cert.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";
        Security.KeyFiles.CreateOnce(path, Encoding.ASCII.GetBytes(pem));
    }

    /// <summary>A detached CMS signature (DER) over the bytes.</summary>
    public byte[] Sign(byte[] content, DateTimeOffset at)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(at.UtcDateTime));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    /// <summary>Checks the signature over the content and that this deployment's certificate made it.</summary>
    public SignatureCheck Verify(byte[] content, byte[] signature)
    {
        try
        {
            var cms = new SignedCms(new ContentInfo(content), detached: true);
            cms.Decode(signature);
            var info = cms.SignerInfos[0];
            info.CheckSignature(verifySignatureOnly: true);
            var signerCert = info.Certificate;
            var thumbprint = signerCert?.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant();
            var signedAt = info.SignedAttributes.Cast<CryptographicAttributeObject>()
                .Where(a => a.Oid.Value == SigningTimeOid && a.Values.Count > 0)
                .Select(a => (DateTimeOffset?)new DateTimeOffset(new Pkcs9SigningTime(a.Values[0].RawData).SigningTime.ToUniversalTime(), TimeSpan.Zero))
                .FirstOrDefault();
            return thumbprint == Thumbprint
                ? new SignatureCheck(true, signerCert!.Subject, thumbprint, signedAt, null)
                : new SignatureCheck(false, signerCert?.Subject, thumbprint, signedAt, "签名证书不是本平台的文书签章证书。");
        }
        catch (CryptographicException)
        {
            return new SignatureCheck(false, null, null, null, "签名与文件内容不符，文件可能已被篡改。");
        }
    }

    public void Dispose() => certificate.Dispose();
}
