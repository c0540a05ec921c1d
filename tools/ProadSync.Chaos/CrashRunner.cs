using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Abstractions.Models;
using ProadSync.Chaos.External;
using ProadSync.Core.Leading;
using ProadSync.Hosting;
using ProadSync.Hosting.Accounts;

namespace ProadSync.Chaos;

/// <summary>
/// Crash recovery: <c>proadsync sync run</c> as a child process (the built <c>proadsync.dll</c> on a prepared home) is
/// killed with SIGKILL at seeded points of a large initial push and of a two-way update run, then run to completion;
/// after every kill and at the end the invariants are checked (no duplicate UID or file, every leading item exactly once
/// externally, links consistent, nothing lost in the leading store).
/// </summary>
public sealed class CrashRunner
{
    private const string Database = "crash";
    private const string Login = "anna";
    private static readonly string[] ChangeProperties = ["createdOut", "updatedOut", "deletedOut", "updatedIn", "importedIn", "markedDeletedIn"];
    private static readonly string[] VdirFolders = ["calendar", "tasks"];
    private readonly CrashOptions _options;
    private readonly Random _random;
    private readonly CrashResult _result = new();
    private readonly string _home;
    private IExternalSide _side = null!;
    private TimeSpan _noChangeRun = TimeSpan.FromSeconds(1);

    /// <summary>Creates the runner.</summary>
    /// <param name="options">The shape of the run.</param>
    public CrashRunner(CrashOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _random = new Random(options.Seed);
        _home = Path.Combine(options.WorkDirectory, "home");
        _result.Target = options.Server?.Name ?? "vdir";
        _result.Items = options.Items;
    }

    private void Log(string line) => _options.Log?.WriteLine(line);

