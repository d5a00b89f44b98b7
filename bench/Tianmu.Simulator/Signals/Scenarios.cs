namespace Tianmu.Simulator.Signals;

/// <summary>How a pool's staff fill in the daily self-test: honestly, or copying a compliant chlorine value whatever the water holds.</summary>
public sealed record ReporterPlan(string Account, bool CopiesGoodChlorine);

/// <summary>
/// Which demo device misbehaves how, and which pools self-report. Keyed by the demo entity's name:
/// other devices follow their normal pattern. Offsets are relative to the simulator's start and repeat
/// every episode period, so a newcomer sees a fresh low-chlorine episode within a minute, the camera
/// covered a few minutes later, and the other two already under way.
/// </summary>
public static class Scenarios
{
    public static readonly IReadOnlyDictionary<string, Episode[]> ByEntity = new Dictionary<string, Episode[]>
    {
        // ent.demo's pool: its chlorinator stops 30 s after the simulator starts, for 12 minutes.
        ["济南泉城游泳馆有限公司"] = [new Episode(EpisodeKind.LowChlorine, "free_chlorine", TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(12))],

        // The HJ 212 pool monitor's pH electrode has been stuck for half an hour and stays so for 15 minutes more.
        ["济南明湖水上运动中心"] = [new Episode(EpisodeKind.FlatLine, "ph", TimeSpan.FromMinutes(-30), TimeSpan.FromMinutes(45))],

        // This pool's monitor went quiet 8 minutes before the start and comes back 12 minutes after it.
        ["济南奥体游泳健身有限公司"] = [new Episode(EpisodeKind.Silence, null, TimeSpan.FromMinutes(-8), TimeSpan.FromMinutes(20))],

        // Someone hangs a cloth over the clinic's waste-store camera 3 minutes after the start, for 10 minutes.
        ["济南历下仁和门诊部"] = [new Episode(EpisodeKind.Covered, null, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(10))],
    };

    /// <summary>
    /// The pools that fill in the daily self-test (the demo form 游泳场所开放前水质自检日报) from their own
    /// accounts. 泉城 reports a compliant free chlorine while its sensor shows the low-chlorine episode:
    /// a self-report the sensor contradicts (S20/Z24).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, ReporterPlan> SelfReporting = new Dictionary<string, ReporterPlan>
    {
        ["济南泉城游泳馆有限公司"] = new("ent.demo", CopiesGoodChlorine: true),
        ["济南明湖水上运动中心"] = new("ent.minghu", CopiesGoodChlorine: false),
        ["济南奥体游泳健身有限公司"] = new("ent.aoti", CopiesGoodChlorine: false),
    };

    public static IReadOnlyList<Episode> For(string entityName) => ByEntity.TryGetValue(entityName, out var episodes) ? episodes : [];
}
