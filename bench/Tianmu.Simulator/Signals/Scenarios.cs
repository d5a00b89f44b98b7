namespace Tianmu.Simulator.Signals;

/// <summary>
/// Which demo device misbehaves how. Keyed by the demo entity's name: other devices follow their normal
/// pattern. Offsets are relative to the simulator's start and repeat every episode period, so a newcomer
/// sees a fresh low-chlorine episode within a minute and the other two are already under way.
/// Self-reports that disagree with the sensor are left for a SelfReports source, once the self-report
/// API exists: it would read <see cref="SiteModels"/> and report values a site's sensor contradicts.
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
    };

    public static IReadOnlyList<Episode> For(string entityName) => ByEntity.TryGetValue(entityName, out var episodes) ? episodes : [];
}
