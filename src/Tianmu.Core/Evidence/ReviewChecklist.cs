namespace Tianmu.Evidence;

/// <summary>
/// 证据审查清单 (art. 41, S14/Z17). Each point is a fact the system found (<see cref="Point.Found"/>,
/// null where only a person can tell) and the officer's judgement of it (<see cref="Point.Confirmed"/>).
/// An item passes only when the officer confirms every point; a failing item needs a reason.
/// </summary>
public sealed record ReviewChecklist(IReadOnlyList<ReviewChecklist.Point> Points)
{
    public sealed record Point(string Code, string Group, string Label, bool? Found, string? Detail, bool Confirmed);

    /// <summary>The points, in order, with their group: 合法性, 客观性, 关联性, 要素完整.</summary>
    public static readonly IReadOnlyList<(string Code, string Group, string Label)> Items =
    [
        ("device_reviewed", "合法性", "设备已通过法制和技术审核"),
        ("device_confirmed", "合法性", "相对人已签署设备安装确认书"),
        ("notice_posted", "合法性", "已在现场公告明示"),
        ("location_published", "合法性", "设备位置已向社会公布"),
        ("calibration_valid", "合法性", "采集时检定/校准在有效期内"),
        ("not_private_place", "合法性", "非涉及个人隐私的场所（S5）"),
        ("lawful_means", "合法性", "以合法手段收集"),
        ("hash_verified", "客观性", "原件哈希复核一致"),
        ("continuous", "客观性", "记录清晰、连续、稳定、完整（Z14）"),
        ("no_edits", "客观性", "未经剪接、删改"),
        ("entity_linked", "关联性", "与本监管对象相关"),
        ("violation_linked", "关联性", "与本违法行为相关"),
        ("elements_complete", "要素完整", "时间、地点、人物、表现形式等要素完整"),
    ];

    public bool AllConfirmed => Items.All(i => Points.Any(p => p.Code == i.Code && p.Confirmed));
}
