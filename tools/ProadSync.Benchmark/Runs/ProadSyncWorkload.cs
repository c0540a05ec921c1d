using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.Benchmark.Proxy;
using ProadSync.Core.Leading;
using ProadSync.Core.Mapping;
using ProadSync.Core.Sync;
using ProadSync.PluginHost;
using ProadSync.Storage.Sqlite;

namespace ProadSync.Benchmark.Runs;

/// <summary>
/// ProadSync's side: a SQLite leading store with N appointments in the window, one 2-way account on the caldav plugin
/// (loaded by the plugin host), and runs through <see cref="SyncEngine"/> exactly as the host makes them: a new
/// target per run, the plugin's state in the leading store.
/// </summary>
internal sealed class ProadSyncWorkload
{
    /// <summary>The plugin id.</summary>
    public const string PluginId = "caldav";

    private const string TimeZone = "Europe/Berlin";

    private readonly IPluginCatalog _plugins;
    private readonly Func<CancellationToken, Task<ProxyStats>> _snapshot;
    private readonly TimeProvider _time;
    private readonly string _workDirectory;
    private readonly TextWriter _log;

    /// <summary>Creates the workload.</summary>
    /// <param name="plugins">The plugin host's catalog (with the caldav plugin).</param>
    /// <param name="snapshot">Reads the proxy's counts.</param>
    /// <param name="time">The clock.</param>
    /// <param name="workDirectory">Where the SQLite file goes.</param>
    /// <param name="log">Progress messages.</param>
    public ProadSyncWorkload(IPluginCatalog plugins, Func<CancellationToken, Task<ProxyStats>> snapshot, TimeProvider time, string workDirectory, TextWriter log)
    {
        _plugins = plugins;
        _snapshot = snapshot;
        _time = time;
        _workDirectory = workDirectory;
        _log = log;
    }

    /// <summary>Settings of one measured series.</summary>
    public sealed record Series
    {
        /// <summary>The number of appointments.</summary>
        public required int Size { get; init; }

        /// <summary>The empty calendar, as the client sees it (through the proxy).</summary>
        public required Uri Calendar { get; init; }

        /// <summary>The user.</summary>
        public required string User { get; init; }

        /// <summary>The password.</summary>
        public required string Password { get; init; }

        /// <summary>The plugin's maxParallelWrites, or <see langword="null"/> for its default.</summary>
        public int? MaxParallelWrites { get; init; }

        /// <summary>How many appointments change before the last run.</summary>
        public int Changed { get; init; } = 10;

        /// <summary>Run phases after the initial push (false: only the push, for the smoke test of counts).</summary>
        public bool AllPhases { get; init; } = true;
    }

    /// <summary>Fills a fresh store, then measures initial push, the run after it, a run with no change and one with changes.</summary>
    /// <param name="series">The settings.</param>
    /// <param name="cancellationToken">Cancels between runs.</param>
    /// <returns>One measurement per phase.</returns>
    /// <exception cref="BenchmarkException">The plugin is missing or a run failed.</exception>
    public async Task<IReadOnlyList<Measurement>> RunAsync(Series series, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(series);
        var factory = _plugins.FindCalendarTargetFactory(PluginId)
            ?? throw new BenchmarkException($"The plugin '{PluginId}' was not loaded: {string.Join("; ", _plugins.Plugins.Select(p => $"{p.Id}: {p.State} {p.Reason}"))}. Build plugins/ProadSync.Plugin.CalDav first.");

        var name = "bench" + series.Size.ToString(CultureInfo.InvariantCulture);
        var file = Path.Combine(_workDirectory, $"{name}-{Guid.NewGuid():N}.db");
        var database = new DatabaseInfo(name, SqliteLeadingStore.ProviderName, $"Data Source={file}", TimeZone);
        await using var store = await SqliteLeadingStore.OpenAsync(database, _time, NullLoggerFactory.Instance, cancellationToken);
        var user = await store.AddUserAsync("bench", "Benchmark User", mayConfigureSync: true, cancellationToken);
        var ids = new List<long>(series.Size);
        var start = _time.GetUtcNow();
        for (var i = 0; i < series.Size; i++)
        {
            var todo = await store.AddTodoAsync(new TodoDraft(user.Id, Appointment(start, i, "")), cancellationToken);
            ids.Add(todo.Id);
        }

        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["calendarUrl"] = series.Calendar.AbsoluteUri };
        if (series.MaxParallelWrites is { } parallel)
        {
            options["maxParallelWrites"] = parallel.ToString(CultureInfo.InvariantCulture);
        }

