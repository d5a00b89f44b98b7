namespace Tianmu.Ingest.AiEvents;

/// <summary>One kind of event an edge box can recognise; <see cref="Violation"/> false for routine snapshots.</summary>
public sealed record AiEventType(string Code, string Name, bool Violation);

/// <summary>
/// The event kinds the platform accepts. Rules (the warning issue) count violation events in a window;
/// a patrol snapshot carries no finding and exists so camera integrity is checked even when nothing
/// happens in the scene.
/// </summary>
public static class AiEventTypes
{
    public static readonly IReadOnlyList<AiEventType> All =
    [
        new("no_mask", "未佩戴口罩", true),
        new("smoking", "吸烟", true),
        new("waste_store_unattended", "医疗废物暂存处无人值守", true),
        new("no_work_clothes", "未按规定穿戴工作衣帽", true),
        new("lifeguard_absent", "泳池救生员不在岗", true),
        new("pool_overcrowded", "泳池超员", true),
        new("rodent", "发现鼠患", true),
        new("patrol", "定时巡检快照", false),
    ];

    private static readonly Dictionary<string, AiEventType> ByCode = All.ToDictionary(t => t.Code, StringComparer.Ordinal);

    public static AiEventType? Find(string? code) => code is null ? null : ByCode.GetValueOrDefault(code);
}
