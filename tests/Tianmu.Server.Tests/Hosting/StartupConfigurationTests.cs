using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Tianmu.Persistence;
using Tianmu.Server.Hosting;

namespace Tianmu.Server.Tests.Hosting;

/// <summary>A bad configuration stops start-up with one clear sentence and exit code 2, not a stack trace.</summary>
public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData("--Tianmu:Database:Provider=oracle", "Tianmu:Database:Provider")]
    [InlineData("--Tianmu:Database:Provider=postgres", "ConnectionStrings:Tianmu")]
    [InlineData("--Tianmu:Demo=maybe", "Tianmu:Demo")]
    [InlineData("--Tianmu:DemoDevices=maybe", "Tianmu:DemoDevices")]
    [InlineData("--Tianmu:Bootstrap:AdminPassword=short", "AdminPassword")]
    [InlineData("--Tianmu:Security:PersonalDataKey=abc", "PersonalDataKey")]
    [InlineData("--Tianmu:Sms:GatewayUrl=ftp://sms.example", "Tianmu:Sms:GatewayUrl")]
    [InlineData("--Tianmu:Sms:TimeoutSeconds=soon", "Tianmu:Sms")]
    [InlineData("--Tianmu:EvidenceLog:Hash=md5", "Tianmu:EvidenceLog:Hash")]
    [InlineData("--Tianmu:EvidenceLog:Signature=rsa", "Tianmu:EvidenceLog:Signature")]
    [InlineData("--Tianmu:EvidenceLog:TimestampAuthorityUrl=ftp://tsa.example", "Tianmu:EvidenceLog:TimestampAuthorityUrl")]
    public async Task TheServerProcessRefusesWithOneSentence(string argument, string named)
    {
        var (exit, stdout, stderr) = await RunServerAsync(argument);
        Assert.Equal(2, exit);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("启动失败：", lines[0], StringComparison.Ordinal);
        Assert.Contains(named, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr + stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableDatabaseIsReportedPlainly()
    {
        var (exit, stdout, stderr) = await RunServerAsync(
            "--Tianmu:Database:Provider=postgres", "--ConnectionStrings:Tianmu=Host=127.0.0.1;Port=1;Username=x;Password=y;Timeout=3");
        Assert.Equal(2, exit);
        Assert.Contains("无法连接或初始化数据库", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr + stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsAreTheEmbeddedSqliteUnderData()
    {
        var root = Directory.CreateTempSubdirectory().FullName;
        var settings = TianmuSettings.From(new ConfigurationBuilder().Build(), root);
        Assert.Equal(DatabaseProvider.Sqlite, settings.Database.Provider);
        Assert.Equal(Path.Combine(root, "data"), settings.DataDir);
        Assert.Contains(Path.Combine(root, "data", "tianmu.db"), settings.Database.ConnectionString, StringComparison.Ordinal);
        Assert.False(settings.SeedDemo);
        Directory.Delete(root, true);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunServerAsync(params string[] arguments)
    {
        var dataDir = Directory.CreateTempSubdirectory("tianmu-cfg-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDir,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Tianmu.Server.dll"));
        start.ArgumentList.Add($"--Tianmu:DataDir={dataDir}");
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Directory.Delete(dataDir, true);
        return (process.ExitCode, await stdout, await stderr);
    }
}
