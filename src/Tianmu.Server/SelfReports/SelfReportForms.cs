using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Entities;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.SelfReports;
using Tianmu.Server.Auth;
using Tianmu.Server.Catalog;

namespace Tianmu.Server.SelfReports;

public sealed record FormInput(
    Guid? CatalogItemId, string? Name, string[]? Categories, string[]? SubCategories, FormField[]? Fields, string[]? Attachments, string? Frequency,
    TimeOnly? DueTime, string? CommitmentText, bool? Active, DateOnly? EffectiveFrom);

public sealed record FormView(
    Guid Id, Guid CatalogItemId, string CatalogCode, Guid AgencyId, string Name, int Version, string[] Categories, string[] CategoryNames, IReadOnlyList<string> SubCategories,
    IReadOnlyList<FormField> Fields, IReadOnlyList<string> Attachments, string Frequency, string FrequencyName, TimeOnly DueTime,
    string CommitmentText, string CommitmentHash, bool Active, DateOnly EffectiveFrom)
{
    public static FormView Of(SelfReportForm f, string catalogCode) => new(
        f.Id, f.CatalogItemId, catalogCode, f.AgencyId, f.Name, f.Version, [.. f.Categories.Select(c => c.ToString())], [.. f.Categories.Select(c => c.ToChinese())], f.SubCategories,
        f.Fields, f.Attachments, f.Frequency.ToString(), f.Frequency.ToChinese(), f.DueTime, f.CommitmentText, Commitments.Hash(f.CommitmentText), f.Active, f.EffectiveFrom);
}

/// <summary>
/// Self-report forms (S13/Z15), defined by administrators per catalog item of their jurisdiction.
/// Staff see the forms that bind entities they supervise: their own agency's and those above it.
/// </summary>
public sealed partial class SelfReportForms(TianmuDb db, CatalogAdmin catalog, TimeProvider clock)
{
    public const string DefaultCommitment =
        "本单位承诺：所报送的自查数据、记录及附件真实、准确、完整，均来自本单位实际检测和记录，无伪造、篡改、隐瞒。" +
        "如有提供虚假信息、瞒报谎报等情形，本单位愿按照信用监管规定接受相应处理并被纳入重点监管范围，依法承担相应法律责任。";

    public async Task<IReadOnlyList<FormView>> ListAsync(CurrentUser caller, CancellationToken ct)
    {
        var items = catalog.Visible(caller).Select(i => new { i.Id, i.Code });
        var rows = await db.SelfReportForms.AsNoTracking().Join(items, f => f.CatalogItemId, i => i.Id, (f, i) => new { f, i.Code })
            .OrderBy(x => x.f.AgencyPath).ThenBy(x => x.f.Name).ToListAsync(ct);
        return [.. rows.Select(x => FormView.Of(x.f, x.Code))];
    }

    public async Task<Result<FormView>> GetAsync(CurrentUser caller, Guid id, CancellationToken ct) =>
        (await ListAsync(caller, ct)).FirstOrDefault(f => f.Id == id) is { } view ? view : Error.NotFound("报送表单");

    public async Task<Result<FormView>> CreateAsync(CurrentUser caller, FormInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var item = input.CatalogItemId is { } itemId
            ? await db.CatalogItems.Include(i => i.Agency).Where(i => db.Agencies.In(caller.Jurisdiction).Any(a => a.Id == i.AgencyId)).FirstOrDefaultAsync(i => i.Id == itemId, ct)
            : null;
        if (item is null)
        {
            errors.Add("catalogItemId", "执法事项不存在或不在您的管辖范围内。");
        }

        var definition = Validate(input, errors);
        if (errors.Any)
        {
            return errors.ToError();
        }

        var form = new SelfReportForm(Guid.CreateVersion7(), item!.Id, item.AgencyId, item.Agency!.Path, clock.GetUtcNow());
        form.Define(definition!);
        db.SelfReportForms.Add(form);
        await db.SaveChangesAsync(ct);
        return FormView.Of(form, item.Code);
    }

