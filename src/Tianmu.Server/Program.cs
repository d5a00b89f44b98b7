using System.Data.Common;
using Tianmu.Server.Demo;
using Tianmu.Server.Hosting;

if (args is [Tianmu.Server.Evidence.VerifyCommand.Name, .. var verifyArgs])
{
    // Checks an exported evidence disc; no web host, no database.
    Console.OutputEncoding = System.Text.Encoding.UTF8;
    return await Tianmu.Server.Evidence.VerifyCommand.RunAsync(verifyArgs, Console.Out, CancellationToken.None);
}

try
{
    var builder = WebApplication.CreateBuilder(args);
    var settings = TianmuSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
    builder.Logging.ClearProviders();
    builder.Logging.AddJsonConsole(o =>
    {
        o.IncludeScopes = true;
        o.UseUtcTimestamp = true;
        o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
    });
    builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = Tianmu.Server.Api.BodySizeLimit.DefaultLimit);
    builder.Services.AddTianmu(settings);
    builder.Services.AddRazorComponents();

    var app = builder.Build();
    app.UseTianmu();
    await StartupTasks.RunAsync(app.Services, settings);
    if (settings.SeedDemo)
    {
        Console.WriteLine($"演示数据已就绪。演示账户（密码均为 {DemoData.Password}）：");
        foreach (var account in DemoData.Accounts())
        {
            Console.WriteLine("  " + account);
        }
    }

    await app.RunAsync();
    return 0;
}
catch (ConfigurationProblem problem)
{
    Console.Error.WriteLine($"启动失败：{problem.Message}");
    return 2;
}
catch (DirectoryNotFoundException e)
{
    Console.Error.WriteLine($"启动失败：目录不存在（{e.Message}），请检查 --contentRoot 与 Tianmu:DataDir。");
    return 2;
}
catch (DbException e)
{
    Console.Error.WriteLine($"启动失败：无法连接或初始化数据库（{e.Message.Split('\n')[0].Trim()}），请检查 Tianmu:Database:Provider 与 ConnectionStrings:Tianmu。");
    return 2;
}

/// <summary>Entry point; public for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
