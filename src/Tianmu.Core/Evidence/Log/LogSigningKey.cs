using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Tianmu.Evidence.Log;

/// <summary>
/// The tree-head signing key: a PKCS#8 private key in PEM in {DataDir}/keys/evidence-log.key, created with
/// mode 0600 on first start. The key id is the first 16 hex digits of SHA-256 over the public key (SPKI
/// DER), so anyone holding the public key can check which key signed. The private key is never logged.
/// </summary>
public sealed class LogSigningKey
{
    private readonly byte[] pkcs8;

    private LogSigningKey(LogSignatureAlgorithm algorithm, byte[] pkcs8, byte[] publicKey)
    {
        Algorithm = algorithm;
        this.pkcs8 = pkcs8;
        PublicKey = publicKey;
        KeyId = IdOf(publicKey);
    }

    public LogSignatureAlgorithm Algorithm { get; }

    /// <summary>SubjectPublicKeyInfo, DER.</summary>
    public byte[] PublicKey { get; }

    public string KeyId { get; }

    public static string IdOf(byte[] publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey))[..16];

    public static LogSigningKey Generate(LogSignatureAlgorithm algorithm)
    {
        if (algorithm == LogSignatureAlgorithm.EcdsaP256)
        {
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return new LogSigningKey(algorithm, ecdsa.ExportPkcs8PrivateKey(), ecdsa.ExportSubjectPublicKeyInfo());
        }

        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(GMObjectIdentifiers.sm2p256v1, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        return new LogSigningKey(algorithm,
            PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetDerEncoded(),
            SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public).GetDerEncoded());
    }

    /// <summary>Loads the key file, or creates it (mode 0600) when there is none.</summary>
    public static LogSigningKey LoadOrCreate(string path, LogSignatureAlgorithm algorithm)
    {
        if (File.Exists(path))
        {
            return Parse(File.ReadAllText(path));
        }

        var key = Generate(algorithm);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(path, options))
        {
            var text = Encoding.ASCII.GetBytes(key.ToPem());
            file.Write(text);
            file.Flush(flushToDisk: true);
        }

        return key;
    }

    /// <summary>The file's text: a comment naming algorithm and key id, then the PKCS#8 PEM block.</summary>
    public string ToPem() =>
        $"# tianmu evidence-log key\n# algorithm: {LogSignatures.Name(Algorithm)}\n# key-id: {KeyId}\n" +
        new string(PemEncoding.Write("PRIVATE KEY", pkcs8)) + "\n";

    public static LogSigningKey Parse(string text)
    {
        var start = text.IndexOf("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new FormatException("no PKCS#8 PRIVATE KEY block");
        }

        var fields = PemEncoding.Find(text.AsSpan(start));
        var der = Convert.FromBase64String(text.Substring(start + fields.Base64Data.Start.Value, fields.Base64Data.End.Value - fields.Base64Data.Start.Value));
        var info = PrivateKeyInfo.GetInstance(der);
        var curve = info.PrivateKeyAlgorithm.Parameters?.ToString();
        if (curve == GMObjectIdentifiers.sm2p256v1.Id)
        {
            var privateKey = (ECPrivateKeyParameters)PrivateKeyFactory.CreateKey(info);
            var q = privateKey.Parameters.G.Multiply(privateKey.D).Normalize();
            var publicKey = new ECPublicKeyParameters("EC", q, GMObjectIdentifiers.sm2p256v1);
            return new LogSigningKey(LogSignatureAlgorithm.Sm2, der, SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).GetDerEncoded());
        }

        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(der, out _);
        if (ecdsa.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new FormatException("the key is neither ECDSA P-256 nor SM2");
        }

        return new LogSigningKey(LogSignatureAlgorithm.EcdsaP256, der, ecdsa.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Signs a message in the formats <see cref="LogSignatures.Verify(LogSignatureAlgorithm, byte[], byte[], byte[])"/> checks.</summary>
    public byte[] Sign(byte[] message)
    {
        if (Algorithm == LogSignatureAlgorithm.EcdsaP256)
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return ecdsa.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithRandom((ICipherParameters)PrivateKeyFactory.CreateKey(pkcs8), new SecureRandom()));
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }
}
