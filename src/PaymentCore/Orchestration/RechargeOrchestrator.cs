using Microsoft.Extensions.Options;
using PaymentCore.Adapters;
using PaymentCore.Catalog;
using PaymentCore.Errors;
using PaymentCore.Fraud;
using PaymentCore.FraudRules;
using PaymentCore.Limits;
using PaymentCore.Modes;
using PaymentCore.PaymentMethods;
using PaymentCore.Pricing;
using PaymentCore.Recharges;
using PaymentCore.Routing;
using PaymentCore.State;
using PaymentCore.Telemetry;

namespace PaymentCore.Orchestration;

/// <summary>
/// Drives a recharge from request to a final (or waiting) state:
/// claim the idempotency key, record the recharge and reserve the limits (one round trip), call
/// the gateway, then record the outcome, its outbox event and the saved response (one round trip).
/// Once the key is claimed, the caller going away does not stop the work: the gateway call and
/// the commit run to the end, so the outcome is never lost.
/// </summary>
public sealed partial class RechargeOrchestrator(
    IRechargeStore store,
    GatewayRouter router,
    PriceGuard prices,
    LimitPolicy limits,
    LimitGuard guard,
    RiskAssessment risk,
    PaymentMethodRegistry methods,
    InstrumentFingerprints fingerprints,
    PaymentCoreMetrics metrics,
    TransitionCommitter committer,
    IdempotencyClaims claims,
    InFlightRequests inFlight,
    SavedInstrumentBook savedInstruments,
    IOptions<ModeOptions> mode,
    TimeProvider time,
    ILogger<RechargeOrchestrator> logger)
{
    public async Task<RechargeResult> CreateAsync(CreateRechargeCommand command, CancellationToken cancellationToken)
    {
        var route = router.Route(command.Region, command.Instrument.MethodType);
        if (command.PaidWith is { } paidWith)
        {
            // A saved instrument exists at the gateway that saved it, and only there.
            route = route with { Gateways = route.Gateways.Where(g => g.Name == paidWith.Gateway).ToList() };
        }

        if (route.Gateways.Count == 0)
        {
            // Named as the catalog and ListPackages name it ("wechat_pay", not the enum's "wechatpay").
            throw PaymentCoreException.PaymentMethodNotAvailable(
                CatalogLoader.MethodName(command.Instrument.MethodType), command.Region.RegionCode);
        }

        var now = time.GetUtcNow();
        var rechargeId = RechargeId.New(command.UserId, now);
        var checks = limits.ChecksFor(new LimitAttempt(
            rechargeId,
            command.UserId,
            command.Risk.VerificationLevel,
            command.Region.RegionCode,
            command.Instrument.MethodType,
            fingerprints.Of(methods.FingerprintOf(command.UserId, command.Instrument), methods[command.Instrument.MethodType].InstrumentIsPersonalData),
            command.Risk.IpAddress,
            command.Risk.DeviceId,
            command.Item.Price,
            now),
            risk.CountWindows());
        var claim = claims.For(command.Request, command.UserId, now);
        using var inFlightHere = inFlight.Enter(claim);
        var draft = new Recharge
        {
            RechargeId = rechargeId,
            UserId = command.UserId,
            RegionCode = command.Region.RegionCode,
            Livemode = mode.Value.Livemode,
            Status = RechargeStatus.Created,
            Amount = command.Item.Price,
            Coins = command.Item.Coins,
            BonusCoins = command.Item.BonusCoins,
            PackageId = command.Item.PackageId,
            PromotionIds = command.Item.PromotionIds,
            RedeemedPromotionIds = command.Item.RedeemedPromotionIds,
            Gateway = route.Gateways[0].Name,
            GatewaysPassedOver = route.PassedOver,
            MethodType = command.Instrument.MethodType,
            Instrument = RechargeInstrument.From(command.Instrument),
            SaveConsentVersion = command.SaveConsentVersion,
            SavedInstrumentId = command.PaidWith?.InstrumentId,
            SavedCredential = command.PaidWith?.ChargeCredential,
            InFlightClaim = claim,
            LimitKeys = checks.Select(c => c.Key).ToList(),
            AmountReference = checks[0].AmountReference,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var proposed = RechargeStateMachine.Apply(draft, RechargeStatus.Processing, now).Recharge;

        // One round trip: the user's shard claims the key, records the recharge and counts the attempt
        // on the user's limit key (one script: a replay, a request in progress or a resumed one counts
        // nothing there), while every other limit key counts the attempt and the price's promotions
        // count their redemptions, all in parallel; what should not have happened is undone.
        var userLimit = new LimitToReserve(checks[0], limits.Horizon); // ChecksFor puts the user's key first
        var reservationTask = guard.ReserveAsync(checks.Skip(1).ToList(), cancellationToken);
        var priceReservationTask = prices.ReserveAsync(command.Item, command.UserId, rechargeId, now, cancellationToken);
        var beginTask = store.BeginAsync(claim, proposed, userLimit, cancellationToken);
        var others = await reservationTask;
        var priceReservation = await priceReservationTask;
        IdempotentStart start;
        try
        {
            start = await beginTask;
        }
        catch (Exception)
        {
            await Task.WhenAll(guard.CancelAsync(others), prices.CancelAsync(priceReservation));
            throw;
        }

        if (start is IdempotentStart.Started { Resumed: false } fresh)
        {
            var reservation = others.With(userLimit.Check, fresh.Reserved!);
            if (reservation.Succeeded && priceReservation.Succeeded)
            {
                var screened = fresh.Recharge with { Risk = risk.Assess(command, fresh.Recharge, reservation) };
                var audited = savedInstruments.AuditUseAsync(screened);
                var result = screened.Risk.Action == RuleAction.Block
                    ? await FailAsync(screened, new RechargeFailure(RechargeFailure.RiskBlocked, "The payment was declined.", null), claim)
                    : await ChargeAsync(screened, command.Instrument, route.Gateways, claim);
                await audited;
                return result;
            }

            // Abandoning gives back the user's reservation too, in the same script.
            await Task.WhenAll(
                store.AbandonAsync(claim, fresh.Recharge, userLimit, CancellationToken.None), guard.CancelAsync(others), prices.CancelAsync(priceReservation));
            reservation.ThrowRefusal();
            priceReservation.ThrowRefusal();
        }

        // Refused by the user's limit, a replay, a request in progress or a resumed one: this attempt
        // counts for nothing.
        await Task.WhenAll(guard.CancelAsync(others), prices.CancelAsync(priceReservation));
        if (start is IdempotentStart.Refused refused)
        {
            others.With(userLimit.Check, refused.Decision).ThrowRefusal();
        }

        if (start is IdempotentStart.Replayed replayed)
        {
            return new RechargeResult(replayed.Response, Replayed: true);
        }

        var (recharge, _) = start.Owned();
        LogResumed(recharge.RechargeId, recharge.Status);
        return recharge.Status == RechargeStatus.Processing
            ? await ChargeAsync(recharge, command.Instrument, route.Gateways, claim)
            : new RechargeResult(recharge, Replayed: false);
    }

    public async Task<RechargeResult> ConfirmAsync(ConfirmRechargeCommand command, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(command.RechargeId, cancellationToken)
            ?? throw PaymentCoreException.RechargeNotFound(command.RechargeId);
        var now = time.GetUtcNow();
        var proposed = current.Status == RechargeStatus.RequiresAction
            ? RechargeStateMachine.Apply(current, RechargeStatus.Processing, now, r => r with { NextAction = null }).Recharge
            : null;
        var claim = claims.For(command.Request, current.UserId, now);
        proposed = proposed is null ? null : proposed with { InFlightClaim = claim };

        var start = await store.BeginAsync(claim, proposed, userLimit: null, cancellationToken);
        switch (start)
        {
            case IdempotentStart.Replayed replayed:
                return new RechargeResult(replayed.Response, Replayed: true);
            case IdempotentStart.NothingToStart:
                throw PaymentCoreException.NotConfirmable(current.RechargeId, current.Status.ToString());
            case IdempotentStart.Stale stale:
                throw PaymentCoreException.NotConfirmable(stale.Current.RechargeId, stale.Current.Status.ToString());
        }

        var (recharge, _) = start.Owned();
        if (recharge.Status != RechargeStatus.Processing)
        {
            return new RechargeResult(recharge, Replayed: false);
        }

        // The action the user answers goes back to the gateway with their code: a code prompt's
        // challenge and attempts left live there (after a crash mid-confirmation it is gone, and the
        // gateway reads where the payment stands instead).
        var outcome = router.Find(recharge.Gateway) is { } gateway && recharge.GatewayReference is { } reference
            ? await gateway.ConfirmAsync(
                new GatewayConfirmation($"{recharge.RechargeId}:confirm", reference, command.Otp, current.NextAction?.AsGatewayAnswer(reference)),
                CancellationToken.None)
            : new GatewayOutcome.Unknown(recharge.GatewayReference, $"gateway '{recharge.Gateway}' is not configured");
        return await FinishAsync(recharge, outcome, claim);
    }

    /// <summary>
    /// Settles a recharge found unsettled past the reconciler's threshold: asks its gateway where
    /// the payment stands (or, when the charge's answer was lost before anything was recorded,
    /// asks for the charge again with the same gateway idempotency key, which cannot charge twice)
    /// and applies what is now known. Returns the recharge as it stands afterwards.
    /// </summary>
    public async Task<Recharge> ReconcileAsync(Recharge recharge, TimeSpan abandonActionAfter)
    {
        if (router.Find(recharge.Gateway) is not { } gateway)
        {
            return recharge;
        }

        var outcome = (recharge.Status, recharge.GatewayReference, recharge.Instrument) switch
        {
            (RechargeStatus.Processing, null, { } instrument) => await gateway.ChargeAsync(await ChargeRequestAsync(recharge, instrument.ToInstrument()), CancellationToken.None),
            (_, { } reference, _) => await gateway.LookupAsync(reference, CancellationToken.None),
            _ => null,
        };
        var now = time.GetUtcNow();
        if (outcome is GatewayOutcome.RequiresAction waiting
            && recharge.Status is RechargeStatus.RequiresAction or RechargeStatus.Unknown
            && GatewayMeaning.Lapsed(recharge, now, abandonActionAfter))
        {
            // Given up on: the gateway releases what it holds (a carrier's reservation). A payment
            // completed meanwhile, or a cancellation whose answer is lost, is what the recharge hears.
            var cancelled = await gateway.CancelAsync(waiting.GatewayReference, CancellationToken.None);
            outcome = cancelled is GatewayOutcome.Succeeded or GatewayOutcome.Unknown ? cancelled : outcome;
        }

        var transition = GatewayMeaning.OfLookup(recharge, outcome, now, abandonActionAfter);
        if (transition is null)
        {
            return recharge;
        }

        LogReconciled(recharge.RechargeId, recharge.Status, transition.Recharge.Status);
        return (await CommitStepAsync(transition, recharge.InFlightClaim)).Recharge;
    }

    private async Task<RechargeResult> ChargeAsync(
        Recharge recharge,
        PaymentInstrument instrument,
        IReadOnlyList<IPaymentGateway> route,
        IdempotencyClaim claim)
    {
        // Start at the recorded gateway: the ones before it were provably never reached.
        var index = route.ToList().FindIndex(g => g.Name == recharge.Gateway);
        if (index < 0)
        {
            return await FinishAsync(recharge, new GatewayOutcome.Unknown(null, $"gateway '{recharge.Gateway}' is no longer routed"), claim);
        }

        while (true)
        {
            var started = time.GetTimestamp();
            var request = await ChargeRequestAsync(recharge, instrument);
            var outcome = await route[index].ChargeAsync(request, CancellationToken.None);
            metrics.GatewayCalled(route[index].Name, outcome, time.GetElapsedTime(started));
            if (outcome is not GatewayOutcome.NotReached notReached || index + 1 == route.Count)
            {
                return await FinishAsync(recharge, outcome, claim);
            }

            // Record the switch before calling the next gateway, so that a resumed attempt
            // never goes back to a gateway that might by then be reachable.
            LogFailover(recharge.RechargeId, route[index].Name, route[index + 1].Name, notReached.Reason);
            index++;
            recharge = await store.CommitOrLatestAsync(new RechargeCommit(recharge with
            {
                Gateway = route[index].Name,
                GatewaysPassedOver = [.. recharge.GatewaysPassedOver, new PassedGateway(route[index - 1].Name, PassedGateway.NotReached, notReached.Reason)],
            }, null, null));
            if (recharge.Status != RechargeStatus.Processing)
            {
                return new RechargeResult(recharge, Replayed: false);
            }
        }
    }

    /// <summary>
    /// The charge of a recharge at its recorded gateway; its idempotency key is derived from the
    /// recharge id, so every retry is the same charge. A purchase that saves its instrument sets it
    /// up on the user's customer at that gateway, if a save made one already, and its save is recorded
    /// as pending first, so a crash between the credit and the save does not lose it.
    /// </summary>
    private async Task<GatewayRequest> ChargeRequestAsync(Recharge recharge, PaymentInstrument instrument) => new(
        $"{recharge.RechargeId}:charge",
        recharge.Amount,
        recharge.RegionCode,
        instrument,
        recharge.RechargeId,
        $"{recharge.TotalCoins} coins",
        StepUp: recharge.Risk?.Action == RuleAction.Review,
        SaveFor: await savedInstruments.PrepareSaveAsync(recharge, recharge.Gateway),
        Saved: recharge.SavedCredential);

    private async Task<RechargeResult> FinishAsync(Recharge recharge, GatewayOutcome outcome, IdempotencyClaim claim)
    {
        var transition = GatewayMeaning.OfAnswer(recharge, outcome, time.GetUtcNow());
        if (outcome is GatewayOutcome.Unknown unknown)
        {
            LogOutcomeUnknown(recharge.RechargeId, recharge.Gateway, unknown.Reason);
        }

        return await CommitStepAsync(transition, claim);
    }

    /// <summary>Fails a recharge before any gateway was asked (a fraud rule blocked it).</summary>
    private Task<RechargeResult> FailAsync(Recharge recharge, RechargeFailure failure, IdempotencyClaim claim) =>
        CommitStepAsync(RechargeStateMachine.Apply(recharge, RechargeStatus.Failed, time.GetUtcNow(), r => r with { Failure = failure }), claim);

    /// <summary>Commits the end of a step; when another attempt committed first, answers with what it stored.</summary>
    private async Task<RechargeResult> CommitStepAsync(Transition transition, IdempotencyClaim? claim) =>
        new(await committer.CommitOrLatestAsync(transition, claim), Replayed: false);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled recharge {RechargeId}: {From} -> {To}")]
    private partial void LogReconciled(string rechargeId, RechargeStatus from, RechargeStatus to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resuming recharge {RechargeId} in status {Status} after its earlier attempt's lease expired")]
    private partial void LogResumed(string rechargeId, RechargeStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recharge {RechargeId}: gateway {From} not reached ({Reason}), failing over to {To}")]
    private partial void LogFailover(string rechargeId, string from, string to, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recharge {RechargeId}: outcome at gateway {Gateway} unknown ({Reason}); left for the reconciler")]
    private partial void LogOutcomeUnknown(string rechargeId, string gateway, string reason);
}
