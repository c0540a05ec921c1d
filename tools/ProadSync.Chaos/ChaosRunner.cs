using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Abstractions.Models;
using ProadSync.Chaos.External;
using ProadSync.Chaos.Model;
using ProadSync.Core.Leading;
using ProadSync.FaultProxy;
using ProadSync.Hosting;
using ProadSync.Hosting.Accounts;
using ProadSync.Hosting.Runs;

namespace ProadSync.Chaos;

/// <summary>
/// Randomised end-to-end runs: per mode a fresh database and calendar; per round random edits in the leading store
/// (through the host's services) and on the external side (files or raw HTTP, never through ProadSync), runs with
/// faults on, then clean runs until nothing changes; then every invariant is checked against a model of the expected
/// state (no item lost, no duplicate by UID, tag or content, leading wins, the mode's semantics, links consistent).
/// </summary>
public sealed class ChaosRunner
{
    private const string Database = "chaos";
    private const string Login = "anna";
    private readonly ChaosOptions _options;
    private readonly Random _random;
    private readonly ChaosResult _result = new();
    private int _counter;

    /// <summary>Creates the runner.</summary>
    /// <param name="options">The shape of the run.</param>
    public ChaosRunner(ChaosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _random = new Random(options.Seed);
        _result.Target = options.Server?.Name ?? "vdir";
    }

    /// <summary>Runs every mode's rounds.</summary>
    /// <param name="cancellationToken">Stops the run (the result so far is returned by an exception only).</param>
    /// <returns>The figures and violations.</returns>
    public async Task<ChaosResult> RunAsync(CancellationToken cancellationToken)
    {
        foreach (var mode in _options.Modes)
        {
            await RunModeAsync(mode, cancellationToken);
        }

        return _result;
    }

    private string Next(string prefix) => prefix + (++_counter).ToString(CultureInfo.InvariantCulture);

    private void Log(string line) => _options.Log?.WriteLine(line);

    private async Task RunModeAsync(SyncMode mode, CancellationToken ct)
    {
        var modeName = AccountView.ModeName(mode);
        var work = Path.Combine(_options.WorkDirectory, $"{modeName}-{_options.Seed}");
        Directory.CreateDirectory(work);
        FaultProxyServer? proxy = null;
        IExternalSide side;
        if (_options.Server is { } server)
        {
            proxy = await FaultProxyServer.StartAsync(
                new FaultProxyOptions
                {
                    Upstream = server.Root,
                    Seed = _options.Seed * 31 + (int)mode,
                    FaultRate = _options.FaultRate,
                    Kinds = _options.FaultKinds,
                    RetryAfter = _options.ProxyRetryAfter,
                    MaxDelay = _options.ProxyMaxDelay,
                    Trace = _options.ProxyTrace,
                },
                ct);
            var collection = await DavExternalSide.MakeCalendarAsync(server.CalendarHome, $"chaos-{modeName}-{_options.Seed}-{Guid.NewGuid():N}"[..40], server.User, server.Password, ct);
            side = new DavExternalSide(collection, proxy.Through(collection), server.User, server.Password);
        }
        else
        {
            side = new VdirExternalSide(Path.Combine(work, "vdir"));
        }

        try
        {
            var home = ProadSyncHome.Resolve(Path.Combine(work, "home"), null);
            await using var services = await HostServices.CreateAsync(home, TimeProvider.System, NullLoggerFactory.Instance, [_options.PluginDirectory], _options.Retry, ct);
            await services.Licensing.InstallDevelopmentLicenceAsync(ct);
            await services.Catalog.AddDatabaseAsync(Database, null, "Europe/Berlin", ct);
            if (side is DavExternalSide)
            {
                await services.Licensing.SetEnabledAsync(Database, "caldav", true, ct);
            }

            await using var store = await services.Catalog.OpenAsync(Database, ct);
            var user = await store.AddUserAsync(Login, "Anna Chaos", mayConfigureSync: true, ct);
            var (pluginId, url, pluginOptions) = side.AccountSettings;
            await services.Accounts.SetAsync(Database, Login, new AccountChange
            {
                PluginId = pluginId,
                Url = url,
                UserName = _options.Server?.User,
                Password = _options.Server?.Password,
                Options = pluginOptions,
                Mode = mode,
                Enabled = true,
            }, ct);

            var scenario = new Scenario(mode, store, user.Id, side, services, proxy);
            for (var round = 1; round <= _options.Rounds; round++)
            {
                ct.ThrowIfCancellationRequested();
                await RoundAsync(scenario, round, ct);
                _result.Rounds++;
            }

            _result.ItemsAtEnd += scenario.Items.Count(i => i.Leading is not null);
            _result.Retries += services.Targets.Retries.Retries;
        }
        finally
        {
            if (proxy is not null)
            {
                _result.Add(proxy.Counters);
                await proxy.DisposeAsync();
            }

            (side as IDisposable)?.Dispose();
        }
    }

