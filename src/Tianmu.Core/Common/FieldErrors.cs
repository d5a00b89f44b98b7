namespace Tianmu.Common;

/// <summary>Collects per-field validation messages (Chinese) for a ValidationProblem.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public FieldErrors Required(string field, string? value, string label, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"请填写{label}。");
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"{label}不能超过 {maxLength} 个字符。");
        }

        return this;
    }

    public Error ToError() => Error.Validation(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
