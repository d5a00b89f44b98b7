using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tianmu.Common;
using Tianmu.Persistence;
using Tianmu.Server.Auth;
using Tianmu.Server.Portal;

namespace Tianmu.Server.Payments;

/// <summary>
/// The party's side of paying (Z19): the notices of its own entities' decisions — code, amount due today with the
/// surcharge, last day, what it paid — and, where the deployment has no real platform, the simulated payment that
/// signs a callback with the shared secret and sends it through the very same verification as the platform's.
/// Another entity's notice is simply not there (404).
/// </summary>
public sealed class PaymentPortal(TianmuDb db, PaymentNotices notices, PaymentCallback callback, PaymentSecret secret, PaymentOptions options, Reconfirmation reconfirmation, TimeProvider clock)
{
    /// <summary>Shown on the simulated page and recorded as the payment's channel.</summary>
    public const string SimulatedChannel = "模拟支付";

    public static readonly Error SimulatorOff = Error.Conflict("payment.simulator_disabled", "本系统未启用模拟支付。请凭缴款码通过缴款平台（银行柜台、网上银行或手机支付）缴纳。");

    public bool SimulatorEnabled => options.SimulatorEnabled;

    public async Task<IReadOnlyList<PaymentNoticeView>> ListAsync(CurrentUser caller, CancellationToken ct)
    {
        var mine = db.EntityIdsOf(caller);
        await notices.IssueAsync(db.Cases.Where(c => mine.Contains(c.EntityId)), ct);
        return await notices.ViewsAsync(db.PaymentNotices.Where(n => mine.Contains(n.EntityId)), 500, ct);
    }

    public async Task<Result<PaymentNoticeView>> GetAsync(CurrentUser caller, string code, CancellationToken ct)
    {
        var mine = db.EntityIdsOf(caller);
        var view = (await notices.ViewsAsync(db.PaymentNotices.Where(n => n.Code == code && mine.Contains(n.EntityId)), 1, ct)).FirstOrDefault();
        return view is null ? Error.NotFound("缴款通知") : view;
    }

    /// <summary>Pays what is due today on the simulated platform, after the party re-confirms its password.</summary>
    public async Task<Result<PaymentAnswer>> PaySimulatedAsync(CurrentUser caller, string code, SimulatedPaymentInput input, CancellationToken ct)
    {
        if (!options.SimulatorEnabled)
        {
            return SimulatorOff;
        }

        var notice = await GetAsync(caller, code, ct);
        if (notice.Value is not { } view)
        {
            return notice.Error!;
        }

        if (await reconfirmation.CheckAsync(caller, input.Password, ct) is { } refused)
        {
            return refused;
        }

        if (view.AmountDueToday <= 0m)
        {
            return Error.Conflict("payment.nothing_due", view.AwaitingPayment ? "该决定当前没有应缴金额。" : $"案件处于“{view.StageName}”阶段，无需缴款。");
        }

        var now = clock.GetUtcNow();
        var report = new PaymentReport($"SIM-{Guid.NewGuid():N}", view.Code, view.AmountDueToday, now, SimulatedChannel);
        var body = JsonSerializer.SerializeToUtf8Bytes(report, JsonSerializerOptions.Web);
        return await callback.ReceiveAsync(PaymentCallback.SignedHeaders(secret, now, body), body, ct);
    }
}
