namespace Tianmu.Devices;

/// <summary>
/// The order a device must go through before its records may be evidence (行政处罚法 art. 41, S6,
/// Z13): registered → legal and technical review → installation confirmation signed by the entity
/// → on-site notice posted and location published → active → suspended / retired.
/// </summary>
public enum DeviceStatus
{
    /// <summary>已登记</summary>
    Registered,

    /// <summary>已通过法制和技术审核</summary>
    Reviewed,

    /// <summary>相对人已签署确认书</summary>
    Confirmed,

    /// <summary>已公告明示并公布位置</summary>
    Noticed,

    /// <summary>启用</summary>
    Active,

    /// <summary>暂停</summary>
    Suspended,

    /// <summary>停用报废</summary>
    Retired,
}

public enum DeviceAction
{
    Review,
    Confirm,
    PostNotice,
    Activate,
    Suspend,
    Resume,
    Retire,
}

public static class DeviceLifecycle
{
    private static readonly Dictionary<(DeviceStatus, DeviceAction), DeviceStatus> Transitions = new()
    {
        [(DeviceStatus.Registered, DeviceAction.Review)] = DeviceStatus.Reviewed,
        [(DeviceStatus.Reviewed, DeviceAction.Confirm)] = DeviceStatus.Confirmed,
        [(DeviceStatus.Confirmed, DeviceAction.PostNotice)] = DeviceStatus.Noticed,
        [(DeviceStatus.Noticed, DeviceAction.Activate)] = DeviceStatus.Active,
        [(DeviceStatus.Active, DeviceAction.Suspend)] = DeviceStatus.Suspended,
        [(DeviceStatus.Suspended, DeviceAction.Resume)] = DeviceStatus.Active,
        [(DeviceStatus.Registered, DeviceAction.Retire)] = DeviceStatus.Retired,
        [(DeviceStatus.Reviewed, DeviceAction.Retire)] = DeviceStatus.Retired,
        [(DeviceStatus.Confirmed, DeviceAction.Retire)] = DeviceStatus.Retired,
        [(DeviceStatus.Noticed, DeviceAction.Retire)] = DeviceStatus.Retired,
        [(DeviceStatus.Active, DeviceAction.Retire)] = DeviceStatus.Retired,
        [(DeviceStatus.Suspended, DeviceAction.Retire)] = DeviceStatus.Retired,
    };

    public static DeviceStatus? Next(DeviceStatus from, DeviceAction action) =>
        Transitions.TryGetValue((from, action), out var to) ? to : null;

    public static IEnumerable<DeviceAction> Allowed(DeviceStatus from) =>
        Transitions.Keys.Where(k => k.Item1 == from).Select(k => k.Item2);

    /// <summary>Why an action is not possible now, in Chinese, naming the step that must come first.</summary>
    public static string Refusal(DeviceStatus from, DeviceAction action) => (from, action) switch
    {
        (DeviceStatus.Retired, _) => "设备已停用报废，不能再变更状态。",
        (DeviceStatus.Registered, not DeviceAction.Review) => "设备须先通过法制和技术审核（《行政处罚法》第四十一条）。",
        (DeviceStatus.Reviewed, not DeviceAction.Confirm) => "须先由行政相对人签署安装确认书（山东规范第六条、浙江办法第十三条）。",
        (DeviceStatus.Confirmed, not DeviceAction.PostNotice) => "须先在现场公告明示并公布设备位置（《行政处罚法》第四十一条）。",
        (DeviceStatus.Noticed, not DeviceAction.Activate) => "设备尚未启用。",
        _ => $"设备当前状态为“{from.ToChinese()}”，不能执行此操作。",
    };

    public static string ToChinese(this DeviceStatus status) => status switch
    {
        DeviceStatus.Registered => "已登记",
        DeviceStatus.Reviewed => "已审核",
        DeviceStatus.Confirmed => "相对人已确认",
        DeviceStatus.Noticed => "已公告",
        DeviceStatus.Active => "启用",
        DeviceStatus.Suspended => "暂停",
        _ => "停用报废",
    };
}
