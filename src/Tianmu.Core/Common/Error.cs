namespace Tianmu.Common;

/// <summary>
/// An expected failure of a use case, carried back as a value and turned into ProblemDetails in one
/// place. <see cref="Code"/> is stable and machine-readable; <see cref="Detail"/> is for people, in Chinese.
/// </summary>
public sealed record Error(ErrorKind Kind, string Code, string Detail, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public static Error Validation(IReadOnlyDictionary<string, string[]> fields) =>
        new(ErrorKind.Validation, "validation_failed", "提交的数据有误，请按字段提示修改。", fields);

    public static Error Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static Error NotFound(string what) => new(ErrorKind.NotFound, "not_found", $"{what}不存在或不在您的管辖范围内。");

    public static Error Conflict(string code, string detail) => new(ErrorKind.Conflict, code, detail);

    public static Error Unprocessable(string code, string detail) => new(ErrorKind.Unprocessable, code, detail);

    public static Error Forbidden(string code, string detail) => new(ErrorKind.Forbidden, code, detail);

    public static Error Unauthenticated(string code, string detail) => new(ErrorKind.Unauthenticated, code, detail);

    public static Error TooLarge(string code, string detail) => new(ErrorKind.TooLarge, code, detail);

    public static Error UnsupportedMediaType(string code, string detail) => new(ErrorKind.UnsupportedMediaType, code, detail);

    /// <summary>A component the use case needs is down (503); the request may succeed later.</summary>
    public static Error Unavailable(string code, string detail) => new(ErrorKind.Unavailable, code, detail);
}

public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Unprocessable,
    Forbidden,
    Unauthenticated,
    TooLarge,
    UnsupportedMediaType,
    Unavailable,
}

/// <summary>A use case's outcome: a value or an <see cref="Error"/>.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Error error) => new(default, error);
}
