using System.Text;

namespace Tianmu.Common;

/// <summary>
/// A small RFC 4180 reader and writer: quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM as Excel
/// writes it (and needs, to open Chinese text as UTF-8).
/// </summary>
public static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                if (row.Count > 1 || row[0].Length > 0)
                {
                    rows.Add([.. row]);
                }

                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }

    /// <summary>
    /// Rows as CSV text: CRLF line ends, a field quoted when it holds a comma, quote or line break, and
    /// a leading apostrophe before =, +, - or @ so a spreadsheet does not run a field as a formula.
    /// </summary>
    public static string Write(IEnumerable<IEnumerable<string?>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var first = true;
            foreach (var value in row)
            {
                if (!first)
                {
                    text.Append(',');
                }

                first = false;
                var field = value ?? "";
                if (field.Length > 0 && field[0] is '=' or '+' or '@' || (field.Length > 1 && field[0] == '-' && !char.IsDigit(field[1])))
                {
                    field = "'" + field;
                }

                text.Append(field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field);
            }

            text.Append("\r\n");
        }

        return text.ToString();
    }

    /// <summary>CSV as UTF-8 bytes with a BOM, so Excel reads the Chinese headers right.</summary>
    public static byte[] ToUtf8WithBom(string csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)];
}
