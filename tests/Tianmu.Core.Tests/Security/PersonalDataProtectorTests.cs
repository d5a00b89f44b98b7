using System.Security.Cryptography;
using Tianmu.Security;

namespace Tianmu.Tests.Security;

public sealed class PersonalDataProtectorTests
{
    private static readonly PersonalDataProtector Protector = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void RoundTripsAndNeverStoresPlaintext()
    {
        var cipher = Protector.Protect("13905310001")!;
        Assert.DoesNotContain("13905310001", cipher, StringComparison.Ordinal);
        Assert.StartsWith("v1:", cipher, StringComparison.Ordinal);
        Assert.Equal("13905310001", Protector.Unprotect(cipher));
    }

    [Fact]
    public void SamePlaintextGivesDifferentCiphertexts() =>
        Assert.NotEqual(Protector.Protect("13905310001"), Protector.Protect("13905310001"));

    [Fact]
    public void TamperingOrAWrongKeyIsDetected()
    {
        var cipher = Protector.Protect("370102199001011234")!;
        var bytes = Convert.FromBase64String(cipher[3..]);
        bytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => Protector.Unprotect("v1:" + Convert.ToBase64String(bytes)));
        Assert.ThrowsAny<CryptographicException>(() => new PersonalDataProtector(RandomNumberGenerator.GetBytes(32)).Unprotect(cipher));
    }

    [Fact]
    public void KeyFileIsCreatedOnceAndReadable()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var file = Path.Combine(dir, "keys", "k.key");
        var first = PersonalDataProtector.LoadKey(null, file);
        Assert.Equal(first, PersonalDataProtector.LoadKey(null, file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData("13905310001", "139****0001")]
    [InlineData(null, "")]
    [InlineData("12345", "*****")]
    public void MasksPhones(string? phone, string masked) => Assert.Equal(masked, Mask.Phone(phone));
}