    private sealed record Scenario(SyncMode Mode, ILeadingSystem Store, long UserId, IExternalSide Side, HostServices Services, FaultProxyServer? Proxy)
    {
        public List<ItemModel> Items { get; } = [];

        public List<ForeignModel> Foreign { get; } = [];

        public static string Tag(long id) => string.Create(CultureInfo.InvariantCulture, $"{Database}:{id}");
    }

    // ---- one round ---------------------------------------------------------------------------------------------

    private async Task RoundAsync(Scenario s, int round, CancellationToken ct)
    {
        for (var i = 0; i < _options.LeadingOpsPerRound; i++)
        {
            await LeadingOpAsync(s, ct);
            _result.LeadingOps++;
        }

        var objects = (await s.Side.ListAsync(ct)).ToList();
        for (var i = 0; i < _options.ExternalOpsPerRound; i++)
        {
            if (await ExternalOpAsync(s, objects, ct))
            {
                _result.ExternalOps++;
            }
        }

        if (s.Proxy is not null)
        {
            s.Proxy.Schedule.Enabled = true;
        }

        for (var i = 0; i < _options.FaultedRunsPerRound; i++)
        {
            await SyncAsync(s, faulted: s.Proxy is not null, ct);
        }

        if (s.Proxy is not null)
        {
            s.Proxy.Schedule.Enabled = false;
        }

        var quiet = false;
        for (var i = 0; i < 6 && !quiet; i++)
        {
            quiet = await SyncAsync(s, faulted: false, ct);
        }

        var where = $"{AccountView.ModeName(s.Mode)} round {round}";
        if (!quiet)
        {
            _result.Violations.Add($"{where}: the runs did not settle (six clean runs in a row still changed something or failed)");
        }

        await ExpectAsync(s, ct);
        var before = _result.Violations.Count;
        await CheckAsync(s, where, ct);
        Log($"{where}: {s.Items.Count(i => i.Leading is not null)} leading items, {_result.Violations.Count - before} violation(s)");
        foreach (var item in s.Items)
        {
            item.ClearRound();
        }

        s.Items.RemoveAll(i => i.Leading is null && i.Ext is null);
        foreach (var f in s.Foreign)
        {
            f.NewThisRound = false;
        }
    }

