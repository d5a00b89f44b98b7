using System.Globalization;
using Tianmu.Common;
using Tianmu.SelfReports;

namespace Tianmu.Server.SelfReports;

/// <summary>Checks submitted values against a form's fields and returns them as recorded (label and unit included).</summary>
public static class ReportValues
{
    public static List<ReportedValue> Check(IReadOnlyList<FormField> fields, IReadOnlyDictionary<string, string?> given, FieldErrors errors)
    {
        var values = new List<ReportedValue>();
        foreach (var field in fields)
        {
            var raw = given.GetValueOrDefault(field.Code)?.Trim();
            if (string.IsNullOrEmpty(raw))
            {
                if (field.Required)
                {
                    errors.Add(field.Code, $"请填写“{field.Label}”。");
                }

                continue;
            }

            var value = field.Type switch
            {
                FieldType.Number => CheckNumber(field, raw, errors),
                FieldType.YesNo => raw is "是" or "true" ? "是" : raw is "否" or "false" ? "否" : Fail(errors, field, $"“{field.Label}”须为“是”或“否”。"),
                _ => raw.Length <= 500 ? raw : Fail(errors, field, $"“{field.Label}”不超过 500 字。"),
            };
            if (value is not null)
            {
                values.Add(new ReportedValue(field.Code, field.Label, field.Unit, value));
            }
        }

        return values;
    }

    private static string? CheckNumber(FormField field, string raw, FieldErrors errors)
    {
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return Fail(errors, field, $"“{field.Label}”须为数值。");
        }

        // Min/max bound what can be entered at all (a typo guard), not what is compliant: an
        // out-of-limit value is exactly what the entity must be able to report truthfully.
        if (number < field.Min || number > field.Max)
        {
            return Fail(errors, field, $"“{field.Label}”须在 {field.Min} 到 {field.Max}{field.Unit} 之间，请核对。");
        }

        return number.ToString(CultureInfo.InvariantCulture);
    }

    private static string? Fail(FieldErrors errors, FormField field, string message)
    {
        errors.Add(field.Code, message);
        return null;
    }
}
