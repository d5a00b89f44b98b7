using Tianmu.Server.Auth;
using Tianmu.Server.Ingest;

namespace Tianmu.Server.Devices;

/// <summary>
/// The device page's files — AI snapshots and clips, the on-site notice photo — at page addresses:
/// pages sign in with the cookie, which <c>/api</c> does not accept, so the page links here and API
/// clients use the same handlers under <c>/api/v1/devices</c>.
/// </summary>
public static class DeviceFiles
{
    public static void MapDeviceFiles(this WebApplication app)
    {
        var files = app.MapGroup("/devices").RequireAuthorization(Authz.Staff).ExcludeFromDescription();
        files.MapGet("/{id:guid}/media/{sha256}", IngestEndpoints.Media);
        files.MapGet("/{id:guid}/notice-photo", DeviceEndpoints.NoticePhoto);
    }
}
