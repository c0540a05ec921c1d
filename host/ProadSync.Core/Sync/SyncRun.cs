using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;
using ProadSync.Core.Text;

namespace ProadSync.Core.Sync;

/// <summary>One run of one account (see <see cref="SyncEngine"/>).</summary>
internal sealed partial class SyncRun : IDisposable
{
    private static readonly JsonSerializerOptions JournalJson = new() { WriteIndented = false };

    private readonly SyncRunRequest _request;
    private readonly SyncEngineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IDescriptionConverter _converter;
    private readonly RunReportBuilder _report = new();
    private readonly SemaphoreSlim _leadingGate = new(1, 1);
    private readonly ILeadingSystem _leading;
    private readonly SyncAccount _account;
    private readonly SyncMode _mode;
    private readonly string _database;
    private readonly FieldMappingContext _context;
    private readonly DateTimeOffset _now;
    private readonly DateTimeOffset _cutoff;
    private readonly DateRange _window;
    private string? _responsibleName;

    public SyncRun(SyncRunRequest request, SyncEngineOptions options, TimeProvider time, ILogger logger, IDescriptionConverter converter)
    {
        _request = request;
        _options = options;
        _time = time;
        _logger = logger;
        _converter = converter;
        _leading = request.Leading;
        _account = request.Account;
        _mode = _account.Mode;
        _database = request.DatabaseName ?? _leading.Database.Name;
        _context = new FieldMappingContext(_database, request.PluginId ?? _account.PluginId)
        {
            Options = request.MapperOptions ?? new Dictionary<string, string>(),
        };
        _now = time.GetUtcNow();
        _cutoff = ComputeCutoff(_account.Cutoff, _now, _leading.Database.TimeZoneId, options.DefaultCutoffMonthsBack);
        _window = new DateRange(_cutoff, _now.AddMonths(options.WindowMonthsAhead));
    }

    private RunOptions RunOptions => _request.Options;

    public void Dispose() => _leadingGate.Dispose();

    private bool TaskDatesAreDateOnly => _request.Calendar.Capabilities.TaskDatesAreDateOnly;

