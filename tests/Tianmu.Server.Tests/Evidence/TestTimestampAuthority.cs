using System.Net;
using System.Net.Sockets;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Store;

namespace Tianmu.Server.Tests.Evidence;

/// <summary>
/// A tiny RFC 3161 time-stamping authority on a local port: BouncyCastle's TSP generator with a
/// self-signed RSA certificate marked for time-stamping, answering application/timestamp-query POSTs.
/// </summary>
public sealed class TestTimestampAuthority : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly TimeStampResponseGenerator responder;
    private long serial;

    public TestTimestampAuthority()
    {
        var keys = new RsaKeyPairGenerator();
        keys.Init(new KeyGenerationParameters(new SecureRandom(), 2048));
        var pair = keys.GenerateKeyPair();
        var certificate = SelfSigned(pair);
        var tokens = new TimeStampTokenGenerator(pair.Private, certificate, TspAlgorithms.Sha256, "1.2.3.4.1");
        tokens.SetCertificates(X509StoreFactory.Create("Certificate/Collection", new X509CollectionStoreParameters(new[] { certificate })));
        responder = new TimeStampResponseGenerator(tokens, TspAlgorithms.Allowed);

        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/tsa/";
        listener.Prefixes.Add(Url);
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public int Requests { get; private set; }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var request = new TimeStampRequest(body.ToArray());
            var response = responder.Generate(request, BigInteger.ValueOf(Interlocked.Increment(ref serial)), DateTime.UtcNow);
            var bytes = response.GetEncoded();
            Requests++;
            context.Response.ContentType = "application/timestamp-reply";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static Org.BouncyCastle.X509.X509Certificate SelfSigned(AsymmetricCipherKeyPair pair)
    {
        var generator = new X509V3CertificateGenerator();
        var name = new X509Name("CN=Tianmu Test TSA");
        generator.SetSerialNumber(BigInteger.One);
        generator.SetIssuerDN(name);
        generator.SetSubjectDN(name);
        generator.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        generator.SetNotAfter(DateTime.UtcNow.AddDays(1));
        generator.SetPublicKey(pair.Public);
        generator.AddExtension(X509Extensions.ExtendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeID.IdKPTimeStamping));
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", pair.Private));
    }

    public void Dispose() => listener.Close();
}
