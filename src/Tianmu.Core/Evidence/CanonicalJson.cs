using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tianmu.Evidence;

/// <summary>
/// Writes the canonical byte form of an evidence document: fields in the order the writer is called
/// (fixed by code, never by a dictionary or reflection), no whitespace, numbers in the shortest form
/// that reads back to the same double (invariant culture), times in UTC to the microsecond with a
/// fixed pattern. The same facts therefore give the same bytes on every run and on either database,
/// so a stored document's hash pins the numbers behind a finding.
/// </summary>
public sealed class CanonicalJson : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    private readonly MemoryStream buffer = new();
    private readonly Utf8JsonWriter writer;

    public CanonicalJson() => writer = new Utf8JsonWriter(buffer, Options);

    public Utf8JsonWriter Writer => writer;

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public CanonicalJson Begin()
    {
        writer.WriteStartObject();
        return this;
    }

    public CanonicalJson End()
    {
        writer.WriteEndObject();
        return this;
    }

    public CanonicalJson Object(string name)
    {
        writer.WriteStartObject(name);
        return this;
    }

    public CanonicalJson Array(string name)
    {
        writer.WriteStartArray(name);
        return this;
    }

    public CanonicalJson EndArray()
    {
        writer.WriteEndArray();
        return this;
    }

    public CanonicalJson String(string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }

        return this;
    }

    public CanonicalJson Num(string name, double? value)
    {
        if (value is not { } v || double.IsNaN(v) || double.IsInfinity(v))
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(Number(v), skipInputValidation: true);
        }

        return this;
    }

    public CanonicalJson Int(string name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }

        return this;
    }

    public CanonicalJson Bool(string name, bool value)
    {
        writer.WriteBoolean(name, value);
        return this;
    }

    public CanonicalJson At(string name, DateTimeOffset? value) => String(name, value is { } t ? Time(t) : null);

    public CanonicalJson Raw(string name, string json)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(json, skipInputValidation: true);
        return this;
    }

    public byte[] ToBytes()
    {
        writer.Flush();
        return buffer.ToArray();
    }

    public void Dispose()
    {
        writer.Dispose();
        buffer.Dispose();
    }
}