    /// <summary>One run; returns whether it changed nothing and failed nothing.</summary>
    private async Task<bool> SyncAsync(Scenario s, bool faulted, CancellationToken ct)
    {
        _result.Runs++;
        if (faulted)
        {
            _result.FaultedRuns++;
        }

        IReadOnlyList<AccountRunResult> results;
        try
        {
            results = await s.Services.Sync.RunAsync(new SyncRequest { Database = Database }, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _result.Violations.Add($"{AccountView.ModeName(s.Mode)}: a run threw instead of reporting: {ex.GetType().Name}: {ex.Message}");
            return false;
        }

        var r = results.Single();
        switch (r.Outcome)
        {
            case "failed":
                _result.FailedRuns++;
                break;
            case "partial":
                _result.PartialRuns++;
                break;
            case "refused":
                _result.Violations.Add($"{AccountView.ModeName(s.Mode)}: the mass-delete circuit breaker stopped a run: {r.Message}");
                break;
        }

        var account = await s.Store.GetAccountByUserAsync(s.UserId, ct);
        if (account is { Enabled: false })
        {
            _result.AutoDisabled++;
            await s.Services.Accounts.SetAsync(Database, Login, new AccountChange { Enabled = true }, ct);
        }

        if (!faulted && r.Outcome is "failed" or "partial")
        {
            Log($"  clean run {r.Outcome}: {r.Message} {string.Join("; ", r.Report?.Failed.Select(f => f.Message) ?? [])}");
        }

        return r.Outcome == "succeeded" && r.Report is { Changes: 0, Failed.Count: 0 };
    }

    // ---- edits -------------------------------------------------------------------------------------------------

    private (DateTimeOffset Start, DateTimeOffset End) RandomTimes(TodoKind kind)
    {
        var now = TimeProvider.System.GetUtcNow();
        var start = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(_random.Next(1, 90)).AddHours(_random.Next(7, 18));
        return kind == TodoKind.Task ? (start, start.AddDays(2)) : (start, start.AddHours(1));
    }

    private TodoKind RandomKind() => _random.NextDouble() < 0.7 ? TodoKind.Appointment : TodoKind.Task;

    private async Task LeadingOpAsync(Scenario s, CancellationToken ct)
    {
        var live = s.Items.Where(i => i.Leading is not null && i.Id > 0).ToList();
        var roll = _random.NextDouble();
        if (live.Count < 4 || roll < 0.45)
        {
            var kind = RandomKind();
            var (start, end) = RandomTimes(kind);
            var subject = Next("L");
            var content = new CalendarItem
            {
                Kind = kind,
                Subject = subject,
                Start = kind == TodoKind.Task ? null : start,
                End = kind == TodoKind.Task ? end : end,
                TimeZoneId = "Europe/Berlin",
                Status = TodoStatus.New,
            };
            var todo = await s.Store.AddTodoAsync(new TodoDraft(s.UserId, content), ct);
            s.Items.Add(new ItemModel { Id = todo.Id, Kind = kind, Leading = subject, Ext = null, Start = start, End = end, New = true });
            return;
        }

        var item = live[_random.Next(live.Count)];
        if (roll < 0.82)
        {
            var todo = (await s.Store.GetTodoAsync(item.Id, ct))!;
            var subject = Next("U");
            await s.Store.UpdateTodoAsync(item.Id, new TodoDraft(todo.ResponsibleUserId, todo.Content with { Subject = subject }), ct);
            item.Leading = subject;
            item.LeadingEdit = subject;
        }
        else
        {
            await s.Store.DeleteTodoAsync(item.Id, ct);
            item.Leading = null;
            item.LeadingDeleted = true;
        }
    }

    private async Task<bool> ExternalOpAsync(Scenario s, List<ExternalObject> objects, CancellationToken ct)
    {
        var roll = _random.NextDouble();
        if (objects.Count == 0 || roll < 0.3)
        {
            var kind = RandomKind();
            var (start, end) = RandomTimes(kind);
            var uid = Next($"foreign-{_options.Seed}-");
            var summary = Next("F");
            var text = kind == TodoKind.Task ? IcsText.Todo(uid, summary, end) : IcsText.Event(uid, summary, start, end);
            await s.Side.CreateAsync(kind, uid, text, ct);
            s.Foreign.Add(new ForeignModel { Uid = uid, Kind = kind, Summary = summary, Start = start, End = end, NewThisRound = true });
            return true;
        }

        var target = objects[_random.Next(objects.Count)];
        var model = Find(s, target);
        var delete = roll > 0.8;
        if (delete)
        {
            await s.Side.DeleteAsync(target, ct);
            objects.Remove(target);
        }
        else
        {
            var summary = Next("E");
            await s.Side.EditAsync(target, IcsText.WithSummary(target.Text, summary), ct);
            objects[objects.IndexOf(target)] = target with { Summary = summary, Text = IcsText.WithSummary(target.Text, summary) };
            if (model.Item is { } edited)
            {
                edited.ExternalEdit = summary;
            }
            else if (model.Foreign is { } foreign)
            {
                foreign.Summary = summary;
            }

            return true;
        }

        if (model.Item is { } deleted)
        {
            deleted.ExternalDeleted = true;
        }
        else if (model.Foreign is { } foreignDeleted)
        {
            foreignDeleted.Summary = null;
        }

        return true;
    }

    private static (ItemModel? Item, ForeignModel? Foreign) Find(Scenario s, ExternalObject o)
    {
        if (o.Uid is { } uid)
        {
            if (s.Items.FirstOrDefault(i => i.ForeignUid == uid) is { } imported)
            {
                return (imported, null);
            }

            if (s.Foreign.FirstOrDefault(f => f.Uid == uid) is { } foreign)
            {
                return (null, foreign);
            }
        }

        return o.Tag is { } tag ? (s.Items.FirstOrDefault(i => i.ForeignUid is null && Scenario.Tag(i.Id) == tag), null) : (null, null);
    }

    // ---- the expected state after the round ---------------------------------------------------------------------

    private async Task ExpectAsync(Scenario s, CancellationToken ct)
    {
        var mode = s.Mode;
        foreach (var item in s.Items)
        {
            if (item.New)
            {
                item.Ext = item.Leading;
            }
            else if (item.Marked)
            {
                // Left out of all runs (R-MODE-2WAY-4): nothing goes out any more.
            }
            else if (item.LeadingDeleted)
            {
                item.Ext = mode == SyncMode.Export
                    ? (item.ExternalDeleted ? null : item.ExternalEdit ?? item.Ext) // D-3: export never deletes
                    : null; // R-MODE-1WAY-4, R-MODE-2WAY-3, R-GEN-1 over an external edit
            }
            else if (item.Ext is null)
            {
                // Deleted externally earlier (1-way/export remember it): 1-way re-creates when the leading item changes.
                if (mode == SyncMode.OneWay && item.LeadingEdit is not null)
                {
                    item.Ext = item.Leading;
                }
            }
            else if (item.ExternalDeleted)
            {
                switch (mode)
                {
                    case SyncMode.TwoWay:
                    case SyncMode.Full:
                        item.Marked = true; // R-MODE-2WAY-4: the data stays, marked
                        item.Ext = null;
                        break;
                    case SyncMode.OneWay:
                        item.Ext = item.LeadingEdit is not null ? item.Leading : null; // R-MODE-1WAY-2
                        break;
                    default:
                        item.Ext = null; // R-MODE-EXPORT-1: sent once
                        break;
                }
            }
            else if (item.LeadingEdit is not null)
            {
                item.Ext = mode == SyncMode.Export ? item.ExternalEdit ?? item.Ext : item.Leading; // R-GEN-1: leading wins
            }
            else if (item.ExternalEdit is not null)
            {
                item.Ext = item.ExternalEdit;
                if (mode is SyncMode.TwoWay or SyncMode.Full)
                {
                    item.Leading = item.ExternalEdit; // R-MODE-2WAY-1
                }
            }
        }

        if (mode != SyncMode.Full)
        {
            return;
        }

        // R-MODE-FULL-1: external items created in the window are imported once and synchronised from then on.
        var todos = await s.Store.ListTodosAsync(new TodoQuery { ResponsibleUserId = s.UserId, IncludeExternallyDeleted = true }, ct);
        foreach (var foreign in s.Foreign.Where(f => f.Summary is not null).ToList())
        {
            var matches = todos.Where(t => t.Content.Subject == foreign.Summary).ToList();
            if (matches.Count != 1)
            {
                _result.Violations.Add($"full: the external item {foreign.Uid} ('{foreign.Summary}') was imported {matches.Count} times, expected once (R-MODE-FULL-1)");
                continue;
            }

            s.Items.Add(new ItemModel { Id = matches[0].Id, Kind = foreign.Kind, Leading = foreign.Summary, Ext = foreign.Summary, ForeignUid = foreign.Uid, Start = foreign.Start, End = foreign.End });
            s.Foreign.Remove(foreign);
        }

        s.Foreign.RemoveAll(f => f.Summary is null);
    }

    // ---- the checks ---------------------------------------------------------------------------------------------

    private async Task CheckAsync(Scenario s, string where, CancellationToken ct)
    {
        void Violation(string text) => _result.Violations.Add($"{where}: {text}");
        var external = await s.Side.ListAsync(ct);
        var todos = (await s.Store.ListTodosAsync(new TodoQuery { ResponsibleUserId = s.UserId, IncludeExternallyDeleted = true }, ct)).ToDictionary(t => t.Id);
        var links = (await s.Store.ListLinksAsync((await s.Store.GetAccountByUserAsync(s.UserId, ct))!.Id, LinkKind.Appointment, ct))
            .Concat(await s.Store.ListLinksAsync((await s.Store.GetAccountByUserAsync(s.UserId, ct))!.Id, LinkKind.Task, ct))
            .ToList();

        // No duplicate by UID, by tag or by content.
        foreach (var group in external.Where(o => o.Uid is not null).GroupBy(o => o.Uid).Where(g => g.Count() > 1))
        {
            Violation($"duplicate UID '{group.Key}' externally: {string.Join(", ", group.Select(o => o.Id))}");
        }

        foreach (var group in external.Where(o => o.Tag is not null).GroupBy(o => o.Tag).Where(g => g.Count() > 1))
        {
            Violation($"the leading item '{group.Key}' exists {group.Count()} times externally: {string.Join(", ", group.Select(o => o.Id))}");
        }

        foreach (var group in external.GroupBy(o => (o.Kind, o.Summary, o.Start)).Where(g => g.Count() > 1))
        {
            Violation($"duplicate content externally ('{group.Key.Summary}' at {group.Key.Start}): {string.Join(", ", group.Select(o => o.Id))}");
        }

        foreach (var group in todos.Values.GroupBy(t => t.Content.Subject).Where(g => g.Count() > 1))
        {
            Violation($"duplicate leading to-dos with the subject '{group.Key}': {string.Join(", ", group.Select(t => t.Id))}");
        }

        // Links consistent: every active link points at an existing external item with that identity, at most one link per item.
        var byId = external.GroupBy(o => (o.Kind, o.Id)).ToDictionary(g => g.Key, g => g.First());
        foreach (var link in links.Where(l => l.Active && l.ExternalId.Length > 0))
        {
            var kind = link.Kind == LinkKind.Task ? TodoKind.Task : TodoKind.Appointment;
            if (!byId.TryGetValue((kind, link.ExternalId), out var target))
            {
                Violation($"the active link of to-do {link.LeadingId} points at '{link.ExternalId}', which does not exist");
            }
            else if (!link.Identity.StartsWith("external:", StringComparison.Ordinal) && target.Uid != link.Identity)
            {
                Violation($"the active link of to-do {link.LeadingId} expects UID '{link.Identity}' but '{link.ExternalId}' has '{target.Uid}'");
            }
            else if (!todos.ContainsKey(link.LeadingId))
            {
                Violation($"an active link points from the deleted to-do {link.LeadingId} at '{link.ExternalId}'");
            }
        }

        foreach (var group in links.Where(l => l.Active && l.ExternalId.Length > 0).GroupBy(l => (l.Kind, l.ExternalId)).Where(g => g.Count() > 1))
        {
            Violation($"{group.Count()} links point at '{group.Key.ExternalId}'");
        }

        // The model: every leading item where it should be, with the content it should have.
        var accounted = new HashSet<ExternalObject>();
        foreach (var item in s.Items)
        {
            var label = item.ForeignUid is null ? $"to-do {item.Id}" : $"imported to-do {item.Id} ({item.ForeignUid})";
            if (item.Leading is null)
            {
                if (item.Id > 0 && todos.ContainsKey(item.Id))
                {
                    Violation($"{label} was deleted in the leading system but exists");
                }
            }
            else if (!todos.TryGetValue(item.Id, out var todo))
            {
                Violation($"{label} was lost in the leading system (expected '{item.Leading}')");
            }
            else
            {
                if (todo.Content.Subject != item.Leading)
                {
                    Violation($"{label} has the subject '{todo.Content.Subject}' in the leading system, expected '{item.Leading}'");
                }

                if (todo.ExternallyDeleted != item.Marked)
                {
                    Violation($"{label} is {(todo.ExternallyDeleted ? string.Empty : "not ")}marked externally deleted, expected {(item.Marked ? "marked" : "not marked")} (R-MODE-2WAY-4)");
                }
            }

            var copies = external.Where(o => item.ForeignUid is not null ? o.Uid == item.ForeignUid : o.Tag == Scenario.Tag(item.Id)).ToList();
            accounted.UnionWith(copies);
            if (item.Ext is null && copies.Count > 0)
            {
                Violation($"{label} should not exist externally but does: {string.Join(", ", copies.Select(c => $"{c.Id} '{c.Summary}'"))}");
            }
            else if (item.Ext is not null && copies.Count != 1)
            {
                Violation($"{label} exists {copies.Count} times externally, expected once with '{item.Ext}'");
            }
            else if (item.Ext is not null && copies[0].Summary != item.Ext)
            {
                Violation($"{label} reads '{copies[0].Summary}' externally, expected '{item.Ext}' (leading '{item.Leading}')");
            }
        }

        // External items of other programs are never lost or changed by ProadSync.
        foreach (var foreign in s.Foreign)
        {
            var copies = external.Where(o => o.Uid == foreign.Uid).ToList();
            accounted.UnionWith(copies);
            if (foreign.Summary is null && copies.Count > 0)
            {
                Violation($"the external item {foreign.Uid} was deleted externally but exists again");
            }
            else if (foreign.Summary is not null && (copies.Count != 1 || copies[0].Summary != foreign.Summary))
            {
                Violation($"the external item {foreign.Uid} ('{foreign.Summary}') was lost or changed: found {copies.Count} ({string.Join(", ", copies.Select(c => c.Summary))})");
            }
        }

        foreach (var stray in external.Where(o => !accounted.Contains(o)))
        {
            Violation($"an unexpected external item: {stray.Id} (UID {stray.Uid}, tag {stray.Tag}, '{stray.Summary}')");
        }

        var known = s.Items.Where(i => i.Leading is not null).Select(i => i.Id).ToHashSet();
        foreach (var todo in todos.Values.Where(t => !known.Contains(t.Id)))
        {
            Violation($"an unexpected leading to-do {todo.Id} '{todo.Content.Subject}'");
        }
    }
}
