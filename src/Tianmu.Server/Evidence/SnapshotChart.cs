using System.Text.Json;
using Tianmu.Server.Devices;

namespace Tianmu.Server.Evidence;

/// <summary>
/// A frozen data snapshot as the device chart draws it (js/charts.js): its readings, the rule's limit
/// band and the episode — drawn from the stored document itself, so the page shows exactly the numbers
/// that were frozen.
/// </summary>
public static class SnapshotChart
{
    public static string? From(byte[] document)
    {
        try
        {
            var d = JsonDocument.Parse(document).RootElement;
            var rule = d.GetProperty("rule");
            var window = d.GetProperty("window");
            var episode = d.GetProperty("episode");
            var points = d.GetProperty("readings").EnumerateArray().Select(r =>
            {
                var v = r.GetProperty("v").GetDouble();
                return new[] { (double)DateTimeOffset.Parse(r.GetProperty("t").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), v, v, 1, r.GetProperty("u").GetBoolean() ? 1 : 0 };
            }).ToList();
            double? Num(string name) => rule.GetProperty(name).ValueKind == JsonValueKind.Number ? rule.GetProperty(name).GetDouble() : null;
            var name = rule.GetProperty("name").GetString()!;
            var start = DateTimeOffset.Parse(episode.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var end = episode.GetProperty("end").GetString() is { } e ? DateTimeOffset.Parse(e, System.Globalization.CultureInfo.InvariantCulture) : DateTimeOffset.Parse(window.GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var unit = rule.GetProperty("unit").GetString();
            var view = new DeviceSeriesView(
                Guid.Parse(d.GetProperty("device").GetString()!),
                DateTimeOffset.Parse(window.GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(window.GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                points.Count,
                [new MetricSeries(d.GetProperty("metric").GetString() ?? "", name, unit, points.Count, null, points,
                    [new LimitBand(rule.GetProperty("code").GetString()!, name, rule.GetProperty("kind").GetString() ?? "", Num("min"), Num("max"), unit, rule.GetProperty("clause").GetString()!)],
                    [new EpisodeBand(Guid.Parse(d.GetProperty("warning").GetString()!), rule.GetProperty("code").GetString()!, name, "", "", start, end, episode.GetProperty("end").ValueKind == JsonValueKind.Null)])]);
            return JsonSerializer.Serialize(view, JsonSerializerOptions.Web);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            return null; // not a snapshot document: the page offers the download instead
        }
    }
}
