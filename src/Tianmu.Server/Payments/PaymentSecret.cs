using System.Security.Cryptography;
using System.Text;
using Tianmu.Security;

namespace Tianmu.Server.Payments;

/// <summary>
/// The callback's shared secret and its signature: <c>hex(HMAC-SHA256(secret, timestamp + "\n" + nonce + "\n" + body))</c>
/// over the raw body bytes. Holds the key only; nothing here prints it.
/// </summary>
public sealed class PaymentSecret
{
    private readonly byte[] key;

    private PaymentSecret(string secret) => key = Encoding.UTF8.GetBytes(secret.Trim());

    /// <summary>The configured secret, or the deployment's own generated under <paramref name="keyFile"/> on first start.</summary>
    public static PaymentSecret LoadOrCreate(string? configured, string keyFile)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new PaymentSecret(configured);
        }

        if (!File.Exists(keyFile))
        {
            KeyFiles.CreateOnce(keyFile, Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))));
        }

        return new PaymentSecret(File.ReadAllText(keyFile));
    }

    public string Sign(string timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp + "\n" + nonce + "\n"));
        hmac.AppendData(body);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Compares in constant time, so the signature cannot be found byte by byte.</summary>
    public bool Verifies(string timestamp, string nonce, ReadOnlySpan<byte> body, string? signature) =>
        signature is { Length: 64 } && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(timestamp, nonce, body)), Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
}
