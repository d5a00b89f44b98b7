using System.Globalization;
using Tianmu.Common;
using Tianmu.Server.Notifications;

namespace Tianmu.Server.Components.Shared;

/// <summary>Reads the phone-call form (rendered by PhoneCallPanel) into the API's input; the time is entered in China time.</summary>
public static class PhoneCallForm
{
    public const string TimeFormat = "yyyy-MM-ddTHH:mm";

    public static Result<PhoneCallInput> Read(IFormCollection f)
    {
        DateTimeOffset? calledAt = null;
        if (!string.IsNullOrWhiteSpace(f["calledAt"]))
        {
            if (!DateTime.TryParseExact(f["calledAt"], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                return Error.Validation("calledAt", "通话时间格式不正确。");
            }

            calledAt = new DateTimeOffset(local, ChinaTime.Offset).ToUniversalTime();
        }

        return new PhoneCallInput(calledAt, Text(f, "number"), Text(f, "outcome"), Text(f, "answeredBy"), Text(f, "note"), QueryValue.Guid(f["warningId"]), QueryValue.Guid(f["caseId"]));
    }

    private static string? Text(IFormCollection f, string name) => string.IsNullOrWhiteSpace(f[name]) ? null : f[name].ToString();
}
