using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Tianmu.Evidence.Log;

/// <summary>The signature algorithm of tree heads: ECDSA P-256 by default, SM2 (国密) by configuration.</summary>
public enum LogSignatureAlgorithm
{
    EcdsaP256,
    Sm2,
}

/// <summary>
/// Verification of tree-head signatures. Public keys are X.509 SubjectPublicKeyInfo (DER).
/// ECDSA P-256 signs SHA-256 of the message, signature as IEEE P1363 r||s (64 bytes, what WebCrypto checks);
/// SM2 signs with SM3 and the standard default user ID "1234567812345678" (GB/T 35276), signature DER-encoded.
/// </summary>
public static class LogSignatures
{
    public static string Name(LogSignatureAlgorithm algorithm) => algorithm == LogSignatureAlgorithm.EcdsaP256 ? "ecdsa-p256" : "sm2";

    public static LogSignatureAlgorithm? ForName(string name) => name switch
    {
        "ecdsa-p256" => LogSignatureAlgorithm.EcdsaP256,
        "sm2" => LogSignatureAlgorithm.Sm2,
        _ => null,
    };

    public static bool Verify(LogSignatureAlgorithm algorithm, byte[] publicKeySpki, byte[] message, byte[] signature)
    {
        try
        {
            return algorithm == LogSignatureAlgorithm.EcdsaP256
                ? VerifyEcdsa(publicKeySpki, message, signature)
                : VerifySm2(publicKeySpki, message, signature);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or InvalidOperationException or Org.BouncyCastle.Security.SecurityUtilityException or IOException or InvalidCastException)
        {
            return false; // a malformed key or signature is simply not a valid signature
        }
    }

    public static bool Verify(SignedTreeHead head, byte[] publicKeySpki) =>
        Verify(head.SignatureAlgorithm, publicKeySpki, head.Head.SigningMessage(), head.Signature);

    private static bool VerifyEcdsa(byte[] spki, byte[] message, byte[] signature)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(spki, out _);
        return key.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static bool VerifySm2(byte[] spki, byte[] message, byte[] signature)
    {
        if (PublicKeyFactory.CreateKey(spki) is not ECPublicKeyParameters key)
        {
            return false;
        }

        var signer = new SM2Signer();
        signer.Init(false, key);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.VerifySignature(signature);
    }
}
