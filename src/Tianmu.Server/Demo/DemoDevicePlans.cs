using Tianmu.Devices;
using Tianmu.Server.Devices;

namespace Tianmu.Server.Demo;

/// <summary>One demo device: where it goes, who registers and reviews it, the entity's account that signs, and its calibration's days left.</summary>
public sealed record DemoDevicePlan(string Entity, string Officer, string Reviewer, string EntityAccount, DeviceInput Input, int CalibrationDaysLeft);

/// <summary>
/// The demo devices. Metric codes are the ones the simulator streams and the rule packs check; HJ 212
/// devices send pH, turbidity and water temperature under their HJ 212-2017 factor codes (mapped in
/// <c>Tianmu:Hj212:Factors</c>) and free chlorine, which has no code in that table, under the metric code.
/// </summary>
public static class DemoDevicePlans
{
    private const string PoolStandard = "GB 37488-2019";
    private const string WaterStandard = "GB 5749-2022";

    private static readonly ParameterInput[] PoolWater =
    [
        new("free_chlorine", "游离性余氯", "mg/L", 0, 5, "±0.02 mg/L", PoolStandard),
        new("ph", "pH", "", 0, 14, "±0.05", PoolStandard),
        new("turbidity", "浑浊度", "NTU", 0, 20, "±2 %", PoolStandard),
        new("water_temperature", "水温", "℃", 0, 50, "±0.2 ℃", PoolStandard),
    ];

    private static readonly ParameterInput[] PlantWater =
    [
        new("free_chlorine", "游离氯", "mg/L", 0, 5, "±0.02 mg/L", WaterStandard),
        new("ph", "pH", "", 0, 14, "±0.05", WaterStandard),
        new("turbidity", "浑浊度", "NTU", 0, 20, "±2 %", WaterStandard),
    ];

    private static readonly ParameterInput[] IndoorAir =
    [
        new("co2", "二氧化碳", "%", 0, 0.5m, "±(0.005 % + 3 %)", PoolStandard),
        new("air_temperature", "室内温度", "℃", -10, 50, "±0.3 ℃", PoolStandard),
        new("humidity", "相对湿度", "%", 0, 100, "±3 %", PoolStandard),
    ];

    public static readonly IReadOnlyList<DemoDevicePlan> All =
    [
        Plan("济南泉城游泳馆有限公司", "lx.officer1", "lx.reviewer", "ent.demo", 300,
            Device(DeviceType.WaterQualityAnalyser, "力合科技", "LFWQ-200", "LH20250311", PlaceType.PlantRoom, "水处理间 循环回水取样口", PoolWater)),
        Plan("济南明湖水上运动中心", "lx.officer2", "lx.head", "ent.minghu", 200,
            Device(DeviceType.WaterQualityAnalyser, "聚光科技", "SupNIR-W212", "JG2024A0917", PlaceType.PoolArea, "深水池东侧池壁", PoolWater, "SDJNLX0201")),
        Plan("济南奥体游泳健身有限公司", "lx.officer1", "lx.reviewer", "ent.aoti", 250,
            Device(DeviceType.WaterQualityAnalyser, "力合科技", "LFWQ-200", "LH20250602", PlaceType.PlantRoom, "设备机房 砂缸出水口", PoolWater)),
        Plan("济南趵突泉宾馆", "szq.officer1", "jn.reviewer", "ent.baotu", 280,
            Device(DeviceType.AirQualityMonitor, "青岛佳明", "JM-IAQ6", "JMQ2503318", PlaceType.Lobby, "一楼大堂 前台西侧", IndoorAir)),
        Plan("济南泉水供水有限公司东区水厂", "lx.officer2", "lx.reviewer", "ent.quanshui", 20,
            Device(DeviceType.WaterQualityAnalyser, "哈希", "CL17sc", "HC2023110456", PlaceType.PlantRoom, "出厂水 清水池出口", PlantWater, "SDJNLX0301", FundingModel.Government)),
        Plan("济南历下仁和门诊部", "lx.officer1", "lx.head", "ent.renhe", 0,
            Device(DeviceType.AiCamera, "海康威视", "DS-2CD3T46", "HK2025J7731", PlaceType.WasteStore, "医疗废物暂存间 门口上方", [], captures: true)),
        Plan("青岛崂山海韵游泳馆", "ls.officer1", "qd.reviewer", "ent.haiyun", 330,
            Device(DeviceType.WaterQualityAnalyser, "聚光科技", "SupNIR-W212", "JG2025B0102", PlaceType.PoolArea, "标准池北侧池壁", PoolWater, "SDQDLS0101")),
    ];

    private static DemoDevicePlan Plan(string entity, string officer, string reviewer, string account, int calibrationDaysLeft, DeviceInput input) =>
        new(entity, officer, reviewer, account, input, calibrationDaysLeft);

    private static DeviceInput Device(
        DeviceType type, string make, string model, string serial, PlaceType place, string site, ParameterInput[] parameters,
        string? mn = null, FundingModel funding = FundingModel.MarketEntity, bool captures = false) =>
        new(null, type, make, model, serial, captures, mn is null ? DeviceProtocol.Http : DeviceProtocol.Hj212, mn, mn is null ? null : DemoDevices.Hj212Password,
            Mobility.Fixed, place, site, funding, funding == FundingModel.Government ? "济历卫采〔2025〕12 号" : null,
            funding == FundingModel.Government, funding == FundingModel.Government, funding == FundingModel.Government, funding == FundingModel.Government, parameters);
}
