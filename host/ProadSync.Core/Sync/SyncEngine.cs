using Microsoft.Extensions.Logging;
using ProadSync.Core.Text;
using ProadSync.Core.Text.Templates;

namespace ProadSync.Core.Sync;

/// <summary>
/// The sync engine: one run of one account between the leading system and a calendar (and contact) target, with the
/// mode semantics of SPEC section 6, the conditions of section 5 and the decisions of section 11.
/// </summary>
/// <remarks>
/// <para>The engine is protocol-free: it sees the target only through <see cref="Abstractions.Targets.ICalendarTarget"/>
/// and <see cref="Abstractions.Targets.IContactTarget"/> and the leading store only through
/// <see cref="Leading.ILeadingSystem"/>. It is thread-safe; the caller makes sure one account never runs twice at
/// once (SPEC R-GEN-4).</para>
/// <para>A run reads both sides, plans one action per item, checks the mass-delete circuit breaker and then applies
/// the plan (unless <see cref="RunOptions.DryRun"/>). Every effect is persisted with its link at once, so an
/// interrupted run neither loses nor duplicates items; the external change cursor is stored only at the end.</para>
/// </remarks>
public sealed class SyncEngine
{
    private readonly SyncEngineOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SyncEngine> _logger;
    private readonly IDescriptionConverter _descriptionConverter;

    /// <summary>Creates the engine.</summary>
    /// <param name="options">The engine's settings.</param>
    /// <param name="timeProvider">The clock (runs, windows, reminders).</param>
    /// <param name="logger">The log.</param>
    /// <param name="descriptionConverter">
    /// The HTML → text converter of runs whose request names none; the built-in template
    /// (<see cref="TemplateDescriptionConverter.BuiltIn"/>) when <see langword="null"/>.
    /// </param>
    public SyncEngine(SyncEngineOptions options, TimeProvider timeProvider, ILogger<SyncEngine> logger, IDescriptionConverter? descriptionConverter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _descriptionConverter = descriptionConverter ?? TemplateDescriptionConverter.BuiltIn;
    }

    /// <summary>Runs one synchronisation pass for one account.</summary>
    /// <param name="request">The leading store, the account, the targets, the mapper and the run's switches.</param>
    /// <param name="cancellationToken">Cancels the run; effects already persisted stay consistent.</param>
    /// <returns>
    /// The report. Per-item failures are listed in it; authentication, configuration and listing failures end the run
    /// with <see cref="RunReport.FatalError"/> set instead of throwing.
    /// </returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<RunReport> RunAsync(SyncRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var run = new SyncRun(request, _options, _timeProvider, _logger, request.DescriptionConverter ?? _descriptionConverter);
        return await run.RunAsync(cancellationToken);
    }
}
