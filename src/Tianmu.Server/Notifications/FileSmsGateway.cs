using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Tianmu.Security;

namespace Tianmu.Server.Notifications;

/// <summary>
/// The embedded default when no gateway is configured: appends one JSON line per message
/// ({id, to, text, sign, template, params, at}) to {DataDir}/outbox/sms.jsonl, with the phone number masked — the file is a
/// record of what would have been sent, not a second copy of personal data.
/// </summary>
public sealed class FileSmsGateway(string path, TimeProvider clock) : ISmsGateway
{
    private static readonly JsonSerializerOptions Format = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
    private readonly SemaphoreSlim gate = new(1, 1);

    public string Path { get; } = path;

    public async Task<DeliveryOutcome> SendAsync(SmsMessage message, CancellationToken ct)
    {
        var line = JsonSerializer.Serialize(new
        {
            id = message.Id,
            to = Mask.Phone(message.To),
            text = message.Text,
            sign = message.Sign,
            template = message.TemplateCode,
            @params = message.Values,
            at = clock.GetUtcNow(),
        }, Format) + "\n";
        await gate.WaitAsync(ct);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            await using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await file.WriteAsync(Encoding.UTF8.GetBytes(line), ct);
            await file.FlushAsync(ct);
            return DeliveryOutcome.Ok;
        }
        catch (IOException e)
        {
            return new DeliveryOutcome(false, $"写入短信记录文件失败（{e.GetType().Name}）");
        }
        finally
        {
            gate.Release();
        }
    }
}