        var account = await store.SaveAccountAsync(new SyncAccount
        {
            UserId = user.Id,
            Enabled = true,
            PluginId = PluginId,
            Url = series.Calendar.AbsoluteUri,
            UserName = series.User,
            Mode = SyncMode.TwoWay,
            Options = options,
        }, cancellationToken);

        var engine = new SyncEngine(new SyncEngineOptions(), _time, NullLogger<SyncEngine>.Instance);
        var results = new List<Measurement>();
        results.Add(await MeasureAsync(Phases.Initial, series, store, account, factory, engine, expectCreated: series.Size, cancellationToken));
        if (!series.AllPhases)
        {
            return results;
        }

        results.Add(await MeasureAsync(Phases.Settle, series, store, account, factory, engine, expectCreated: 0, cancellationToken));
        var quiet = new List<Measurement>();
        for (var n = 0; n < Phases.NoChangeRepeats; n++)
        {
            quiet.Add(await MeasureAsync(Phases.NoChange, series, store, account, factory, engine, expectCreated: 0, cancellationToken));
        }

        results.Add(Measurement.Median(quiet));
        if (Environment.GetEnvironmentVariable("PROADSYNC_BENCH_PROFILE") == "1")
        {
            await ProfileAsync(store, account, user.Id, cancellationToken);
        }
        var step = Math.Max(1, series.Size / Math.Max(1, series.Changed));
        for (var k = 0; k < series.Changed && k * step < ids.Count; k++)
        {
            var index = k * step;
            await store.UpdateTodoAsync(ids[index], new TodoDraft(user.Id, Appointment(start, index, " (changed)")), cancellationToken);
        }

