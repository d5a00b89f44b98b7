namespace Tianmu.Devices;

/// <summary>
/// S5 (山东省卫生健康非现场执法规范 第五条): devices that record images or sound must not be placed in
/// hotel guest rooms, public dormitories, public bathrooms and showers, changing rooms, toilets or
/// mother-and-baby rooms.
/// </summary>
public static class PrivacyRule
{
    public static readonly IReadOnlySet<PlaceType> PrivatePlaces = new HashSet<PlaceType>
    {
        PlaceType.HotelGuestRoom, PlaceType.PublicDormitory, PlaceType.PublicBathroom, PlaceType.Shower,
        PlaceType.ChangingRoom, PlaceType.Toilet, PlaceType.MotherAndBabyRoom,
    };

    /// <summary>Cameras always record images; any other device does when it is declared to capture images or sound.</summary>
    public static bool RecordsImageOrSound(DeviceType type, bool declaresCapture) => type == DeviceType.AiCamera || declaresCapture;

    /// <summary>The refusal in Chinese, or null when the placement is allowed.</summary>
    public static string? Refusal(DeviceType type, bool declaresCapture, PlaceType place) =>
        RecordsImageOrSound(type, declaresCapture) && PrivatePlaces.Contains(place)
            ? $"依据《山东省卫生健康非现场执法规范》第五条，录制图像或声音的设备不得安装在{place.ToChinese()}等涉及个人隐私的场所。"
            : null;
}
