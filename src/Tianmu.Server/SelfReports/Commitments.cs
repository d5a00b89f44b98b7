using System.Security.Cryptography;
using System.Text;

namespace Tianmu.Server.SelfReports;

/// <summary>
/// The commitment (承诺书) is signed by sending back the SHA-256 of the exact text shown: a text that
/// changed between showing and signing is refused, so the stored text is the one the signer read.
/// </summary>
public static class Commitments
{
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
