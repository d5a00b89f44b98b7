using System.Security.Cryptography;
using System.Text;

namespace Tianmu.Service;

/// <summary>What the party states in a confirmation, as entered; phone and e-mail in full or masked, depending on who reads.</summary>
public sealed record ServiceAddressTerms(
    string AgencyName, string EntityName, string? CreditCode, string Address, ServiceMethod Method, bool ElectronicConsent, string? PortalAccount, string? Phone, string? Email);

/// <summary>
/// The text of the 送达地址确认书. Composed from the terms alone, so the server recomposes exactly what the signer saw
/// and compares hashes: a text that changed in between is refused, as with the device installation confirmation.
/// </summary>
public static class ServiceAddressText
{
    public static string Compose(ServiceAddressTerms t)
    {
        var text = new StringBuilder();
        text.Append("送达地址确认书\n\n");
        text.Append($"致{t.AgencyName}：\n");
        text.Append($"本单位（{t.EntityName}，{(t.CreditCode is null ? "个人" : "统一社会信用代码 " + t.CreditCode)}）就卫生健康行政执法文书的送达，确认如下：\n");
        text.Append($"一、送达地址：{t.Address}。\n");
        text.Append($"二、送达方式：{t.Method.ToChinese()}。\n");
        if (t.ElectronicConsent)
        {
            text.Append($"三、本单位同意{t.AgencyName}采用电子方式送达行政执法文书（含行政处罚决定书），接收文书的电子送达地址为：\n");
            var n = 0;
            if (t.PortalAccount is { } account)
            {
                text.Append($"（{Ordinal(++n)}）天目门户账户：{account}（文书送达本单位门户收件箱）；\n");
            }

            if (t.Phone is { } phone)
            {
                text.Append($"（{Ordinal(++n)}）手机号码：{phone}；\n");
            }

            if (t.Email is { } email)
            {
                text.Append($"（{Ordinal(++n)}）电子邮箱：{email}；\n");
            }

            text.Append("以电子方式送达的，以送达信息到达上述地址所在系统的日期为送达日期。本单位需要纸质文书的，可以向执法机关申请提供。\n");
        }
        else
        {
            text.Append("三、本单位不同意采用电子方式送达。\n");
        }

        text.Append("四、上述地址或者方式变更的，本单位将及时重新确认；因本单位提供的地址不准确或者变更后未及时告知，导致文书未能被实际接收的，由本单位自行承担相应的法律后果。\n");
        text.Append("五、本单位已知悉：直接送达的，以签收日期为送达日期；邮寄送达的，以回执上注明的收件日期为送达日期；拒绝签收的，可以留置送达；"
            + "以其他方式无法送达的，可以公告送达，自发出公告之日起经过三十日即视为送达。\n");
        text.Append("（依据：《中华人民共和国行政处罚法》第六十一条；《中华人民共和国民事诉讼法》第八十七条至第九十五条；《浙江省卫生健康非现场行政执法工作办法（试行）》第二十条。）\n");
        return text.ToString();
    }

    /// <summary>SHA-256 (lower-case hex) of the text's UTF-8 bytes.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Ordinal(int n) => n switch { 1 => "一", 2 => "二", _ => "三" };
}