    /// <summary>Prepares the home, then runs the push and the update phase with kills.</summary>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The figures and violations.</returns>
    public async Task<CrashResult> RunAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_options.CliPath))
        {
            throw new FileNotFoundException($"The command line was not built: {_options.CliPath}");
        }

        if (_options.Server is { } server)
        {
            var collection = await DavExternalSide.MakeCalendarAsync(server.CalendarHome, $"crash-{_options.Seed}-{Guid.NewGuid():N}"[..32], server.User, server.Password, cancellationToken);
            _side = new DavExternalSide(collection, collection, server.User, server.Password);
        }
        else
        {
            _side = new VdirExternalSide(Path.Combine(_options.WorkDirectory, "vdir"));
        }

        try
        {
            var model = await PrepareAsync(cancellationToken);
            await PushPhaseAsync(model, cancellationToken);
            await UpdatePhaseAsync(model, cancellationToken);
            return _result;
        }
        finally
        {
            (_side as IDisposable)?.Dispose();
        }
    }

    // ---- preparation --------------------------------------------------------------------------------------------

    private async Task<Dictionary<long, Expected>> PrepareAsync(CancellationToken ct)
    {
        var model = new Dictionary<long, Expected>();
        await using var services = await OpenAsync(ct);
        await services.Licensing.InstallDevelopmentLicenceAsync(ct);
        await services.Catalog.AddDatabaseAsync(Database, null, "Europe/Berlin", ct);
        if (_options.Server is not null)
        {
            await services.Licensing.SetEnabledAsync(Database, "caldav", true, ct);
        }

        await using var store = await services.Catalog.OpenAsync(Database, ct);
        var user = await store.AddUserAsync(Login, "Anna Crash", mayConfigureSync: true, ct);
        var (pluginId, url, pluginOptions) = _side.AccountSettings;
        await services.Accounts.SetAsync(Database, Login, new AccountChange
        {
            PluginId = pluginId,
            Url = url,
            UserName = _options.Server?.User,
            Password = _options.Server?.Password,
            Options = pluginOptions,
            Mode = SyncMode.TwoWay,
            Enabled = true,
        }, ct);

        var today = new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        for (var i = 0; i < _options.Items; i++)
        {
            var kind = i % 5 == 4 ? TodoKind.Task : TodoKind.Appointment;
            var start = today.AddDays(1 + (i % 200)).AddHours(8 + (i % 9));
            var subject = "P" + i.ToString(CultureInfo.InvariantCulture);
            var todo = await store.AddTodoAsync(new TodoDraft(user.Id, new CalendarItem
            {
                Kind = kind,
                Subject = subject,
                Start = kind == TodoKind.Task ? null : start,
                End = kind == TodoKind.Task ? start.AddDays(1) : start.AddHours(1),
                TimeZoneId = "Europe/Berlin",
            }), ct);
            model[todo.Id] = new Expected { Leading = subject, External = subject };
        }

        return model;
    }

    private async Task<HostServices> OpenAsync(CancellationToken ct) =>
        await HostServices.CreateAsync(ProadSyncHome.Resolve(_home, null), TimeProvider.System, NullLoggerFactory.Instance, [_options.PluginDirectory], ct);

    private sealed class Expected
    {
        public required string Leading { get; set; }

        public string? External { get; set; }

        public bool Marked { get; set; }
    }

    // ---- the phases ---------------------------------------------------------------------------------------------

    private async Task PushPhaseAsync(Dictionary<long, Expected> model, CancellationToken ct)
    {
        for (var k = 1; k <= _options.PushKills; k++)
        {
            var before = await CountExternalAsync(ct);
            var remaining = Math.Max(1, _options.Items - before);
            // Spread the kill points over what is left: on average one share per remaining kill.
            var goal = before + 1 + _random.Next(Math.Max(1, 2 * remaining / (_options.PushKills - k + 2)));
            // Kill once the push wrote a seeded number of items.
            var killed = await RunAndKillAsync(async () => await CountExternalAsync(ct) >= goal, null, ct);
            var at = await CountExternalAsync(ct);
            Log($"push kill {k}: {(killed ? "killed" : "had finished")} at {at} of {_options.Items} external items");
            if (killed)
            {
                _result.ProgressAtKills.Add(at);
            }

            await CheckAsync(model, $"push kill {k}", final: false, ct);
        }

        await CompleteAsync("push", ct);
        await CheckAsync(model, "after the push", final: true, ct);
    }

    private async Task UpdatePhaseAsync(Dictionary<long, Expected> model, CancellationToken ct)
    {
        // Each kill hits a run with fresh work: a batch of leading edits, external edits and external deletes on items
        // no earlier batch touched (so the expected outcome of every item is plain, whatever the kills interrupted).
        var untouched = new Queue<long>(model.Keys.OrderBy(_ => _random.Next()));
        for (var k = 1; k <= _options.UpdateKills; k++)
        {
            await EditBatchAsync(model, untouched, ct);
            var low = (int)(_noChangeRun.TotalMilliseconds * 0.6);
            var high = Math.Max(low + 1, (int)(_noChangeRun.TotalMilliseconds * 1.6));
            var delay = TimeSpan.FromMilliseconds(_random.Next(low, high));
            var killed = await RunAndKillAsync(() => Task.FromResult(false), delay, ct);
            Log($"update kill {k}: {(killed ? "killed" : "had finished")} after {delay.TotalMilliseconds:0} ms");
            await CheckAsync(model, $"update kill {k}", final: false, ct);
        }

        await CompleteAsync("update", ct);
        await CheckAsync(model, "after the update", final: true, ct);
    }

    private async Task EditBatchAsync(Dictionary<long, Expected> model, Queue<long> untouched, CancellationToken ct)
    {
        var size = Math.Min(_options.UpdateEdits, untouched.Count);
        var deletes = Math.Max(1, size / 10);
        var leading = (size - deletes) / 2;
        var ids = Enumerable.Range(0, size).Select(_ => untouched.Dequeue()).ToList();
        await using (var services = await OpenAsync(ct))
        {
            await using var store = await services.Catalog.OpenAsync(Database, ct);
            foreach (var id in ids.Take(leading))
            {
                var todo = (await store.GetTodoAsync(id, ct))!;
                var subject = "PL" + id.ToString(CultureInfo.InvariantCulture);
                await store.UpdateTodoAsync(id, new TodoDraft(todo.ResponsibleUserId, todo.Content with { Subject = subject }), ct);
                model[id].Leading = subject;
                model[id].External = subject; // R-MODE-1WAY-1 / R-MODE-2WAY-1: sent out
            }
        }

        var byTag = (await _side.ListAsync(ct)).Where(o => o.Tag is not null).ToDictionary(o => o.Tag!);
        foreach (var id in ids.Skip(leading).Take(size - leading - deletes))
        {
            var item = byTag[Tag(id)];
            var subject = "PE" + id.ToString(CultureInfo.InvariantCulture);
            await _side.EditAsync(item, IcsText.WithSummary(item.Text, subject), ct);
            model[id].Leading = subject; // R-MODE-2WAY-1: taken into the leading system
            model[id].External = subject;
        }

        foreach (var id in ids.Skip(size - deletes))
        {
            await _side.DeleteAsync(byTag[Tag(id)], ct);
            model[id].Marked = true; // R-MODE-2WAY-4: marked, the data stays
            model[id].External = null;
        }
    }

    private static string Tag(long id) => string.Create(CultureInfo.InvariantCulture, $"{Database}:{id}");

    // ---- the child process --------------------------------------------------------------------------------------

    private Process Start(params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(_options.CliPath);
        info.ArgumentList.Add("--home");
        info.ArgumentList.Add(_home);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        _result.Runs++;
        return Process.Start(info) ?? throw new InvalidOperationException("The command line did not start.");
    }

    /// <summary>Starts a run and kills it (SIGKILL) when <paramref name="ready"/> holds or the delay passed; false when it ended first.</summary>
    private async Task<bool> RunAndKillAsync(Func<Task<bool>> ready, TimeSpan? delay, CancellationToken ct)
    {
        using var child = Start("sync", "run", "--db", Database);
        var output = child.StandardOutput.ReadToEndAsync(ct);
        var error = child.StandardError.ReadToEndAsync(ct);
        var watch = Stopwatch.StartNew();
        while (!child.HasExited && watch.Elapsed < TimeSpan.FromSeconds(120))
        {
            if ((delay is { } d && watch.Elapsed >= d) || await ready())
            {
                break;
            }

            await Task.Delay(5, ct);
        }

        var killed = false;
        if (!child.HasExited)
        {
            child.Kill(entireProcessTree: true);
            killed = true;
        }

        await child.WaitForExitAsync(ct);
        await Task.WhenAll(output, error);
        if (killed)
        {
            _result.Kills++;
        }
        else
        {
            _result.FinishedBeforeKill++;
        }

        return killed;
    }

    /// <summary>Runs to completion, then once more: the second run must change nothing.</summary>
    private async Task CompleteAsync(string phase, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var watch = Stopwatch.StartNew();
            using var child = Start("--json", "sync", "run", "--db", Database);
            var output = child.StandardOutput.ReadToEndAsync(ct);
            var error = child.StandardError.ReadToEndAsync(ct);
            await child.WaitForExitAsync(ct);
            var json = await output;
            if (child.ExitCode != 0)
            {
                _result.Violations.Add($"{phase}: the run to completion failed (exit {child.ExitCode}): {await error}");
                return;
            }

            var run = JsonDocument.Parse(json).RootElement[0];
            var changes = ChangeProperties.Sum(p => run.GetProperty(p).GetInt32());
            var failed = run.GetProperty("failed").GetArrayLength();
            Log($"{phase}: completion run {attempt}: {run.GetProperty("outcome").GetString()}, {changes} change(s), {failed} failure(s)");
            if (failed > 0)
            {
                _result.Violations.Add($"{phase}: completion run {attempt} had {failed} failed item(s): {run.GetProperty("failed")}");
            }

            if (attempt == 2)
            {
                _noChangeRun = watch.Elapsed;
            }

            if (attempt == 2 && changes > 0)
            {
                _result.Violations.Add($"{phase}: the run after completion still changed {changes} item(s)");
            }
        }
    }

    // ---- the checks ---------------------------------------------------------------------------------------------

    private async Task<int> CountExternalAsync(CancellationToken ct)
    {
        if (_side is VdirExternalSide)
        {
            var root = Path.Combine(_options.WorkDirectory, "vdir");
            return VdirFolders.Select(f => Path.Combine(root, f))
                .Where(Directory.Exists)
                .Sum(f => Directory.EnumerateFiles(f, "*.ics").Count(p => !Path.GetFileName(p).StartsWith('.')));
        }

        return await ((DavExternalSide)_side).CountAsync(ct);
    }

    private async Task CheckAsync(Dictionary<long, Expected> model, string where, bool final, CancellationToken ct)
    {
        void Violation(string text) => _result.Violations.Add($"{where}: {text}");
        var external = await _side.ListAsync(ct);
        IReadOnlyList<Todo> todos;
        List<SyncLink> links;
        await using (var services = await OpenAsync(ct))
        {
            await using var store = await services.Catalog.OpenAsync(Database, ct);
            var user = (await store.FindUserAsync(Login, ct))!;
            var account = (await store.GetAccountByUserAsync(user.Id, ct))!;
            todos = await store.ListTodosAsync(new TodoQuery { ResponsibleUserId = user.Id, IncludeExternallyDeleted = true }, ct);
            links = [.. await store.ListLinksAsync(account.Id, LinkKind.Appointment, ct), .. await store.ListLinksAsync(account.Id, LinkKind.Task, ct)];
        }

        // Always, also right after a kill: nothing lost in the leading store, no duplicate externally.
        if (todos.Count != model.Count)
        {
            Violation($"{todos.Count} to-dos in the leading store, expected {model.Count}");
        }

        foreach (var group in external.GroupBy(o => o.Uid).Where(g => g.Count() > 1))
        {
            Violation($"duplicate UID '{group.Key}': {string.Join(", ", group.Select(o => o.Id))}");
        }

        foreach (var group in external.GroupBy(o => o.Tag).Where(g => g.Count() > 1))
        {
            Violation($"the leading item '{group.Key}' exists {group.Count()} times externally");
        }

        var byId = external.ToDictionary(o => (o.Kind, o.Id));
        foreach (var link in links.Where(l => l.Active && l.ExternalId.Length > 0))
        {
            var kind = link.Kind == LinkKind.Task ? TodoKind.Task : TodoKind.Appointment;
            if (byId.TryGetValue((kind, link.ExternalId), out var target))
            {
                if (target.Uid != link.Identity)
                {
                    Violation($"the link of to-do {link.LeadingId} expects UID '{link.Identity}' at '{link.ExternalId}', which has '{target.Uid}'");
                }
            }
            else if (final)
            {
                Violation($"the active link of to-do {link.LeadingId} points at '{link.ExternalId}', which does not exist");
            }
        }

        if (!final)
        {
            return;
        }

        // At the end: every leading item exactly once externally with the expected content; links complete.
        var byTag = external.Where(o => o.Tag is not null).ToDictionary(o => o.Tag!);
        var linkOf = links.ToDictionary(l => l.LeadingId);
        foreach (var todo in todos)
        {
            var expected = model.GetValueOrDefault(todo.Id);
            if (expected is null)
            {
                Violation($"an unexpected to-do {todo.Id}");
                continue;
            }

            if (todo.Content.Subject != expected.Leading || todo.ExternallyDeleted != expected.Marked)
            {
                Violation($"to-do {todo.Id} is '{todo.Content.Subject}' (marked {todo.ExternallyDeleted}), expected '{expected.Leading}' (marked {expected.Marked})");
            }

            byTag.TryGetValue(Tag(todo.Id), out var copy);
            if (expected.External is null)
            {
                if (copy is not null)
                {
                    Violation($"to-do {todo.Id} should not exist externally but does ({copy.Id})");
                }

                continue;
            }

            if (copy is null)
            {
                Violation($"to-do {todo.Id} is missing externally");
            }
            else if (copy.Summary != expected.External)
            {
                Violation($"to-do {todo.Id} reads '{copy.Summary}' externally, expected '{expected.External}'");
            }

            if (!linkOf.TryGetValue(todo.Id, out var link) || !link.Active || (copy is not null && link.ExternalId != copy.Id))
            {
                Violation($"to-do {todo.Id} has no active link to its external item");
            }
        }

        foreach (var stray in external.Where(o => o.Tag is null || !model.ContainsKey(long.Parse(o.Tag.Split(':')[1], CultureInfo.InvariantCulture))))
        {
            Violation($"an unexpected external item {stray.Id}");
        }
    }
}
