using Tianmu.Persistence;

namespace Tianmu.Server.Hosting;

/// <summary>
/// The validated start-up configuration (section "Tianmu" plus ConnectionStrings:Tianmu).
/// Any problem stops start-up with one plain sentence, not a stack trace. SeedDemoDevices: with the
/// demo, also register the demo monitoring devices the simulator streams from (run.sh turns it on).
/// </summary>
public sealed record TianmuSettings(DatabaseSettings Database, string DataDir, string? AdminPassword, bool SeedDemo, string? PersonalDataKey, bool SeedDemoDevices = false)
{
    /// <summary>SMS delivery (Tianmu:Sms): the gateway, or the embedded outbox file.</summary>
    public Notifications.SmsOptions Sms { get; init; } = new();

    /// <summary>E-mail delivery (Tianmu:Smtp): the SMTP server, or the embedded .eml outbox.</summary>
    public Notifications.SmtpOptions Smtp { get; init; } = new();

    /// <summary>Evidence retention (Tianmu:Evidence): never less than a year (S17).</summary>
    public Server.Evidence.EvidenceOptions Evidence { get; init; } = new();

    /// <summary>The evidence log (Tianmu:EvidenceLog): hash and signature algorithms, tree-head interval, batching.</summary>
    public Server.Evidence.EvidenceLogOptions EvidenceLog { get; init; } = new();

    /// <summary>PDF rendering (Tianmu:Pdf): Chromium's path, page pool, render timeout.</summary>
    public Server.Documents.PdfSettings Pdf { get; init; } = new();

    /// <summary>The payment platform (Tianmu:Payments): the callback's shared secret, the simulated payment page.</summary>
    public Server.Payments.PaymentOptions Payments { get; init; } = new();

    public static TianmuSettings From(IConfiguration configuration, string contentRoot)
    {
        var dataDir = configuration["Tianmu:DataDir"];
        dataDir = Path.GetFullPath(string.IsNullOrWhiteSpace(dataDir) ? "data" : dataDir, contentRoot);
        try
        {
            Directory.CreateDirectory(dataDir);
            var probe = Path.Combine(dataDir, ".write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationProblem($"数据目录 Tianmu:DataDir（{dataDir}）无法写入：{e.Message}");
        }

        var provider = (configuration["Tianmu:Database:Provider"] ?? "sqlite").Trim().ToLowerInvariant();
        var connectionString = configuration.GetConnectionString("Tianmu");
        var database = provider switch
        {
            "sqlite" when string.IsNullOrWhiteSpace(connectionString) => DatabaseSettings.SqliteIn(dataDir),
            "sqlite" => new DatabaseSettings(DatabaseProvider.Sqlite, connectionString),
            "postgres" or "postgresql" when string.IsNullOrWhiteSpace(connectionString) =>
                throw new ConfigurationProblem("使用 PostgreSQL 时必须设置连接字符串 ConnectionStrings:Tianmu。"),
            "postgres" or "postgresql" => new DatabaseSettings(DatabaseProvider.Postgres, connectionString),
            _ => throw new ConfigurationProblem($"Tianmu:Database:Provider 的值“{provider}”无效，只能是 sqlite 或 postgres。"),
        };

        var demo = Flag(configuration, "Tianmu:Demo");
        var demoDevices = Flag(configuration, "Tianmu:DemoDevices");

        var adminPassword = configuration["Tianmu:Bootstrap:AdminPassword"];
        if (adminPassword is { Length: < 8 })
        {
            throw new ConfigurationProblem("Tianmu:Bootstrap:AdminPassword 至少需要 8 个字符。");
        }

        var key = configuration["Tianmu:Security:PersonalDataKey"];
        if (key is not null && !IsKey(key))
        {
            throw new ConfigurationProblem("Tianmu:Security:PersonalDataKey 必须是 32 字节密钥的 Base64 编码。");
        }

        return new TianmuSettings(database, dataDir, adminPassword, demo, key, demo && demoDevices) { Sms = Notifications.SmsOptions.From(configuration), Smtp = Notifications.SmtpOptions.From(configuration), Evidence = Server.Evidence.EvidenceOptions.From(configuration), EvidenceLog = Server.Evidence.EvidenceLogOptions.From(configuration), Pdf = Server.Documents.PdfSettings.From(configuration), Payments = Server.Payments.PaymentOptions.From(configuration, demo) };
    }

    private static bool Flag(IConfiguration configuration, string key) => configuration[key] switch
    {
        null => false,
        var value when bool.TryParse(value, out var on) => on,
        var value => throw new ConfigurationProblem($"{key} 的值“{value}”无效，只能是 true 或 false。"),
    };

    private static bool IsKey(string value)
    {
        Span<byte> buffer = stackalloc byte[64];
        return Convert.TryFromBase64String(value, buffer, out var written) && written == 32;
    }
}

/// <summary>A configuration mistake, reported to the operator as one sentence.</summary>
public sealed class ConfigurationProblem(string message) : Exception(message);
