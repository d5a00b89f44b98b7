using System.Security.Cryptography;
using System.Text;

namespace Tianmu.Security;

/// <summary>
/// Encrypts personal data (phone and ID numbers) at rest with AES-256-GCM. The ciphertext carries a
/// version prefix so the key can be rotated later; a wrong key or a tampered value fails loudly.
/// </summary>
public sealed class PersonalDataProtector
{
    private const string Prefix = "v1:";
    private readonly byte[] key;
    private readonly byte[] indexKey;

    public PersonalDataProtector(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("个人信息加密密钥须为 32 字节（256 位）。", nameof(key));
        }

        this.key = key;
        indexKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, info: Encoding.UTF8.GetBytes("tianmu blind index v1"));
    }

    public string? Protect(string? plain)
    {
        if (string.IsNullOrEmpty(plain))
        {
            return null;
        }

        var data = Encoding.UTF8.GetBytes(plain);
        var buffer = new byte[12 + data.Length + 16];
        var nonce = buffer.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, data, buffer.AsSpan(12, data.Length), buffer.AsSpan(12 + data.Length));
        return Prefix + Convert.ToBase64String(buffer);
    }

    /// <summary>
    /// A keyed hash (HMAC-SHA256 under a key derived from the data key) for finding equal values —
    /// duplicate ID numbers — without decrypting; useless to anyone without the key.
    /// </summary>
    public string? BlindIndex(string? plain) =>
        string.IsNullOrEmpty(plain) ? null : Convert.ToHexStringLower(HMACSHA256.HashData(indexKey, Encoding.UTF8.GetBytes(plain.Trim().ToUpperInvariant())));

    public string? Unprotect(string? cipher)
    {
        if (string.IsNullOrEmpty(cipher))
        {
            return null;
        }

        if (!cipher.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new CryptographicException("Unknown personal-data cipher version.");
        }

        var buffer = Convert.FromBase64String(cipher[Prefix.Length..]);
        var length = buffer.Length - 28;
        var plain = new byte[length];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(buffer.AsSpan(0, 12), buffer.AsSpan(12, length), buffer.AsSpan(12 + length), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>A key from configuration (base64) or, for the embedded default, from a file created on first start.</summary>
    public static byte[] LoadKey(string? configured, string keyFile)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Convert.FromBase64String(configured);
        }

        if (File.Exists(keyFile))
        {
            return Convert.FromBase64String(File.ReadAllText(keyFile).Trim());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(keyFile, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }
}

/// <summary>Masks personal data for lists and logs.</summary>
public static class Mask
{
    /// <summary>13812345678 → 138****5678.</summary>
    public static string Phone(string? phone) =>
        phone is null ? "" : phone.Length < 7 ? new string('*', phone.Length) : phone[..3] + "****" + phone[^4..];

    /// <summary>zhang.san@example.cn → z***@example.cn.</summary>
    public static string Email(string? email) =>
        email is null ? "" : email.IndexOf('@') is var at and > 0 ? email[..1] + "***" + email[at..] : new string('*', email.Length);
}