    /// <summary>Midnight of the cutoff date in the database's zone, or run time − 12 months (D-1).</summary>
    internal static DateTimeOffset ComputeCutoff(DateOnly? cutoff, DateTimeOffset now, string? timeZoneId, int monthsBack)
    {
        if (cutoff is not { } date)
        {
            return now.AddMonths(-monthsBack);
        }

        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found))
        {
            zone = found;
        }

        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public async Task<RunReport> RunAsync(CancellationToken cancellationToken)
    {
        LogRunStarting(_logger, _account.Id, _mode, RunOptions.DryRun);
        var kinds = new List<KindState>();
        ContactPlan? contacts = null;
        try
        {
            // The leading store's change counter is read before anything else of the run, so every change the run
            // does not see raises it above the value kept at the end (the no-change fast path).
            string? leadingMark = null;
            if (!RunOptions.DryRun)
            {
                leadingMark = LeadingMark(await _leading.GetChangeCounterAsync(cancellationToken));
            }

            foreach (var kind in new[] { TodoKind.Appointment, TodoKind.Task })
            {
                if (kind == TodoKind.Task && !_request.Calendar.Capabilities.SupportsTasks)
                {
                    continue;
                }

                kinds.Add(await ReadChangesAsync(kind, cancellationToken));
            }

            // The address book's version is read before its listing too, so a change made while this run works is
            // seen by the next one.
            string? contactsVersion = null, keptContactsVersion = null;
            if (leadingMark is not null && _account.ExportContacts)
            {
                keptContactsVersion = await _leading.GetStateAsync(_account.Id, ContactsVersionKey, cancellationToken);
                contactsVersion = _request.Contacts is null ? null : await ReadContactsVersionAsync(cancellationToken);
            }

            if (leadingMark is not null)
            {
                var storedMark = await _leading.GetStateAsync(_account.Id, LeadingCounterKey, cancellationToken);
                if (string.Equals(storedMark, leadingMark, StringComparison.Ordinal) && await IsQuietAsync(kinds, contactsVersion, keptContactsVersion, cancellationToken))
                {
                    foreach (var kind in kinds.Where(k => !string.Equals(k.NextCursor?.Value, k.PreviousCursor, StringComparison.Ordinal)))
                    {
                        await _leading.SetStateAsync(_account.Id, CursorKey(kind.Kind), kind.NextCursor?.Value, cancellationToken);
                    }

                    _report.FastPath = true;
                    LogFastPath(_logger, _account.Id);
                    return Finish(dryRun: false);
                }

                // A full pass: the kept mark is void until this run succeeds, so a run that fails or is cancelled
                // half-way never lets the next one skip its work.
                if (storedMark is not null)
                {
                    await _leading.SetStateAsync(_account.Id, LeadingCounterKey, null, cancellationToken);
                }
            }

            _responsibleName = (await _leading.GetUserAsync(_account.UserId, cancellationToken))?.DisplayName;
            var candidates = (await _leading.ListTodosAsync(
                    new TodoQuery { ResponsibleUserId = _account.UserId, EndOnOrAfter = _cutoff, IncludeExternallyDeleted = false },
                    cancellationToken))
                .Where(t => t.Content.End is not null && !t.ExternallyDeleted && t.ResponsibleUserId == _account.UserId && t.Content.End >= _cutoff)
                .ToList();

            foreach (var kind in kinds)
            {
                await ReadKindAsync(kind, candidates.Where(t => t.Kind == kind.Kind).ToList(), cancellationToken);
            }

            if (_account.ExportContacts)
            {
                if (_request.Contacts is null)
                {
                    _report.Warn("Export contacts is on, but the account has no contact target; no contacts were exported.");
                }
                else
                {
                    try
                    {
                        contacts = await ReadContactsAsync(cancellationToken);
                    }
                    catch (Exception ex) when (ex is TransientTargetException or TargetConfigurationException)
                    {
                        // The address book is unusable this time; the calendar still synchronises.
                        _report.Fail(LinkKind.Contact, null, null, "The address book could not be listed: " + ex.Message);
                    }
                }
            }

            foreach (var kind in kinds)
            {
                PlanKind(kind);
            }

            contacts?.AddToPlan(_report);

            if (CheckCircuitBreaker(kinds))
            {
                return Finish(dryRun: RunOptions.DryRun);
            }

            if (RunOptions.DryRun)
            {
                return Finish(dryRun: true);
            }

            foreach (var kind in kinds)
            {
                await ExecuteKindAsync(kind, cancellationToken);
            }

            foreach (var kind in kinds)
            {
                if (!kind.Skipped && kind.Failures == 0)
                {
                    // A run that found nothing new leaves the cursor as it was: no write transaction for it.
                    if (!string.Equals(kind.NextCursor?.Value, kind.PreviousCursor, StringComparison.Ordinal))
                    {
                        await _leading.SetStateAsync(_account.Id, CursorKey(kind.Kind), kind.NextCursor?.Value, cancellationToken);
                    }

                    var linkKind = kind.Kind == TodoKind.Task ? LinkKind.Task : LinkKind.Appointment;
                    var written = _writtenThisRun.Keys.Where(k => k.Kind == linkKind).Select(k => k.Id).Order(StringComparer.Ordinal).ToList();
                    var unconfirmed = kind.NextCursor is null || written.Count == 0 ? null : string.Join('\n', written);
                    if (!string.Equals(unconfirmed ?? string.Empty, kind.PreviousUnconfirmed ?? string.Empty, StringComparison.Ordinal))
                    {
                        await _leading.SetStateAsync(_account.Id, UnconfirmedKey(kind.Kind), unconfirmed, cancellationToken);
                    }

                    if (_mode == SyncMode.Full)
                    {
                        await _leading.SetStateAsync(
                            _account.Id,
                            DeferredKey(kind.Kind),
                            kind.Deferred.Count == 0 ? null : string.Join('\n', kind.Deferred.Order(StringComparer.Ordinal)),
                            cancellationToken);
                    }
                }
            }

            if (contacts is not null)
            {
                await ExecuteContactsAsync(contacts, cancellationToken);
            }

            // Kept only after a run that did everything: the counter value read at the start. When the run itself
            // wrote to the leading store (applies, imports, link saves), the counter has moved on since, so the next
            // run makes one more full pass and finds nothing to do; from then on the fast path holds.
            if (leadingMark is not null && _report.Fatal == FatalErrorKind.None && _report.FailureCount == 0
                && kinds.All(k => !k.Skipped && k.Failures == 0))
            {
                await _leading.SetStateAsync(_account.Id, LeadingCounterKey, leadingMark, cancellationToken);
                if (_account.ExportContacts && !string.Equals(contactsVersion, keptContactsVersion, StringComparison.Ordinal))
                {
                    await _leading.SetStateAsync(_account.Id, ContactsVersionKey, contactsVersion, cancellationToken);
                }
            }
        }
        catch (TargetAuthenticationException ex)
        {
            _report.Fatal = ex.CredentialsExpired ? FatalErrorKind.CredentialsExpired : FatalErrorKind.Authentication;
            _report.FatalMessage = ex.Message;
        }
        catch (TargetConfigurationException ex)
        {
            _report.Fatal = FatalErrorKind.Configuration;
            _report.FatalMessage = ex.Message;
        }
        catch (TransientTargetException ex)
        {
            _report.Fatal = FatalErrorKind.Transient;
            _report.FatalMessage = ex.Message;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogRunCrashed(_logger, _account.Id, ex);
            _report.Fatal = FatalErrorKind.Unexpected;
            _report.FatalMessage = ex.Message;
        }

        if (_report.Fatal != FatalErrorKind.None)
        {
            LogRunFailed(_logger, _account.Id, _report.Fatal, _report.FatalMessage);
        }

        return Finish(dryRun: RunOptions.DryRun);
    }

    private RunReport Finish(bool dryRun)
    {
        var report = _report.Build(_account.Id, _mode, _now, _time.GetUtcNow(), dryRun);
        LogRunFinished(_logger, _account.Id, report.Outcome, report.Changes, report.Failed.Count);
        return report;
    }

    private static string KindName(TodoKind kind) => kind == TodoKind.Task ? "task" : "appointment";

    private static string CursorKey(TodoKind kind) => "cursor:" + KindName(kind);

    private static string DeferredKey(TodoKind kind) => "deferred:" + KindName(kind);

    private static string GenerationKey(TodoKind kind, long todoId) =>
        string.Create(CultureInfo.InvariantCulture, $"generation:{KindName(kind)}:{todoId}");

    // ---- reading ---------------------------------------------------------------------------------------------

    /// <summary>Reads a kind's cursor, the target's changes since it and the last run's unconfirmed writes.</summary>
    private async Task<KindState> ReadChangesAsync(TodoKind kind, CancellationToken ct)
    {
        var state = new KindState { Kind = kind };
        state.PreviousCursor = await _leading.GetStateAsync(_account.Id, CursorKey(kind), ct);
        var cursor = string.IsNullOrEmpty(state.PreviousCursor) ? null : new SyncCursor(state.PreviousCursor);
        state.Changes = await _request.Calendar.GetChangesAsync(kind, cursor, _window, ct);
        state.NextCursor = state.Changes.NextCursor;
        state.PreviousUnconfirmed = await _leading.GetStateAsync(_account.Id, UnconfirmedKey(kind), ct);
        return state;
    }

    /// <summary>
    /// Whether the target reported nothing for any kind (an empty delta from a stored cursor, not a listing) and no
    /// kind has unconfirmed writes or deferred items to look at again. The caller has checked the leading mark.
    /// </summary>
    private async Task<bool> IsQuietAsync(List<KindState> kinds, string? contactsVersion, string? keptContactsVersion, CancellationToken ct)
    {
        // An exported address book is quiet when its version is known and the one kept after the last full pass;
        // otherwise it is compared with a full listing (a target that cannot tell its version, or a changed book).
        if (_account.ExportContacts && (contactsVersion is null || !string.Equals(contactsVersion, keptContactsVersion, StringComparison.Ordinal)))
        {
            return false;
        }

        foreach (var kind in kinds)
        {
            if (string.IsNullOrEmpty(kind.PreviousCursor) || kind.NextCursor is null
                || kind.Changes is not { IsFullListing: false, Items.Count: 0, DeletedIds.Count: 0 }
                || kind.PreviousUnconfirmed is { Length: > 0 })
            {
                return false;
            }

            if (_mode == SyncMode.Full && await _leading.GetStateAsync(_account.Id, DeferredKey(kind.Kind), ct) is { Length: > 0 })
            {
                return false;
            }
        }

        return true;
    }

    private const string LeadingCounterKey = "leading-counter";

    private const string ContactsVersionKey = "contacts-version";

    /// <summary>
    /// The contact target's version of the address book, or <see langword="null"/> when it cannot tell or cannot be
    /// asked now (the full pass then lists the address book and reports what is wrong with it).
    /// </summary>
    private async Task<string?> ReadContactsVersionAsync(CancellationToken ct)
    {
        try
        {
            return await _request.Contacts!.GetVersionAsync(ct);
        }
        catch (Exception ex) when (ex is TransientTargetException or TargetConfigurationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The leading counter together with a fingerprint of everything of the account and the engine that shapes a run,
    /// so a changed setting (mode, cutoff, contacts, plugin, URL, mapper, options) forces a full pass.
    /// </summary>
    private string LeadingMark(long counter)
    {
        var text = new System.Text.StringBuilder();
        void Add(string? value) => text.Append(value?.Length ?? -1).Append(':').Append(value).Append('|');
        Add("v1");
        Add(_database);
        Add(_mode.ToString());
        Add(_account.Cutoff?.ToString("O", CultureInfo.InvariantCulture));
        Add(_account.ExportContacts ? "contacts" : "no-contacts");
        Add(_request.PluginId ?? _account.PluginId);
        Add(_account.ContactPluginId);
        Add(_account.Profile);
        Add(_account.Url);
        Add(_account.UserName);
        Add(_account.UserId.ToString(CultureInfo.InvariantCulture));
        Add(_request.Mapper.Id);
        Add(_request.Calendar.Capabilities.SupportsTasks ? "tasks" : "no-tasks");
        Add(_request.Contacts is null ? "no-contact-target" : "contact-target");
        Add(string.Create(CultureInfo.InvariantCulture, $"{_options.DefaultCutoffMonthsBack}/{_options.WindowMonthsAhead}"));
        foreach (var (key, value) in (_request.MapperOptions ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Add("m." + key);
            Add(value);
        }

        foreach (var (key, value) in _account.Options.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Add("o." + key);
            Add(value);
        }

        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
        return string.Create(CultureInfo.InvariantCulture, $"{counter}:{hash}");
    }

    private async Task ReadKindAsync(KindState state, List<Todo> candidates, CancellationToken ct)
    {
        var kind = state.Kind;
        var linkKind = kind == TodoKind.Task ? LinkKind.Task : LinkKind.Appointment;
        var links = await _leading.ListLinksAsync(_account.Id, linkKind, ct);
        state.ActiveLinks = links.Count(l => l.Active);
        var cursor = string.IsNullOrEmpty(state.PreviousCursor) ? null : new SyncCursor(state.PreviousCursor);
        var changes = state.Changes!;

        var linkByExternal = new Dictionary<string, SyncLink>(StringComparer.Ordinal);
        foreach (var link in links.Where(l => l.ExternalId.Length > 0))
        {
            linkByExternal[link.ExternalId] = link;
        }

        var liveLinks = links.Where(l => l.Active && l.ExternalId.Length > 0).ToList();
        if (changes.IsFullListing && changes.Items.Count == 0 && liveLinks.Count > 0)
        {
            state.Skipped = true;
            _report.Warn(string.Create(CultureInfo.InvariantCulture,
                $"The target listed no {KindName(kind)}s at all although {liveLinks.Count} are linked; the listing was treated as no information and nothing was changed for {KindName(kind)}s."));
            LogSuspiciousListing(_logger, _account.Id, KindName(kind), liveLinks.Count);
            return;
        }

        var toFetch = new HashSet<string>(StringComparer.Ordinal);
        var unlinked = new List<string>();
        foreach (var item in changes.Items)
        {
            if (linkByExternal.TryGetValue(item.Id, out var link))
            {
                if (link.Active && !string.Equals(item.Version.Value, link.ExternalVersion, StringComparison.Ordinal))
                {
                    toFetch.Add(item.Id);
                }
            }
            else if (_mode == SyncMode.Full && toFetch.Add(item.Id))
            {
                unlinked.Add(item.Id);
            }
        }

        // Full sync: external items that lay beyond the window's end are looked at again, because a cursor reports
        // them only when they change, not when time brings them into the window (R-DIFF-4).
        if (_mode == SyncMode.Full && await _leading.GetStateAsync(_account.Id, DeferredKey(kind), ct) is { Length: > 0 } deferred)
        {
            foreach (var id in deferred.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!linkByExternal.ContainsKey(id) && toFetch.Add(id))
                {
                    unlinked.Add(id);
                }
            }
        }

        // Items that may be gone: absent from a full listing, or reported deleted. Both are confirmed by a read, so an
        // item that only left a windowed listing is never taken for deleted (D-2).
        if (changes.IsFullListing)
        {
            var listed = changes.Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var link in liveLinks.Where(l => !listed.Contains(l.ExternalId)))
            {
                toFetch.Add(link.ExternalId);
            }
        }

        foreach (var id in changes.DeletedIds)
        {
            if (linkByExternal.TryGetValue(id, out var link) && link.Active)
            {
                toFetch.Add(id);
            }
        }

        // Items the last run wrote after its cursor was taken: the delta may never mention them, so read them.
        if (!changes.IsFullListing && cursor is not null && state.PreviousUnconfirmed is { Length: > 0 } unconfirmed)
        {
            foreach (var id in unconfirmed.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (linkByExternal.TryGetValue(id, out var link) && link.Active)
                {
                    toFetch.Add(id);
                }
            }
        }

        var fetched = await FetchAsync(kind, toFetch.ToList(), ct);
        var observations = new Dictionary<string, ExternalObservation>(StringComparer.Ordinal);
        foreach (var id in toFetch)
        {
            if (!linkByExternal.TryGetValue(id, out var link))
            {
                continue;
            }

            observations[id] = fetched.TryGetValue(id, out var item) ? Observe(item, link) : ExternalObservation.Deleted;
        }

        var linkedLeadingIds = new HashSet<long>();
        var candidatesById = candidates.ToDictionary(t => t.Id);
        foreach (var link in links)
        {
            linkedLeadingIds.Add(link.LeadingId);
            if (!link.Active)
            {
                if (candidatesById.ContainsKey(link.LeadingId))
                {
                    _report.Skip(link.Kind, link.LeadingId, link.ExternalId, "Sync is not active for this item: " + (link.InactiveReason ?? "link deactivated") + ".");
                }

                continue;
            }

            Todo? todo;
            LeadingState leadingState;
            if (candidatesById.TryGetValue(link.LeadingId, out var candidate))
            {
                todo = candidate;
                leadingState = LeadingState.Candidate;
            }
            else
            {
                todo = await _leading.GetTodoAsync(link.LeadingId, ct);
                leadingState = todo is null ? LeadingState.Deleted : LeadingState.OutOfSet;
            }

            var external = link.ExternalId.Length == 0
                ? ExternalObservation.Gone
                : observations.GetValueOrDefault(link.ExternalId) ?? ExternalObservation.Unchanged;
            state.Works.Add(new ItemWork { Kind = kind, Link = link, Todo = todo, LeadingState = leadingState, External = external });
        }

        foreach (var todo in candidates.Where(t => !linkedLeadingIds.Contains(t.Id)))
        {
            state.Works.Add(new ItemWork { Kind = kind, Todo = todo, LeadingState = LeadingState.Candidate, External = ExternalObservation.Unchanged });
        }

        foreach (var id in unlinked)
        {
            if (fetched.TryGetValue(id, out var item))
            {
                state.Works.Add(new ItemWork { Kind = kind, LeadingState = LeadingState.None, External = Observe(item, link: null) });
            }
        }
    }

    private async Task<Dictionary<string, FetchedItem>> FetchAsync(TodoKind kind, List<string> ids, CancellationToken ct)
    {
        var result = new Dictionary<string, FetchedItem>(StringComparer.Ordinal);
        for (var offset = 0; offset < ids.Count; offset += Math.Max(1, _options.FetchBatchSize))
        {
            var batch = ids.Skip(offset).Take(Math.Max(1, _options.FetchBatchSize)).ToList();
            foreach (var item in await _request.Calendar.GetAsync(kind, batch, ct))
            {
                if (item.Warning is { } warning)
                {
                    _report.Warn(warning);
                }

                result[item.Item.Id] = item;
            }
        }

        return result;
    }

    private ExternalObservation Observe(FetchedItem item, SyncLink? link)
    {
        if (item.Problem is not null || item.Content is null)
        {
            return new ExternalObservation(ExternalState.Problem, item.Item, Problem: item.Problem ?? "The item has no content.");
        }

        var plain = ContentHasher.ToPlain(item.Content, _converter);
        var hash = ContentHasher.Hash(plain, TaskDatesAreDateOnly, _converter);
        if (link is not null && string.Equals(item.Item.Version.Value, link.ExternalVersion, StringComparison.Ordinal))
        {
            return new ExternalObservation(ExternalState.Unchanged, item.Item, plain, hash);
        }

        var state = link is not null && string.Equals(hash, link.ExternalHash, StringComparison.Ordinal)
            ? ExternalState.SameContent
            : ExternalState.Changed;
        return new ExternalObservation(state, item.Item, plain, hash);
    }

    private async Task RefreshAsync(ItemWork work, CancellationToken ct)
    {
        if (work.ExternalId is not { } id)
        {
            return;
        }

        var fetched = await _request.Calendar.GetAsync(work.Kind, [id], ct);
        var item = fetched.FirstOrDefault(f => string.Equals(f.Item.Id, id, StringComparison.Ordinal));
        work.External = item is null ? ExternalObservation.Deleted : Observe(item, work.Link);
    }

    // ---- deciding --------------------------------------------------------------------------------------------

    private void PlanKind(KindState kind)
    {
        foreach (var work in kind.Works)
        {
            var decision = SafeDecide(work);
            Report(work, decision);
            if (decision.Step == Step.Fail)
            {
                kind.Failures++;
            }
            else if (decision.Step == Step.Defer && work.ExternalId is { } deferred)
            {
                kind.Deferred.Add(deferred);
            }
        }
    }

    private Decision SafeDecide(ItemWork work)
    {
        try
        {
            return Decide(work);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new Decision(Step.Fail, "The item could not be mapped: " + ex.Message);
        }
    }

    /// <summary>Adds a decision to the report: a plan entry for an action, a skipped or failed item otherwise.</summary>
    private void Report(ItemWork work, Decision decision)
    {
        if (decision.Action is { } action)
        {
            _report.Plan(new PlanEntry(work.LinkKind, work.LeadingId, work.ExternalId, action, decision.Reason));
        }
        else if (decision.Step == Step.Skip)
        {
            _report.Skip(work.LinkKind, work.LeadingId, work.ExternalId, decision.Reason);
        }
        else if (decision.Step == Step.Fail)
        {
            _report.Fail(work.LinkKind, work.LeadingId, work.ExternalId, decision.Reason);
        }
    }

    private Decision Decide(ItemWork work)
    {
        var external = work.External;
        if (work.LeadingState == LeadingState.None)
        {
            return DecideImport(work);
        }

        if (work.Link is not { } link)
        {
            return new Decision(Step.Create, "New in the leading system (R-MODE-1WAY-1, R-MODE-EXPORT-1).");
        }

        if (external.State == ExternalState.Problem)
        {
            return new Decision(Step.Fail, "The external item could not be read: " + external.Problem);
        }

        if (external is { State: ExternalState.Changed, Content: { } flagged } && (flagged.IsPrivate || flagged.IsRecurring))
        {
            var what = flagged.IsPrivate ? "private" : "a recurring series";
            return _mode is SyncMode.Export or SyncMode.OneWay
                ? new Decision(Step.Detach, $"Marked {what} externally: left alone; the leading item is created anew as a further item (R-COND-6, R-DIFF-1, D-4).")
                : new Decision(Step.Deactivate, $"Marked {what} externally: excluded from synchronisation (R-COND-6, R-DIFF-2).");
        }

        if (work.LeadingState == LeadingState.Deleted)
        {
            if (_mode == SyncMode.Export)
            {
                return new Decision(Step.DropLink, "Deleted in the leading system; export never deletes externally (D-3).");
            }

            if (external.State is ExternalState.Deleted or ExternalState.Gone)
            {
                return new Decision(Step.DropLink, "Deleted on both sides.");
            }

            return new Decision(
                Step.Delete,
                external.State == ExternalState.Changed
                    ? "Deleted in the leading system; the external edit is discarded (R-GEN-1, R-MODE-1WAY-4, R-MODE-2WAY-3)."
                    : "Deleted in the leading system (R-MODE-1WAY-4, R-MODE-2WAY-3).",
                Journal: external.State == ExternalState.Changed);
        }

        var todo = work.Todo!;
        var leadingChanged = todo.Revision != link.LeadingRevision;
        if (external.State == ExternalState.Gone)
        {
            return _mode != SyncMode.Export && work.LeadingState == LeadingState.Candidate && leadingChanged
                ? new Decision(Step.Recreate, "Changed in the leading system after it was deleted externally (R-MODE-1WAY-1, R-MODE-1WAY-2).")
                : Decision.None;
        }

        if (external.State == ExternalState.Deleted)
        {
            return _mode switch
            {
                SyncMode.Export => new Decision(Step.RememberGone, "Deleted externally; export sends each item once (R-MODE-EXPORT-1)."),
                SyncMode.OneWay when leadingChanged && work.LeadingState == LeadingState.Candidate =>
                    new Decision(Step.Recreate, "Deleted externally and changed in the leading system: created again (R-MODE-1WAY-1, R-MODE-1WAY-2)."),
                SyncMode.OneWay => new Decision(Step.RememberGone, "Deleted externally; created again when the leading item changes (R-MODE-1WAY-2)."),
                _ => new Decision(Step.MarkDeleted, "Deleted externally: marked \"externally deleted\" (R-MODE-2WAY-4)."),
            };
        }

        if (work.LeadingState == LeadingState.OutOfSet)
        {
            return Decision.None; // D-2: an item that only left the window is never touched.
        }

        var seen = external.State is ExternalState.Changed or ExternalState.SameContent;
        if (_mode == SyncMode.Export)
        {
            return seen ? new Decision(Step.RecordSeen) : Decision.None;
        }

        if (leadingChanged)
        {
            var outgoingHash = ContentHasher.Hash(Outgoing(todo), TaskDatesAreDateOnly, _converter);
            if (external.State == ExternalState.Changed && string.Equals(external.Hash, outgoingHash, StringComparison.Ordinal))
            {
                return new Decision(Step.RecordSeen, WithRevision: true);
            }

            if (external.State != ExternalState.Changed && string.Equals(link.ExternalHash, outgoingHash, StringComparison.Ordinal))
            {
                return new Decision(Step.RecordSeen, WithRevision: true);
            }

            return external.State == ExternalState.Changed
                ? new Decision(Step.Update, "Changed on both sides: the leading version is written out, the external one kept in the journal (R-GEN-1).", Journal: true)
                : new Decision(Step.Update, "Changed in the leading system (R-MODE-1WAY-1).");
        }

        if (external.State == ExternalState.Changed)
        {
            if (_mode == SyncMode.OneWay)
            {
                return new Decision(Step.RecordSeen);
            }

            if (!InWindow(external.Content!) && !InWindow(todo.Content))
            {
                return new Decision(Step.Skip, "Changed externally outside the window; not taken back (D-1).");
            }

            return new Decision(Step.Inbound, "Changed externally (R-MODE-2WAY-1).");
        }

        return seen ? new Decision(Step.RecordSeen) : Decision.None;
    }

    private Decision DecideImport(ItemWork work)
    {
        var external = work.External;
        if (external.State == ExternalState.Problem)
        {
            return new Decision(Step.Fail, "The external item could not be read: " + external.Problem);
        }

        var content = external.Content!;
        if (content.SourceTag is not null)
        {
            return Decision.None; // ours (awaiting adoption) or another database's: never imported.
        }

        if (content.IsPrivate || content.IsRecurring)
        {
            return new Decision(Step.Skip, "Private or recurring external items are not imported (R-COND-6).");
        }

        if (content.Kind == TodoKind.Task && content.End is null)
        {
            return new Decision(Step.Skip, "A task without a due date is not synchronised (R-COND-5).");
        }

        if (!InWindow(content))
        {
            var ahead = content.Kind == TodoKind.Task ? content.End : content.Start ?? content.End;
            return ahead >= _window.End ? new Decision(Step.Defer) : Decision.None;
        }

        return new Decision(Step.Import, "Created externally inside the window (R-MODE-FULL-1, R-DIFF-4).");
    }

    /// <summary>Whether an item lies in the external → leading window (D-1, R-DIFF-4): appointments by start or end, tasks by due.</summary>
    private bool InWindow(CalendarItem item) =>
        item.Kind == TodoKind.Task
            ? item.End is { } due && due >= _window.Start && due < _window.End
            : _window.Touches(item.Start, item.End);

    private bool CheckCircuitBreaker(List<KindState> kinds)
    {
        var deletions = kinds.SelectMany(k => k.Works)
            .Select(SafeDecide)
            .Count(d => d.Step is Step.Delete or Step.MarkDeleted);
        var links = kinds.Sum(k => k.ActiveLinks);
        if (RunOptions.AllowMassDelete || deletions < RunOptions.MassDeleteMinimum || deletions <= RunOptions.MassDeleteShare * links)
        {
            return false;
        }

        _report.Breaker = true;
        _report.BreakerMessage = string.Create(CultureInfo.InvariantCulture,
            $"The run would delete or mark as externally deleted {deletions} of {links} linked items (more than {RunOptions.MassDeleteShare:P0}); nothing was changed. Check both sides, then confirm with 'sync run --allow-mass-delete'.");
        LogCircuitBreaker(_logger, _account.Id, deletions, links);
        return true;
    }

    // ---- applying --------------------------------------------------------------------------------------------

    private async Task ExecuteKindAsync(KindState kind, CancellationToken ct)
    {
        if (kind.Skipped)
        {
            return;
        }

        var parallel = Math.Max(1, RunOptions.MaxParallelWrites ?? _request.Calendar.Capabilities.MaxParallelWrites);
        var failuresBefore = _report.FailureCount;
        await Parallel.ForEachAsync(
            kind.Works,
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct },
            async (work, token) => await ProcessAsync(work, token));
        kind.Failures += _report.FailureCount - failuresBefore;
    }

    private async Task ProcessAsync(ItemWork work, CancellationToken ct)
    {
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var decision = SafeDecide(work);
                if (attempt > 0 && decision.Step is Step.Skip or Step.Fail)
                {
                    Report(work, decision);
                    return;
                }

                try
                {
                    await ApplyAsync(work, decision, ct);
                    return;
                }
                catch (VersionConflictException) when (attempt < _options.MaxConflictRetries)
                {
                    LogConflict(_logger, _account.Id, work.ExternalId);
                    await RefreshAsync(work, ct);
                }
                catch (ItemNotFoundException) when (attempt < _options.MaxConflictRetries && work.Link is not null)
                {
                    work.External = ExternalObservation.Deleted;
                }
            }
        }
        catch (VersionConflictException ex)
        {
            _report.Fail(work.LinkKind, work.LeadingId, work.ExternalId, "The item kept changing on the server during the run: " + ex.Message);
        }
        catch (ItemRejectedException ex)
        {
            _report.Fail(work.LinkKind, work.LeadingId, work.ExternalId, ex.Message);
        }
        catch (TransientTargetException ex)
        {
            _report.Fail(work.LinkKind, work.LeadingId, work.ExternalId, ex.Message);
        }
        catch (ItemNotFoundException ex)
        {
            _report.Fail(work.LinkKind, work.LeadingId, work.ExternalId, ex.Message);
        }
        catch (LeadingConcurrencyException ex)
        {
            _report.Skip(work.LinkKind, work.LeadingId, work.ExternalId, "The leading item changed during the run; the leading version wins at the next run (R-GEN-1): " + ex.Message);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or TargetAuthenticationException or TargetConfigurationException))
        {
            LogItemFailed(_logger, _account.Id, work.LeadingId, work.ExternalId, ex);
            _report.Fail(work.LinkKind, work.LeadingId, work.ExternalId, "Unexpected error: " + ex.Message);
        }
    }

    private async Task ApplyAsync(ItemWork work, Decision decision, CancellationToken ct)
    {
        switch (decision.Step)
        {
            case Step.Nothing:
            case Step.Defer:
            case Step.Skip:
            case Step.Fail:
                return;
            case Step.RecordSeen:
                await RecordSeenAsync(work, decision.WithRevision, ct);
                return;
            case Step.Create:
                await CreateAsync(work, bumpGeneration: false, ct);
                return;
            case Step.Recreate:
                await CreateAsync(work, bumpGeneration: true, ct);
                return;
            case Step.Update:
                await UpdateAsync(work, decision, ct);
                return;
            case Step.Delete:
                await DeleteAsync(work, decision, ct);
                return;
            case Step.Inbound:
                await InboundAsync(work, ct);
                return;
            case Step.Import:
                await ImportAsync(work, ct);
                return;
            case Step.MarkDeleted:
                await WithLeadingAsync(() => _leading.MarkExternallyDeletedAsync(_account.Id, work.Todo!.Id, ct));
                _report.Count(RunReportBuilder.Counters.MarkedDeletedIn);
                return;
            case Step.Deactivate:
                await SaveLinkAsync(
                    work.Link! with
                    {
                        Active = false,
                        InactiveReason = decision.Reason,
                        ExternalVersion = work.External.Ref?.Version.Value ?? work.Link!.ExternalVersion,
                        ExternalHash = work.External.Hash ?? work.Link!.ExternalHash,
                    },
                    ct);
                _report.Count(RunReportBuilder.Counters.LinksDeactivated);
                return;
            case Step.Detach:
                await BumpGenerationAsync(work, ct);
                await WithLeadingAsync(() => _leading.DeleteLinkAsync(_account.Id, work.LinkKind, work.Link!.LeadingId, ct));
                _report.Count(RunReportBuilder.Counters.LinksDropped);
                work.Link = null;
                if (work.LeadingState == LeadingState.Candidate)
                {
                    await CreateAsync(work, bumpGeneration: false, ct);
                }

                return;
            case Step.DropLink:
                await WithLeadingAsync(() => _leading.DeleteLinkAsync(_account.Id, work.LinkKind, work.Link!.LeadingId, ct));
                _report.Count(RunReportBuilder.Counters.LinksDropped);
                return;
            case Step.RememberGone:
                await SaveLinkAsync(work.Link! with { ExternalId = string.Empty, ExternalVersion = string.Empty, ExternalHash = null }, ct);
                _report.Count(RunReportBuilder.Counters.LinksDropped);
                return;
            default:
                throw new InvalidOperationException("Unknown step " + decision.Step);
        }
    }

    private async Task RecordSeenAsync(ItemWork work, bool withRevision, CancellationToken ct)
    {
        var link = work.Link!;
        var updated = link with
        {
            ExternalVersion = work.External.Ref?.Version.Value ?? link.ExternalVersion,
            ExternalHash = work.External.Hash ?? link.ExternalHash,
            LeadingRevision = withRevision && work.Todo is { } todo ? todo.Revision : link.LeadingRevision,
        };
        if (updated != link)
        {
            await SaveLinkAsync(updated, ct);
            work.Link = updated;
        }
    }

    private async Task CreateAsync(ItemWork work, bool bumpGeneration, CancellationToken ct)
    {
        var todo = work.Todo!;
        var generation = bumpGeneration ? await BumpGenerationAsync(work, ct) : await GetGenerationAsync(work.Kind, todo.Id, ct);
        var identity = SyncIdentity.ForTodo(_database, todo.Id, generation);
        var content = Outgoing(todo);
        var hash = ContentHasher.Hash(content, TaskDatesAreDateOnly, _converter);
        var created = await _request.Calendar.CreateAsync(work.Kind, identity, content, ct);
        var item = created.Item;
        if (created.Adopted)
        {
            // An interrupted run created it before; bring it up to date unless export (which sends each item once).
            var adopted = await _request.Calendar.GetAsync(work.Kind, [item.Id], ct);
            var existing = adopted.Count > 0 ? adopted[0] : null;
            if (_mode != SyncMode.Export && existing is { Content: { } current }
                && !string.Equals(ContentHasher.Hash(ContentHasher.ToPlain(current, _converter), TaskDatesAreDateOnly, _converter), hash, StringComparison.Ordinal))
            {
                item = await _request.Calendar.UpdateAsync(work.Kind, existing.Item, content, ct);
            }
            else if (existing is not null)
            {
                item = existing.Item;
            }
        }

        var link = new SyncLink
        {
            AccountId = _account.Id,
            Kind = work.LinkKind,
            LeadingId = todo.Id,
            Identity = identity,
            ExternalId = item.Id,
            ExternalVersion = item.Version.Value,
            LeadingRevision = todo.Revision,
            ExternalHash = hash,
            UpdatedAt = _now,
        };
        await SaveLinkAsync(link, ct);
        work.Link = link;
        _report.Count(RunReportBuilder.Counters.CreatedOut);
    }

    private async Task UpdateAsync(ItemWork work, Decision decision, CancellationToken ct)
    {
        var todo = work.Todo!;
        var link = work.Link!;
        var content = Outgoing(todo);
        var current = work.External.Ref ?? new ExternalItemRef(link.ExternalId, new ItemVersion(link.ExternalVersion));
        var written = await _request.Calendar.UpdateAsync(work.Kind, current, content, ct);
        if (decision.Journal)
        {
            await JournalAsync(work, "Both sides changed; the leading version was written out (R-GEN-1).", ct);
        }

        var updated = link with
        {
            ExternalVersion = written.Version.Value,
            LeadingRevision = todo.Revision,
            ExternalHash = ContentHasher.Hash(content, TaskDatesAreDateOnly, _converter),
            UpdatedAt = _now,
        };
        await SaveLinkAsync(updated, ct);
        work.Link = updated;
        work.External = ExternalObservation.Unchanged;
        _report.Count(RunReportBuilder.Counters.UpdatedOut);
    }

    private async Task DeleteAsync(ItemWork work, Decision decision, CancellationToken ct)
    {
        var link = work.Link!;
        var current = work.External.Ref ?? new ExternalItemRef(link.ExternalId, new ItemVersion(link.ExternalVersion));
        try
        {
            await _request.Calendar.DeleteAsync(work.Kind, current, ct);
        }
        catch (ItemNotFoundException)
        {
            // Already gone: the goal is reached.
        }

        if (decision.Journal)
        {
            // The to-do is gone, so its journal is too: say in the run's report what was discarded instead.
            _report.Warn(string.Create(CultureInfo.InvariantCulture,
                $"To-do {link.LeadingId} was deleted in the leading system after it was edited outside ('{work.External.Content?.Subject}'); the leading system wins, so the external copy was deleted too (R-GEN-1)."));
        }

        await WithLeadingAsync(() => _leading.DeleteLinkAsync(_account.Id, work.LinkKind, link.LeadingId, ct));
        _report.Count(RunReportBuilder.Counters.DeletedOut);
    }

    private async Task InboundAsync(ItemWork work, CancellationToken ct)
    {
        var todo = work.Todo!;
        var link = work.Link!;
        var external = work.External;
        var mapped = _request.Mapper.ToLeading(external.Content!, ToLeadingTodo(todo), _context);
        if (mapped is null)
        {
            await RecordSeenAsync(work, withRevision: false, ct);
            return;
        }

        var merged = MergeInbound(mapped, todo.Content);
        if (string.Equals(ContentHasher.Hash(merged, TaskDatesAreDateOnly, _converter), ContentHasher.Hash(todo.Content, TaskDatesAreDateOnly, _converter), StringComparison.Ordinal))
        {
            await RecordSeenAsync(work, withRevision: false, ct);
            return;
        }

        var newLink = link with
        {
            ExternalVersion = external.Ref!.Version.Value,
            ExternalHash = external.Hash,
            UpdatedAt = _now,
        };
        await WithLeadingAsync(() => _leading.ApplyInboundAsync(todo.Id, todo.Revision, merged, newLink, ct));
        _report.Count(RunReportBuilder.Counters.UpdatedIn);
    }

    /// <summary>
    /// The content the leading item takes from an external change: the leading system keeps its reminder (R-NOTE-3),
    /// its text when the external one only differs in line breaks (R-NOTE-2), its times when a date-only target kept the
    /// same date, and "." for an empty subject (D-5).
    /// </summary>
    private CalendarItem MergeInbound(CalendarItem mapped, CalendarItem current)
    {
        var description = DescriptionText.AreEquivalent(mapped.Description, current.Description)
            ? current.Description
            : NullIfEmpty(DescriptionText.Normalize(mapped.Description));
        var start = mapped.Start;
        var end = mapped.End;
        if (TaskDatesAreDateOnly && current.Kind == TodoKind.Task)
        {
            start = SameDate(start, current.Start) ? current.Start : start;
            end = SameDate(end, current.End) ? current.End : end;
        }

        return mapped with
        {
            Kind = current.Kind,
            Subject = ContentHasher.NormalizeSubject(mapped.Subject),
            Start = start,
            End = end,
            TimeZoneId = mapped.TimeZoneId ?? current.TimeZoneId,
            Description = description,
            DescriptionFormat = DescriptionFormat.PlainText,
            Reminder = current.Reminder,
            IsPrivate = false,
            IsRecurring = false,
            SourceTag = null,
        };
    }

    private static bool SameDate(DateTimeOffset? a, DateTimeOffset? b) =>
        a is { } x && b is { } y && DateOnly.FromDateTime(x.DateTime) == DateOnly.FromDateTime(y.DateTime);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private async Task ImportAsync(ItemWork work, CancellationToken ct)
    {
        var external = work.External;
        var mapped = _request.Mapper.ToLeading(external.Content!, null, _context);
        if (mapped is null)
        {
            return;
        }

        var content = mapped with
        {
            Kind = external.Content!.Kind,
            Subject = ContentHasher.NormalizeSubject(mapped.Subject),
            Description = NullIfEmpty(DescriptionText.Normalize(mapped.Description)),
            DescriptionFormat = DescriptionFormat.PlainText,
            Reminder = null,
            IsPrivate = false,
            IsRecurring = false,
            SourceTag = null,
        };
        var link = new SyncLink
        {
            AccountId = _account.Id,
            Kind = work.LinkKind,
            LeadingId = 0,
            Identity = "external:" + external.Ref!.Id,
            ExternalId = external.Ref.Id,
            ExternalVersion = external.Ref.Version.Value,
            LeadingRevision = 0,
            ExternalHash = external.Hash,
            UpdatedAt = _now,
        };
        await WithLeadingAsync(() => _leading.ImportTodoAsync(new TodoDraft(_account.UserId, content), link, ct));
        _report.Count(RunReportBuilder.Counters.ImportedIn);
    }

    private async Task JournalAsync(ItemWork work, string reason, CancellationToken ct)
    {
        var external = work.External;
        var entry = new JournalEntry(
            work.LeadingId!.Value,
            _account.Id,
            _now,
            reason,
            external.Ref?.Id ?? work.Link!.ExternalId,
            external.Ref?.Version.Value ?? work.Link!.ExternalVersion,
            JsonSerializer.Serialize(external.Content, JournalJson));
        await WithLeadingAsync(() => _leading.AppendJournalAsync(entry, ct));
        _report.Count(RunReportBuilder.Counters.Journaled);
    }

    private async Task<int> GetGenerationAsync(TodoKind kind, long todoId, CancellationToken ct)
    {
        var text = await WithLeadingAsync(() => _leading.GetStateAsync(_account.Id, GenerationKey(kind, todoId), ct));
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var generation) ? generation : 0;
    }

    private async Task<int> BumpGenerationAsync(ItemWork work, CancellationToken ct)
    {
        var id = work.LeadingId!.Value;
        var next = await GetGenerationAsync(work.Kind, id, ct) + 1;
        await WithLeadingAsync(() => _leading.SetStateAsync(_account.Id, GenerationKey(work.Kind, id), next.ToString(CultureInfo.InvariantCulture), ct));
        return next;
    }

    private Task SaveLinkAsync(SyncLink link, CancellationToken ct)
    {
        if (link.ExternalId.Length > 0)
        {
            _writtenThisRun[(link.Kind, link.ExternalId)] = 0;
        }

        return WithLeadingAsync(() => _leading.SaveLinkAsync(link with { UpdatedAt = _now }, ct));
    }

    // External items this run wrote. A cursor taken before these writes may never report them again: a change
    // stream collapses "created after the cursor, then deleted" into nothing (EWS SyncFolderItems, Graph delta).
    // So the next run confirms them by a read whatever the delta says.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(LinkKind Kind, string Id), byte> _writtenThisRun = new();

    private static string UnconfirmedKey(TodoKind kind) => "unconfirmed:" + KindName(kind);

    private async Task WithLeadingAsync(Func<Task> action)
    {
        await _leadingGate.WaitAsync();
        try
        {
            await action();
        }
        finally
        {
            _leadingGate.Release();
        }
    }

    private async Task<T> WithLeadingAsync<T>(Func<Task<T>> action)
    {
        await _leadingGate.WaitAsync();
        try
        {
            return await action();
        }
        finally
        {
            _leadingGate.Release();
        }
    }

    // ---- content ---------------------------------------------------------------------------------------------

    private LeadingTodo ToLeadingTodo(Todo todo) => new(todo.Id, todo.Content)
    {
        ProjectNumber = todo.ProjectNumber,
        ProjectName = todo.ProjectName,
        ResponsibleName = _responsibleName,
    };

    /// <summary>
    /// The content written out: the mapper's, then the rules that hold whatever the mapper does: "." for an empty
    /// subject (R-COND-2), a reminder only when after the run and before the start (R-APT-4, R-TSK-3), the identity
    /// tag, no incoming-only flags.
    /// </summary>
    private CalendarItem Outgoing(Todo todo)
    {
        var mapped = _request.Mapper.ToExternal(ToLeadingTodo(todo), _context);
        var start = mapped.Start ?? mapped.End;
        var reminder = mapped.Reminder is { } r && r > _now && start is { } s && r < s ? r : (DateTimeOffset?)null;
        return mapped with
        {
            Kind = todo.Kind,
            Subject = ContentHasher.NormalizeSubject(mapped.Subject),
            Reminder = reminder,
            IsPrivate = false,
            IsRecurring = false,
            SourceTag = SyncIdentity.TodoSourceTag(_database, todo.Id),
        };
    }

    // ---- logging ---------------------------------------------------------------------------------------------

    [LoggerMessage(Level = LogLevel.Information, Message = "Run of account {AccountId} starting (mode {Mode}, dry run {DryRun})")]
    private static partial void LogRunStarting(ILogger logger, long accountId, SyncMode mode, bool dryRun);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run of account {AccountId}: nothing changed on either side since the last successful run; fast path")]
    private static partial void LogFastPath(ILogger logger, long accountId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run of account {AccountId} ended by an unexpected error")]
    private static partial void LogRunCrashed(ILogger logger, long accountId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run of account {AccountId} finished: {Outcome}, {Changes} changes, {Failures} failures")]
    private static partial void LogRunFinished(ILogger logger, long accountId, string outcome, int changes, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run of account {AccountId} ended: {Kind} {Message}")]
    private static partial void LogRunFailed(ILogger logger, long accountId, FatalErrorKind kind, string? message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: the target listed no {Kind}s although {Links} are linked; ignored")]
    private static partial void LogSuspiciousListing(ILogger logger, long accountId, string kind, int links);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: mass-delete circuit breaker: {Deletions} of {Links} links")]
    private static partial void LogCircuitBreaker(ILogger logger, long accountId, int deletions, int links);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Account {AccountId}: version conflict on {ExternalId}; re-reading")]
    private static partial void LogConflict(ILogger logger, long accountId, string? externalId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: item {LeadingId}/{ExternalId} failed")]
    private static partial void LogItemFailed(ILogger logger, long accountId, long? leadingId, string? externalId, Exception exception);
}