    public async Task<Result<FormView>> UpdateAsync(CurrentUser caller, Guid id, FormInput input, CancellationToken ct)
    {
        var form = await db.SelfReportForms.Where(f => db.Agencies.In(caller.Jurisdiction).Any(a => a.Id == f.AgencyId)).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (form is null)
        {
            return Error.NotFound("报送表单");
        }

        var errors = new FieldErrors();
        var definition = Validate(input, errors);
        if (errors.Any)
        {
            return errors.ToError();
        }

        form.Define(definition!);
        await db.SaveChangesAsync(ct);
        return FormView.Of(form, await db.CatalogItems.Where(i => i.Id == form.CatalogItemId).Select(i => i.Code).FirstAsync(ct));
    }

    private FormDefinition? Validate(FormInput input, FieldErrors errors)
    {
        errors.Required("name", input.Name, "表单名称", 100);
        var categories = (input.Categories ?? []).Select(c => Enum.TryParse<EntityCategory>(c, out var v) && Enum.IsDefined(v) ? v : (EntityCategory?)null).ToList();
        if (categories.Count == 0 || categories.Any(c => c is null))
        {
            errors.Add("categories", "请选择适用的行政相对人类别。");
        }

        var subCategories = (input.SubCategories ?? []).Select(c => c?.Trim() ?? "").Distinct().ToList();
        if (subCategories.Count > 20 || subCategories.Any(c => c.Length is 0 or > 40))
        {
            errors.Add("subCategories", "细分类别至多 20 项，每项 1–40 字。");
        }

        var fields = input.Fields ?? [];
        if (fields.Length is 0 or > 50)
        {
            errors.Add("fields", "表单须有 1 到 50 个字段。");
        }

        for (var i = 0; i < fields.Length; i++)
        {
            var f = fields[i];
            if (f.Code is null || !FieldCode().IsMatch(f.Code) || fields.Count(x => x.Code == f.Code) > 1)
            {
                errors.Add($"fields[{i}].code", "字段编码须为 1–40 位小写字母、数字或下划线，且不重复。");
            }

            if (string.IsNullOrWhiteSpace(f.Label) || f.Label.Length > 60)
            {
                errors.Add($"fields[{i}].label", "请填写字段名称（不超过 60 字）。");
            }

            if (!Enum.IsDefined(f.Type) || f.Min > f.Max || (f.Type != FieldType.Number && (f.Min is not null || f.Max is not null || f.Metric is not null)))
            {
                errors.Add($"fields[{i}].type", "字段类型无效，或非数值字段设置了上下限/对应监测参数，或下限大于上限。");
            }
        }

        var attachments = (input.Attachments ?? []).Select(a => a?.Trim() ?? "").ToList();
        if (attachments.Count > 10 || attachments.Any(a => a.Length is 0 or > 60) || attachments.Distinct().Count() != attachments.Count)
        {
            errors.Add("attachments", "附件要求至多 10 项，每项名称 1–60 字且不重复。");
        }

        if (!Enum.TryParse<ReportFrequency>(input.Frequency, out var frequency) || !Enum.IsDefined(frequency))
        {
            errors.Add("frequency", "报送频次须为 Daily（每日）、Weekly（每周）或 Monthly（每月）。");
        }

        var commitment = string.IsNullOrWhiteSpace(input.CommitmentText) ? DefaultCommitment : input.CommitmentText.Trim();
        if (commitment.Length > 4000)
        {
            errors.Add("commitmentText", "承诺书不超过 4000 字。");
        }

        return errors.Any ? null : new FormDefinition(
            input.Name!.Trim(), [.. categories.Select(c => c!.Value).Distinct()], subCategories, [.. fields.Select(f => f with { Label = f.Label.Trim() })], attachments,
            frequency, input.DueTime ?? new TimeOnly(9, 0), commitment, input.Active ?? true, input.EffectiveFrom ?? clock.Today());
    }

    [GeneratedRegex("^[a-z0-9_]{1,40}$")]
    private static partial Regex FieldCode();
}
