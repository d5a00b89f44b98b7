using Tianmu.Devices;

namespace Tianmu.Tests.Devices;

/// <summary>S5: no image or sound recording in guest rooms, dormitories, bathrooms, showers, changing rooms, toilets, mother-and-baby rooms.</summary>
public sealed class PrivacyRuleTests
{
    public static TheoryData<PlaceType> Private => [.. PrivacyRule.PrivatePlaces];

    public static TheoryData<PlaceType> Public => [.. Enum.GetValues<PlaceType>().Where(p => !PrivacyRule.PrivatePlaces.Contains(p))];

    [Fact]
    public void TheSevenPrivatePlacesOfS5()
    {
        Assert.Equal(7, PrivacyRule.PrivatePlaces.Count);
        Assert.Contains(PlaceType.ChangingRoom, PrivacyRule.PrivatePlaces);
    }

    [Theory]
    [MemberData(nameof(Private))]
    public void CamerasAreRefusedInEveryPrivatePlace(PlaceType place)
    {
        var refusal = PrivacyRule.Refusal(DeviceType.AiCamera, false, place);
        Assert.NotNull(refusal);
        Assert.Contains("第五条", refusal, StringComparison.Ordinal);
        Assert.Contains(place.ToChinese(), refusal, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Private))]
    public void AnyDeviceDeclaredToRecordSoundIsRefusedThere(PlaceType place) =>
        Assert.NotNull(PrivacyRule.Refusal(DeviceType.Other, declaresCapture: true, place));

    [Theory]
    [MemberData(nameof(Private))]
    public void SensorsThatRecordNoImageOrSoundMayBeThere(PlaceType place) =>
        Assert.Null(PrivacyRule.Refusal(DeviceType.AirQualityMonitor, declaresCapture: false, place)); // e.g. CO2 in a guest room

    [Theory]
    [MemberData(nameof(Public))]
    public void CamerasAreAllowedInPublicPlaces(PlaceType place) => Assert.Null(PrivacyRule.Refusal(DeviceType.AiCamera, false, place));
}
