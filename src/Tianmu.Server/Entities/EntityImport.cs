using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Common;
using Tianmu.Entities;
using Tianmu.Identity;
using Tianmu.Persistence;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Entities;

public sealed record ImportRowError(int Row, string Field, string Message);

/// <summary>What an import did: the good rows are all stored, each bad row is reported and nothing of it is stored.</summary>
public sealed record ImportReport(int Rows, int Imported, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// Imports an agency's existing register from CSV (UTF-8, header row in Chinese, see
/// <see cref="Columns"/>). Every row is checked exactly as the form checks one entity; good rows are
/// written together in one transaction, so a crash mid-way leaves nothing half-written.
/// </summary>
public sealed class EntityImport(TianmuDb db, EntityRegister register, AuditScope audit, TimeProvider clock)
{
    public const int MaxRows = 100_000;

    public static readonly string[] Columns =
        ["名称", "统一社会信用代码", "身份证号", "类别", "子类别", "监管机构代码", "地址", "联系人", "联系电话", "许可证名称", "许可证号", "有效期起", "有效期止"];

    public async Task<Result<ImportReport>> ImportAsync(CurrentUser caller, string csv, CancellationToken ct)
    {
        var rows = Csv.Parse(csv);
        if (rows.Count == 0)
        {
            return Error.Validation("file", "文件为空。");
        }

        var header = rows[0].Select(h => h.Trim()).ToArray();
        var missing = Columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return Error.Validation("file", $"表头缺少列：{string.Join("、", missing)}。表头须为：{string.Join(",", Columns)}");
        }

        if (rows.Count - 1 > MaxRows)
        {
            return Error.Validation("file", $"一次最多导入 {MaxRows} 行，请拆分文件。");
        }

        var index = Columns.ToDictionary(c => c, c => Array.IndexOf(header, c));
        var agencies = await db.Agencies.In(caller.Jurisdiction).ToDictionaryAsync(a => a.DivisionCode, ct);
        var errors = new List<ImportRowError>();
        var good = new List<(int Row, RegulatedEntity Entity)>();
        var seenCodes = new HashSet<string>();
        var seenIds = new HashSet<string>();
        var now = clock.GetUtcNow();
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            string? Cell(string column) => index[column] < row.Length && row[index[column]].Trim() is { Length: > 0 } v ? v : null;
            var rowNumber = r + 1; // as a spreadsheet numbers it, header = 1
            var licence = Cell("许可证号") is null && Cell("许可证名称") is null
                ? []
                : new[] { new LicenceDto(Cell("许可证名称"), Cell("许可证号"), EntityRegister.ParseDate(Cell("有效期起")), EntityRegister.ParseDate(Cell("有效期止"))) };
            var agency = Cell("监管机构代码") is { } code ? agencies.GetValueOrDefault(code) : null;
            var input = new EntityInput(Cell("名称"), Cell("统一社会信用代码"), Cell("身份证号"), Cell("类别"), Cell("子类别"), agency?.Id,
                Cell("地址"), Cell("联系人"), Cell("联系电话"), licence);
            var result = register.Check(input, agency);
            if (!result.IsSuccess)
            {
                errors.AddRange(result.Error!.Fields!.SelectMany(f => f.Value.Select(m => new ImportRowError(rowNumber, f.Key, m))));
                continue;
            }

            var (profile, licences) = result.Value;
            if ((profile.CreditCode is { } c && !seenCodes.Add(c)) || (profile.IdNumberHash is { } h && !seenIds.Add(h)))
            {
                errors.Add(new ImportRowError(rowNumber, profile.CreditCode is null ? "idNumber" : "creditCode", "与文件中前面的行重复。"));
                continue;
            }

            var entity = new RegulatedEntity(Guid.CreateVersion7(), profile, agency!, now);
            entity.ReplaceLicences(EntityRegister.LicencesFor(entity.Id, licences));
            good.Add((rowNumber, entity));
        }

        var fresh = await DropRegisteredAsync(good, errors, ct);
        audit.Action = "entity.imported";
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var batch in fresh.Chunk(500))
            {
                db.Entities.AddRange(batch);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }

            await tx.CommitAsync(ct);
        }

        return new ImportReport(rows.Count - 1, fresh.Count, [.. errors.OrderBy(e => e.Row)]);
    }

    /// <summary>Rows whose code or ID number is already in the register (any jurisdiction) become row errors.</summary>
    private async Task<List<RegulatedEntity>> DropRegisteredAsync(List<(int Row, RegulatedEntity Entity)> candidates, List<ImportRowError> errors, CancellationToken ct)
    {
        var codes = new HashSet<string>();
        var hashes = new HashSet<string>();
        foreach (var chunk in candidates.Select(c => c.Entity).Chunk(500))
        {
            var c = chunk.Where(e => e.CreditCode != null).Select(e => e.CreditCode!).ToList();
            var h = chunk.Where(e => e.IdNumberHash != null).Select(e => e.IdNumberHash!).ToList();
            codes.UnionWith(await db.Entities.Where(e => c.Contains(e.CreditCode!)).Select(e => e.CreditCode!).ToListAsync(ct));
            hashes.UnionWith(await db.Entities.Where(e => h.Contains(e.IdNumberHash!)).Select(e => e.IdNumberHash!).ToListAsync(ct));
        }

        var kept = new List<RegulatedEntity>();
        foreach (var (row, entity) in candidates)
        {
            if ((entity.CreditCode is { } code && codes.Contains(code)) || (entity.IdNumberHash is { } hash && hashes.Contains(hash)))
            {
                errors.Add(new ImportRowError(row, entity.CreditCode is null ? "idNumber" : "creditCode", "该监管对象已登记，未重复导入。"));
            }
            else
            {
                kept.Add(entity);
            }
        }

        return kept;
    }
}
