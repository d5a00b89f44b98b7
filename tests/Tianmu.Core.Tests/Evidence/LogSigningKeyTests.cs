using System.Text;
using Tianmu.Evidence.Log;

namespace Tianmu.Tests.Evidence;

public sealed class LogSigningKeyTests
{
    public static TheoryData<string> Algorithms => ["ecdsa-p256", "sm2"];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void SignedTreeHeadsVerifyAndAlteredOnesDoNot(string name)
    {
        var algorithm = LogSignatures.ForName(name)!.Value;
        var key = LogSigningKey.Generate(algorithm);
        var hasher = algorithm == LogSignatureAlgorithm.Sm2 ? LogHasher.Sm3 : LogHasher.Sha256;
        var head = new TreeHead(42, hasher.Hash("root"u8), DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_123), hasher.Algorithm);
        var signed = new SignedTreeHead(head, key.KeyId, algorithm, key.Sign(head.SigningMessage()));

        Assert.True(LogSignatures.Verify(signed, key.PublicKey));
        Assert.False(LogSignatures.Verify(signed with { Head = head with { Size = 43 } }, key.PublicKey));
        Assert.False(LogSignatures.Verify(signed with { Head = head with { Timestamp = head.Timestamp.AddMilliseconds(1) } }, key.PublicKey));
        Assert.False(LogSignatures.Verify(signed, LogSigningKey.Generate(algorithm).PublicKey));
        var other = algorithm == LogSignatureAlgorithm.Sm2 ? LogSignatureAlgorithm.EcdsaP256 : LogSignatureAlgorithm.Sm2;
        Assert.False(LogSignatures.Verify(signed with { SignatureAlgorithm = other }, key.PublicKey));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void TheKeyFileIsCreatedPrivateAndReloadsAsTheSameKey(string name)
    {
        var algorithm = LogSignatures.ForName(name)!.Value;
        var dir = Directory.CreateTempSubdirectory("tianmu-key-").FullName;
        try
        {
            var path = Path.Combine(dir, "keys", "evidence-log.key");
            var created = LogSigningKey.LoadOrCreate(path, algorithm);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            Assert.Contains("-----BEGIN PRIVATE KEY-----", File.ReadAllText(path), StringComparison.Ordinal);
            var loaded = LogSigningKey.LoadOrCreate(path, algorithm);
            Assert.Equal(algorithm, loaded.Algorithm);
            Assert.Equal(created.KeyId, loaded.KeyId);
            Assert.Equal(created.PublicKey, loaded.PublicKey);
            var message = Encoding.ASCII.GetBytes("tianmu-tree-head/1\n");
            Assert.True(LogSignatures.Verify(algorithm, created.PublicKey, message, loaded.Sign(message)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