        results.Add(await MeasureAsync(Phases.Changed, series, store, account, factory, engine, expectCreated: 0, cancellationToken));
        return results;
    }

    /// <summary>The appointment number <paramref name="i"/>: spread over the next 300 days, 09:00–10:00 local time.</summary>
    /// <param name="now">The run time.</param>
    /// <param name="i">The number.</param>
    /// <param name="suffix">Appended to the subject (a change).</param>
    /// <returns>The content.</returns>
    internal static CalendarItem Appointment(DateTimeOffset now, int i, string suffix)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 + (i % 300));
        var local = day.ToDateTime(new TimeOnly(8 + (i % 9), 0));
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var begin = new DateTimeOffset(local, zone.GetUtcOffset(local));
        return new CalendarItem
        {
            Kind = TodoKind.Appointment,
            Subject = string.Create(CultureInfo.InvariantCulture, $"Benchmark appointment {i}{suffix}"),
            Start = begin,
            End = begin.AddHours(1),
            TimeZoneId = TimeZone,
            Description = string.Create(CultureInfo.InvariantCulture, $"Generated appointment {i} for the ProadSync benchmark."),
            Location = "Room " + (i % 20).ToString(CultureInfo.InvariantCulture),
        };
    }

    private async Task<Measurement> MeasureAsync(string phase, Series series, ILeadingSystem store, SyncAccount account, ICalendarTargetFactory factory, SyncEngine engine, int expectCreated, CancellationToken cancellationToken)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = await _snapshot(cancellationToken);
        var cpu = Cpu();
        var watch = Stopwatch.StartNew();

        // As the host does per run (SyncService.RunAccountAsync): read the account, create a target, run, dispose.
        var current = await store.GetAccountAsync(account.Id, cancellationToken) ?? account;
        var target = await factory.CreateAsync(new TargetSettings
        {
            Url = series.Calendar.AbsoluteUri,
            UserName = series.User,
            Password = series.Password,
            Options = current.Options,
            State = new StoreStateStore(store, current.Id, PluginId),
        }, cancellationToken);
        RunReport report;
        try
        {
            report = await engine.RunAsync(new SyncRunRequest(store, current, target, new DefaultFieldMapper())
            {
                DatabaseName = store.Database.Name,
                PluginId = PluginId,
            }, cancellationToken);
        }
        finally
        {
            await target.DisposeAsync();
        }

        await store.SaveRunAsync(report.ToRunRecord(), cancellationToken);
        watch.Stop();
        var cpuUsed = Cpu() - cpu;
        var traffic = (await _snapshot(cancellationToken)).Since(before);
        if (report.FatalError != FatalErrorKind.None)
        {
            throw new BenchmarkException($"The {phase} run of {series.Size} failed ({report.FatalError}): {report.FatalMessage}");
        }

        var note = $"out {report.CreatedOut}+/{report.UpdatedOut}~/{report.DeletedOut}-"
            + (report.Failed.Count > 0 ? $", {report.Failed.Count} FAILED (first: {report.Failed[0].Message})" : string.Empty)
            + (report.CreatedOut != expectCreated ? $", expected {expectCreated} created" : string.Empty);
        _log.WriteLine($"  proadsync  {series.Size,5} {phase,-10} {watch.Elapsed.TotalSeconds,8:0.000} s (server {traffic.ServerSeconds:0.000} s)  {traffic.Requests,6} requests ({traffic.MethodsText()})  {note}");
        return new Measurement("proadsync", series.Size, phase, watch.Elapsed.TotalSeconds, cpuUsed, traffic, note, report.CreatedOut, report.UpdatedOut, report.Failed.Count);
    }

    private async Task ProfileAsync(ILeadingSystem store, SyncAccount account, long userId, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 3; round++)
        {
            var w = Stopwatch.StartNew();
            await store.GetUserAsync(userId, cancellationToken);
            var user = w.Elapsed.TotalMilliseconds;
            await store.ListTodosAsync(new TodoQuery { ResponsibleUserId = userId }, cancellationToken);
            var todos = w.Elapsed.TotalMilliseconds;
            await store.ListLinksAsync(account.Id, LinkKind.Appointment, cancellationToken);
            var links = w.Elapsed.TotalMilliseconds;
            await store.GetStateAsync(account.Id, "cursor:appointment", cancellationToken);
            var get = w.Elapsed.TotalMilliseconds;
            await store.SetStateAsync(account.Id, "profile", round.ToString(CultureInfo.InvariantCulture), cancellationToken);
            var set = w.Elapsed.TotalMilliseconds;
            _log.WriteLine($"  profile: user {user:0.0} ms, todos {todos - user:0.0} ms, links {links - todos:0.0} ms, get-state {get - links:0.0} ms, set-state {set - get:0.0} ms");
        }

        var item = Appointment(_time.GetUtcNow(), 1, string.Empty);
        var cpu0 = Cpu();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
        {
            ProadSync.Formats.IcsWriter.Write("proadsync-x-" + i.ToString(CultureInfo.InvariantCulture), item, _time);
        }

        _log.WriteLine($"  profile: 1000 IcsWriter.Write {watch.Elapsed.TotalMilliseconds:0} ms, CPU {(Cpu() - cpu0) * 1000:0} ms");
        var links0 = await store.ListLinksAsync(account.Id, LinkKind.Appointment, cancellationToken);
        cpu0 = Cpu();
        watch.Restart();
        foreach (var link in links0.Take(1000))
        {
            await store.SaveLinkAsync(link, cancellationToken);
        }

        _log.WriteLine($"  profile: {Math.Min(1000, links0.Count)} SaveLinkAsync {watch.Elapsed.TotalMilliseconds:0} ms, CPU {(Cpu() - cpu0) * 1000:0} ms");
        cpu0 = Cpu();
        watch.Restart();
        var mapper = new DefaultFieldMapper();
        var todos0 = await store.ListTodosAsync(new TodoQuery { ResponsibleUserId = userId }, cancellationToken);
        _log.WriteLine($"  profile: ListTodos {todos0.Count} {watch.Elapsed.TotalMilliseconds:0} ms, CPU {(Cpu() - cpu0) * 1000:0} ms");
    }

    private static double Cpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>The plugin's state in the leading store, under the key prefix the host uses.</summary>
    private sealed class StoreStateStore(ILeadingSystem store, long accountId, string pluginId) : ITargetStateStore
    {
        public async ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken) =>
            await store.GetStateAsync(accountId, $"plugin:{pluginId}:{key}", cancellationToken);

        public async ValueTask SetAsync(string key, string? value, CancellationToken cancellationToken) =>
            await store.SetStateAsync(accountId, $"plugin:{pluginId}:{key}", value, cancellationToken);
    }
}
