using Microsoft.EntityFrameworkCore;
using Tianmu.Audit;
using Tianmu.Cases;
using Tianmu.Common;
using Tianmu.Identity;
using Tianmu.Payments;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Cases;

namespace Tianmu.Server.Payments;

/// <summary>退付 (with reference and date), 人工计入 a case (its id) or 其他 (note required).</summary>
public sealed record ResolvePaymentInput(string? Resolution, string? RefundReference = null, DateOnly? RefundedOn = null, Guid? CaseId = null, string? Note = null);

/// <summary>
/// Settling a payment flagged for reconciliation. Officers and heads whose jurisdiction covers the payment's agency
/// settle it; a payment kept at the root "/" (its code named no agency) is seen only by platform administrators, who
/// settle it too. Applying it to a case goes through that case's RecordPayment step, so the case moves on, its timeline
/// and audit say so, and the payment and the step are saved together. Two people settling one payment at once: the
/// first wins, the second gets <c>payment.already_resolved</c> (409).
/// </summary>
/// <remarks>
/// Codes: <c>not_found</c>; <c>payment.role</c> (403); <c>payment.not_flagged</c> and <c>payment.already_resolved</c> (409);
/// <c>validation_failed</c> for a missing or bad input; and for a manual application every refusal of the RecordPayment
/// step (<c>case.wrong_stage</c> when the case is not awaiting payment, <c>case.overpayment</c>, <c>case.role</c>…).
/// </remarks>
public sealed class PaymentResolutions(TianmuDb db, CaseSteps steps, AuditScope audit, TimeProvider clock)
{
    /// <summary>Agency path of payments whose code names no agency.</summary>
    public const string Root = "/";

    public async Task<Result<PaymentView>> ResolveAsync(CurrentUser caller, Guid id, ResolvePaymentInput input, CancellationToken ct)
    {
        var p = await db.Payments.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null || !caller.Jurisdiction.Covers(p.AgencyPath))
        {
            return Error.NotFound("缴款记录");
        }

        if (!MayResolve(caller, p))
        {
            return Error.Forbidden("payment.role", "待对账款项须由所属机构的执法人员或负责人处理；无法确定机构的款项由平台管理员处理。");
        }

        if (p.Flag is null)
        {
            return Error.Conflict("payment.not_flagged", "该笔缴款已全额计入案件，无需对账处理。");
        }

        if (p.Resolution is not null)
        {
            return AlreadyResolved(p);
        }

        var how = Validate(input, p, clock.Today());
        if (how.Error is { } invalid)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        p.Resolve(how.Value, Trim(input.RefundReference), input.RefundedOn, how.Value == PaymentResolution.AppliedManually ? input.CaseId : null, Trim(input.Note),
            caller.Id, CaseSteps.Name(caller), now);
        if (how.Value == PaymentResolution.AppliedManually)
        {
            // The step saves the payment's resolution in its own SaveChanges: both or neither.
            var step = new CaseActionInput(nameof(CaseAction.RecordPayment), Note: $"人工计入对账款项（交易号 {p.TransactionId}）", Amount: p.Unapplied, On: p.PaidOn);
            var taken = await steps.TakeAsync(caller, input.CaseId!.Value, step, ct);
            if (taken.Error is { } refused)
            {
                db.ChangeTracker.Clear();
                return refused;
            }

            if (db.Entry(p).State == EntityState.Detached)
            {
                // The step lost a race and its changes, this resolution among them, were discarded.
                var current = await db.Payments.AsNoTracking().FirstAsync(x => x.Id == id, ct);
                return current.Resolution is not null ? AlreadyResolved(current) : Error.Conflict("case.changed", "案件刚被他人处理，当前状态已变化，请刷新后重试。");
            }

            return PaymentNotices.View(p);
        }

        audit.Action = "payment.resolved";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return AlreadyResolved(await db.Payments.AsNoTracking().FirstAsync(x => x.Id == id, ct));
        }

        return PaymentNotices.View(p);
    }

    /// <summary>Officers and heads in the payment's jurisdiction; platform administrators for the root payments only they can see.</summary>
    public static bool MayResolve(CurrentUser caller, Payment p) =>
        caller.Has(Role.Officer) || caller.Has(Role.Head) || (caller.IsPlatformAdministrator && p.AgencyPath == Root);

    private static Result<PaymentResolution> Validate(ResolvePaymentInput input, Payment p, DateOnly today)
    {
        var errors = new FieldErrors();
        if (!Enum.TryParse<PaymentResolution>(input.Resolution, out var how) || !Enum.IsDefined(how))
        {
            return errors.Add("resolution", "请选择处理方式：Refunded（退付）、AppliedManually（人工计入案件）或 Other（其他）。").ToError();
        }

        switch (how)
        {
            case PaymentResolution.Refunded:
                errors.Required("refundReference", input.RefundReference, "退付凭证号", 100);
                if (input.RefundedOn is not { } on)
                {
                    errors.Add("refundedOn", "请填写退付日期。");
                }
                else if (on > today || on < p.PaidOn)
                {
                    errors.Add("refundedOn", $"退付日期须在缴款日期 {p.PaidOn:yyyy-MM-dd} 至今天之间。");
                }

                break;
            case PaymentResolution.AppliedManually:
                if (input.CaseId is null)
                {
                    errors.Add("caseId", "请填写要计入的案件编号。");
                }

                break;
            default:
                errors.Required("note", input.Note, "处理说明", 2000);
                break;
        }

        if (how != PaymentResolution.Other && input.Note is { Length: > 2000 })
        {
            errors.Add("note", "处理说明不能超过 2000 个字符。");
        }

        return errors.Any ? errors.ToError() : how;
    }

    private static Error AlreadyResolved(Payment p) =>
        Error.Conflict("payment.already_resolved", $"该笔款项已由{p.ResolvedBy}处理为“{p.Resolution?.ToChinese()}”，请刷新后查看。");

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
