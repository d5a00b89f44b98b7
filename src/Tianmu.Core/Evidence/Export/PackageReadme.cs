using System.Globalization;
using System.Text;

namespace Tianmu.Evidence.Export;

/// <summary>README.txt of the disc, in Chinese: what is on it and the two ways to verify it.</summary>
public static class PackageReadme
{
    public const string FileName = "README.txt";

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>UTF-8 with a byte-order mark and CRLF line ends, so Windows Notepad shows the Chinese correctly.</summary>
    public static byte[] Render(PackageManifest m)
    {
        var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(m.TreeHead.Timestamp).ToOffset(China);
        string[] lines =
        [
            $"天目 电子证据光盘：{m.Title}",
            $"案件/编号：{m.CaseReference}",
            $"导出人：{m.Exporter}",
            $"导出时间（北京时间）：{m.ExportedAt.ToOffset(China).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}",
            $"证据数：{m.Items.Count}",
            $"证据日志树头：规模 {m.TreeHead.Size}，根哈希（{m.HashAlgorithm}）{m.TreeHead.RootHash}，签署于 {signedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}",
            $"日志公钥：{m.PublicKey.KeyId}（{m.SignatureAlgorithm}），指纹 SHA-256：{m.PublicKey.Fingerprint}",
            "",
            "一、光盘内容",
            "  objects/        证据原件，文件名为原件的 SHA-256 哈希值",
            "  manifest.json   清单：每件证据的编号、名称、证据要素、哈希、日志叶子数据、包含证明，以及签名树头和公钥",
            "  verify.html     独立核验页面（无需服务器、无需联网）",
            "  README.txt      本说明",
            "",
            "二、用浏览器核验（推荐，无需联网）",
            "  1. 用 Chrome、Edge 或其他新版浏览器打开光盘根目录下的 verify.html；",
            "  2. 点击“选择光盘目录”，选中光盘根目录（浏览器会询问是否上传，文件只在本机读取，不会发送到任何地方）；",
            "     也可以点击“选择文件”，选中 manifest.json 和 objects 文件夹内的全部文件；",
            "  3. 页面逐件重新计算原件的 SHA-256，核对日志叶子数据、包含证明和树头签名，",
            "     全部通过显示“核验通过”，否则指出第一件未通过的证据及原因。",
            "",
            "三、用命令核验",
            "  在装有天目的计算机上运行：",
            "    dotnet Tianmu.Server.dll verify <光盘目录、ZIP 文件或 ISO 映像> [--key-fingerprint <公钥指纹>]",
            "  （源码目录中：dotnet run --project src/Tianmu.Server -- verify <路径>）",
            "  全部通过时退出码为 0，否则为非 0，并指出第一件未通过的证据。",
            "",
            "四、核对公钥",
            "  核验只能证明光盘内容与一个由上述公钥签署的日志树头相符。请将公钥指纹与发证机关公布的",
            "  证据日志公钥指纹比对（命令可用 --key-fingerprint 自动比对），一致才说明证据出自该机关的证据日志。",
            "  证据要素以日志叶子数据所载为准；清单中的名称、导出人、导出时间仅供阅读，不在签名范围内。",
        ];
        var text = string.Join("\r\n", lines) + "\r\n";
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
    }
}
