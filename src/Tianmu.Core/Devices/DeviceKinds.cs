namespace Tianmu.Devices;

public enum DeviceType
{
    /// <summary>水质在线监测仪</summary>
    WaterQualityAnalyser,

    /// <summary>空气质量监测仪</summary>
    AirQualityMonitor,

    /// <summary>视频监控及边缘 AI 盒</summary>
    AiCamera,

    /// <summary>消毒/灭菌记录仪</summary>
    DisinfectionRecorder,

    /// <summary>医疗废物称重设备</summary>
    MedicalWasteScale,

    /// <summary>其他</summary>
    Other,
}

/// <summary>Where a device is placed. S5 forbids image or sound recording in the private places.</summary>
public enum PlaceType
{
    /// <summary>泳池池区</summary>
    PoolArea,

    /// <summary>水处理间/设备机房</summary>
    PlantRoom,

    /// <summary>水箱间/泵房</summary>
    WaterTankRoom,

    /// <summary>大堂/前台</summary>
    Lobby,

    /// <summary>走廊/公共通道</summary>
    Corridor,

    /// <summary>出入口</summary>
    Entrance,

    /// <summary>营业区/公共活动区</summary>
    ServiceArea,

    /// <summary>诊疗区</summary>
    ClinicalArea,

    /// <summary>医疗废物暂存间</summary>
    WasteStore,

    /// <summary>消毒供应室</summary>
    SterilisationRoom,

    /// <summary>室外</summary>
    Outdoor,

    /// <summary>宾馆客房 (S5: private)</summary>
    HotelGuestRoom,

    /// <summary>集体宿舍 (S5: private)</summary>
    PublicDormitory,

    /// <summary>公共浴室 (S5: private)</summary>
    PublicBathroom,

    /// <summary>淋浴间 (S5: private)</summary>
    Shower,

    /// <summary>更衣室 (S5: private)</summary>
    ChangingRoom,

    /// <summary>卫生间 (S5: private)</summary>
    Toilet,

    /// <summary>母婴室 (S5: private)</summary>
    MotherAndBabyRoom,

    /// <summary>其他</summary>
    Other,
}

public enum DeviceProtocol
{
    Http,
    Hj212,
}

/// <summary>固定 or 移动 (Z11).</summary>
public enum Mobility
{
    Fixed,
    Mobile,
}

/// <summary>Funding model (Z10).</summary>
public enum FundingModel
{
    /// <summary>政府投资</summary>
    Government,

    /// <summary>市场主体投资</summary>
    MarketEntity,

    /// <summary>合作投资</summary>
    Cooperative,
}

public static class DeviceNames
{
    public static string ToChinese(this DeviceType type) => type switch
    {
        DeviceType.WaterQualityAnalyser => "水质在线监测仪",
        DeviceType.AirQualityMonitor => "空气质量监测仪",
        DeviceType.AiCamera => "视频监控及边缘AI盒",
        DeviceType.DisinfectionRecorder => "消毒/灭菌记录仪",
        DeviceType.MedicalWasteScale => "医疗废物称重设备",
        _ => "其他设备",
    };

    public static string ToChinese(this PlaceType place) => place switch
    {
        PlaceType.PoolArea => "泳池池区",
        PlaceType.PlantRoom => "水处理间/设备机房",
        PlaceType.WaterTankRoom => "水箱间/泵房",
        PlaceType.Lobby => "大堂/前台",
        PlaceType.Corridor => "走廊/公共通道",
        PlaceType.Entrance => "出入口",
        PlaceType.ServiceArea => "营业区/公共活动区",
        PlaceType.ClinicalArea => "诊疗区",
        PlaceType.WasteStore => "医疗废物暂存间",
        PlaceType.SterilisationRoom => "消毒供应室",
        PlaceType.Outdoor => "室外",
        PlaceType.HotelGuestRoom => "宾馆客房",
        PlaceType.PublicDormitory => "集体宿舍",
        PlaceType.PublicBathroom => "公共浴室",
        PlaceType.Shower => "淋浴间",
        PlaceType.ChangingRoom => "更衣室",
        PlaceType.Toilet => "卫生间",
        PlaceType.MotherAndBabyRoom => "母婴室",
        _ => "其他",
    };

    public static string ToChinese(this FundingModel funding) => funding switch
    {
        FundingModel.Government => "政府投资",
        FundingModel.MarketEntity => "市场主体投资",
        _ => "合作投资",
    };
}
