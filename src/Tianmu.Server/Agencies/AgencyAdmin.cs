using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tianmu.Agencies;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Agencies;

public sealed record AgencyView(Guid Id, Guid? ParentId, string Level, string LevelName, string DivisionCode, string Name, string ShortName, int Depth)
{
    public static AgencyView Of(Agency a) =>
        new(a.Id, a.ParentId, a.Level.ToString(), a.Level.ToChinese(), a.DivisionCode, a.Name, a.ShortName, a.Path.Count(c => c == '/') - 2);
}

public sealed record AgencyInput(Guid? ParentId, string? DivisionCode, string? Name, string? ShortName);

/// <summary>Agency tree use cases, shared by the API and the web UI.</summary>
public sealed partial class AgencyAdmin(TianmuDb db)
{
    public async Task<IReadOnlyList<AgencyView>> ListAsync(CurrentUser caller, CancellationToken ct) =>
        [.. (await db.Agencies.In(caller.Jurisdiction).OrderBy(a => a.Path).ToListAsync(ct)).Select(AgencyView.Of)];

    public async Task<Result<AgencyView>> GetAsync(CurrentUser caller, Guid id, CancellationToken ct) =>
        await db.Agencies.In(caller.Jurisdiction).FirstOrDefaultAsync(a => a.Id == id, ct) is { } agency
            ? AgencyView.Of(agency)
            : Error.NotFound("机构");

    public async Task<Result<AgencyView>> CreateAsync(CurrentUser caller, AgencyInput input, CancellationToken ct)
    {
        var errors = Validate(input);
        if (!DivisionCodePattern().IsMatch(input.DivisionCode ?? ""))
        {
            errors.Add("divisionCode", "行政区划代码须为 6 位数字。");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        Agency? parent = null;
        if (input.ParentId is { } parentId)
        {
            parent = await db.Agencies.In(caller.Jurisdiction).FirstOrDefaultAsync(a => a.Id == parentId, ct);
            if (parent is null)
            {
                return Error.Validation("parentId", "上级机构不存在或不在您的管辖范围内。");
            }
        }
        else if (!caller.IsPlatformAdministrator)
        {
            return Error.Forbidden("root_agency_requires_platform_admin", "只有平台管理员可以创建省级机构。");
        }

        var level = parent is null ? AgencyLevel.Province : parent.Level.ChildLevel();
        if (level is null)
        {
            return Error.Validation("parentId", "县级机构下不能再设下级机构。");
        }

        if (await db.Agencies.AnyAsync(a => a.DivisionCode == input.DivisionCode, ct))
        {
            return Error.Conflict("division_code_taken", $"行政区划代码 {input.DivisionCode} 已被其他机构使用。");
        }

        var agency = new Agency(Guid.CreateVersion7(), parent, level.Value, input.DivisionCode!, input.Name!.Trim(), input.ShortName!.Trim());
        db.Agencies.Add(agency);
        await db.SaveChangesAsync(ct);
        return AgencyView.Of(agency);
    }

    public async Task<Result<AgencyView>> RenameAsync(CurrentUser caller, Guid id, AgencyInput input, CancellationToken ct)
    {
        var agency = await db.Agencies.In(caller.Jurisdiction).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null)
        {
            return Error.NotFound("机构");
        }

        var errors = Validate(input);
        if (errors.Any)
        {
            return errors.ToError();
        }

        agency.Rename(input.Name!.Trim(), input.ShortName!.Trim());
        await db.SaveChangesAsync(ct);
        return AgencyView.Of(agency);
    }

    private static FieldErrors Validate(AgencyInput input) =>
        new FieldErrors().Required("name", input.Name, "机构名称", 100).Required("shortName", input.ShortName, "文书编号简称", 10);

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex DivisionCodePattern();
}
