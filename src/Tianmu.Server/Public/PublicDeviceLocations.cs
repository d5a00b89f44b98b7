using Microsoft.EntityFrameworkCore;
using Tianmu.Devices;
using Tianmu.Persistence;

namespace Tianmu.Server.Public;

public sealed record PublishedDevice(string AgencyName, string DivisionCode, string EntityName, string TypeName, string Location, DateTimeOffset PublishedAt);

/// <summary>Device locations as published (行政处罚法 art. 41): no login, only devices whose notice is posted and not retired.</summary>
public sealed class PublicDeviceLocations(TianmuDb db)
{
    private static readonly DeviceStatus[] Published = [DeviceStatus.Noticed, DeviceStatus.Active, DeviceStatus.Suspended];

    public async Task<IReadOnlyList<PublishedDevice>> ListAsync(string? divisionCode, CancellationToken ct)
    {
        var query = db.Devices.AsNoTracking().Where(d => Published.Contains(d.Status) && d.PublishedLocation != null);
        if (!string.IsNullOrWhiteSpace(divisionCode))
        {
            var code = divisionCode.Trim();
            query = query.Where(d => d.Entity!.Agency!.Path.Contains("/" + code + "/"));
        }

        var rows = await query.Select(d => new { d.Type, d.PublishedLocation, d.NoticePostedAt, Entity = d.Entity!.Name, Agency = d.Entity.Agency!.Name, d.Entity.Agency.DivisionCode })
            .OrderBy(d => d.DivisionCode).ThenBy(d => d.Entity).Take(5000).ToListAsync(ct);
        return [.. rows.Select(r => new PublishedDevice(r.Agency, r.DivisionCode, r.Entity, r.Type.ToChinese(), r.PublishedLocation!, r.NoticePostedAt!.Value))];
    }
}
