using ProadSync.Formats;

namespace ProadSync.Cli.Tests;

/// <summary>The modes end to end through the command line on the vdir plugin, editing files as another program would.</summary>
[TestFixture]
public sealed class VdirSyncTests
{
    private CliHarness _cli = null!;
    private string _folder = null!;

    [SetUp]
    public async Task SetUp()
    {
        _cli = new CliHarness();
        _folder = Path.Combine(_cli.Home, "cal");
        await Ok("databases", "add", "acme", "--time-zone", "Europe/Berlin");
        await Ok("users", "add", "acme", "anna");
    }

    [TearDown]
    public void TearDown() => _cli.Dispose();

    private async Task<CliResult> Ok(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        return result;
    }

    private async Task<long> AddAsync(string subject, int daysAhead = 3)
    {
        var from = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(daysAhead).AddHours(9).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var to = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(daysAhead).AddHours(10).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var r = await Ok("--json", "todos", "add", "acme", "--kind", "appointment", "--responsible", "anna", "--subject", subject, "--from", from, "--to", to);
        return r.Json.GetProperty("id").GetInt64();
    }

    private async Task<System.Text.Json.JsonElement> SyncAsync()
    {
        var r = await Ok("--json", "sync", "run", "--db", "acme");
        return r.Json[0];
    }

    private string[] Files() => Directory.Exists(_folder) ? Directory.GetFiles(_folder, "*.ics", SearchOption.AllDirectories) : [];

    [Test, Category("R-MODE-EXPORT-1"), Category("D-3")]
    public async Task Export_sends_each_item_once_and_never_again_or_deletes()
    {
        await Ok("accounts", "set", "acme", "anna", "--plugin", "vdir", "--url", _folder, "--mode", "export", "--enabled", "true");
        var id = await AddAsync("First");
        var first = await SyncAsync();
        Assert.That(first.GetProperty("createdOut").GetInt32(), Is.EqualTo(1));
        await Ok("todos", "update", "acme", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--subject", "Changed");
        await AddAsync("Second");
        var second = await SyncAsync();
        Assert.Multiple(() =>
        {
            Assert.That(second.GetProperty("createdOut").GetInt32(), Is.EqualTo(1), "new items since are exported");
            Assert.That(second.GetProperty("updatedOut").GetInt32(), Is.EqualTo(0), "changes are not exported again");
        });
        await Ok("todos", "delete", "acme", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var third = await SyncAsync();
        Assert.That(third.GetProperty("deletedOut").GetInt32(), Is.EqualTo(0), "export never deletes (D-3)");
        Assert.That(Files(), Has.Length.EqualTo(2));
        Assert.That(Files().Select(f => IcsReader.Read(File.ReadAllText(f)).Item.Subject), Is.EquivalentTo(new[] { "First", "Second" }));
    }

    [Test, Category("R-MODE-1WAY-1"), Category("R-MODE-1WAY-2"), Category("R-MODE-1WAY-4")]
    public async Task One_way_overwrites_external_edits_only_when_the_leading_item_changed_and_deletes()
    {
        await Ok("accounts", "set", "acme", "anna", "--plugin", "vdir", "--url", _folder, "--mode", "one-way", "--enabled", "true");
        var id = await AddAsync("Leading subject");
        await SyncAsync();
        var file = Files().Single();
        await File.WriteAllTextAsync(file, File.ReadAllText(file).Replace("SUMMARY:Leading subject", "SUMMARY:Edited outside", StringComparison.Ordinal));
        await SyncAsync();
        Assert.That(IcsReader.Read(File.ReadAllText(file)).Item.Subject, Is.EqualTo("Edited outside"), "no leading change: the external edit stays");
        await Ok("todos", "update", "acme", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", "Room 2");
        await SyncAsync();
        Assert.That(IcsReader.Read(File.ReadAllText(file)).Item.Subject, Is.EqualTo("Leading subject"), "leading changed: it wins");
        await Ok("todos", "delete", "acme", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var run = await SyncAsync();
        Assert.That(run.GetProperty("deletedOut").GetInt32(), Is.EqualTo(1));
        Assert.That(Files(), Is.Empty);
    }

    [Test, Category("R-MODE-2WAY-1"), Category("R-MODE-2WAY-4"), Category("R-STAT-1")]
    public async Task Two_way_takes_external_edits_and_marks_external_deletions()
    {
        await Ok("accounts", "set", "acme", "anna", "--plugin", "vdir", "--url", _folder, "--mode", "two-way", "--enabled", "true");
        var keep = await AddAsync("Keep me");
        var gone = await AddAsync("Delete me outside", 4);
        await SyncAsync();
        var files = Files();
        var keepFile = files.Single(f => File.ReadAllText(f).Contains("Keep me", StringComparison.Ordinal));
        var goneFile = files.Single(f => f != keepFile);
        await File.WriteAllTextAsync(keepFile, File.ReadAllText(keepFile).Replace("SUMMARY:Keep me", "SUMMARY:Kept and renamed", StringComparison.Ordinal));
        File.Delete(goneFile);
        var run = await SyncAsync();
        Assert.Multiple(() =>
        {
            Assert.That(run.GetProperty("updatedIn").GetInt32(), Is.EqualTo(1));
            Assert.That(run.GetProperty("markedDeletedIn").GetInt32(), Is.EqualTo(1));
        });
        var shown = await Ok("--json", "todos", "show", "acme", keep.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(shown.Json.GetProperty("todo").GetProperty("subject").GetString(), Is.EqualTo("Kept and renamed"));
        var marked = await Ok("--json", "todos", "show", "acme", gone.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Multiple(() =>
        {
            Assert.That(marked.Json.GetProperty("todo").GetProperty("externallyDeleted").GetBoolean(), Is.True);
            Assert.That(marked.Json.GetProperty("todo").GetProperty("syncActive").GetBoolean(), Is.False);
        });
        var again = await SyncAsync();
        Assert.That(again.GetProperty("createdOut").GetInt32(), Is.EqualTo(0), "a marked item is left out of later runs");
    }

    [Test, Category("R-MODE-FULL-1")]
    public async Task Full_imports_items_created_outside()
    {
        await Ok("accounts", "set", "acme", "anna", "--plugin", "vdir", "--url", _folder, "--mode", "full", "--enabled", "true");
        await AddAsync("From the leading system");
        await SyncAsync();
        var calendarDir = Path.GetDirectoryName(Files().Single())!;
        var start = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(2).AddHours(8);
        await File.WriteAllTextAsync(Path.Combine(calendarDir, "outside-1.ics"), string.Join("\r\n",
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//khal//EN", "BEGIN:VEVENT", "UID:outside-1", "DTSTAMP:20261101T000000Z",
            $"DTSTART:{start:yyyyMMdd'T'HHmmss'Z'}", $"DTEND:{start.AddHours(1):yyyyMMdd'T'HHmmss'Z'}", "SUMMARY:Made in khal", "END:VEVENT", "END:VCALENDAR", ""));
        var run = await SyncAsync();
        Assert.That(run.GetProperty("importedIn").GetInt32(), Is.EqualTo(1));
        var list = await Ok("--json", "todos", "list", "acme", "--responsible", "anna");
        Assert.That(list.Json.EnumerateArray().Select(t => t.GetProperty("subject").GetString()), Does.Contain("Made in khal"));
        var again = await SyncAsync();
        Assert.That(again.GetProperty("importedIn").GetInt32(), Is.EqualTo(0));
    }

    [Test, Category("R-ACC-5")]
    public async Task A_bound_account_refuses_a_new_url_and_names_the_admin_commands()
    {
        await Ok("accounts", "set", "acme", "anna", "--plugin", "vdir", "--url", _folder, "--mode", "one-way", "--enabled", "true");
        await AddAsync("Anything");
        await SyncAsync();
        var refused = await _cli.RunAsync("accounts", "set", "acme", "anna", "--url", Path.Combine(_cli.Home, "elsewhere"));
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("accounts rebind").And.Contain("accounts reset"));
        await Ok("accounts", "reset", "acme", "anna");
        await Ok("accounts", "set", "acme", "anna", "--url", Path.Combine(_cli.Home, "elsewhere"));
    }

    [Test, Category("R-ACC-6")]
    public async Task The_same_external_account_cannot_belong_to_two_users()
    {
        await Ok("users", "add", "acme", "ben");
        await Ok("accounts", "set", "acme", "anna", "--plugin", "vdir", "--url", _folder, "--username", "shared");
        var refused = await _cli.RunAsync("accounts", "set", "acme", "ben", "--plugin", "vdir", "--url", _folder + "/", "--username", "SHARED");
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("R-ACC-6"));
    }

    [Test]
    public async Task Dry_run_prints_the_plan_and_touches_nothing()
    {
        await Ok("accounts", "set", "acme", "anna", "--plugin", "vdir", "--url", _folder, "--mode", "two-way", "--enabled", "true");
        await AddAsync("Planned");
        var r = await Ok("--json", "sync", "run", "--db", "acme", "--dry-run");
        Assert.That(r.Json[0].GetProperty("plan").GetArrayLength(), Is.GreaterThan(0));
        Assert.That(Files(), Is.Empty);
    }

    [Test, Category("R-GEN-1")]
    public async Task Both_sides_changed_the_leading_version_wins_and_the_external_one_is_kept_in_the_journal()
    {
        await Ok("accounts", "set", "acme", "anna", "--plugin", "vdir", "--url", _folder, "--mode", "two-way", "--enabled", "true");
        var id = await AddAsync("Original");
        await SyncAsync();
        var file = Files().Single();
        await File.WriteAllTextAsync(file, File.ReadAllText(file).Replace("SUMMARY:Original", "SUMMARY:Outside edit", StringComparison.Ordinal));
        await Ok("todos", "update", "acme", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--subject", "Leading edit");
        await SyncAsync();
        Assert.That(IcsReader.Read(File.ReadAllText(file)).Item.Subject, Is.EqualTo("Leading edit"));
        var shown = await Ok("--json", "todos", "show", "acme", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(shown.Json.GetProperty("todo").GetProperty("subject").GetString(), Is.EqualTo("Leading edit"));
        var journal = shown.Json.GetProperty("journal");
        Assert.That(journal.GetArrayLength(), Is.EqualTo(1));
        Assert.That(journal[0].GetProperty("content").GetString(), Does.Contain("Outside edit"));
    }

    [Test, Category("R-COND-6"), Category("R-DIFF-2"), Category("R-STAT-1")]
    public async Task Two_way_excludes_an_item_marked_private_outside()
    {
        await Ok("accounts", "set", "acme", "anna", "--plugin", "vdir", "--url", _folder, "--mode", "two-way", "--enabled", "true");
        var id = await AddAsync("Becomes private");
        await SyncAsync();
        var file = Files().Single();
        await File.WriteAllTextAsync(file, File.ReadAllText(file).Replace("SUMMARY:Becomes private", "SUMMARY:Becomes private\r\nCLASS:PRIVATE", StringComparison.Ordinal));
        await SyncAsync();
        var shown = await Ok("--json", "todos", "show", "acme", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(shown.Json.GetProperty("todo").GetProperty("syncActive").GetBoolean(), Is.False, "the link is no longer active");
        await Ok("todos", "update", "acme", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--subject", "Changed in leading");
        await SyncAsync();
        Assert.That(Files(), Has.Length.EqualTo(1), "no parallel copy in two-way");
        Assert.That(File.ReadAllText(file), Does.Contain("SUMMARY:Becomes private"), "the excluded item is left alone");
    }

    [Test, Category("R-COND-6"), Category("R-DIFF-1"), Category("D-4")]
    public async Task One_way_creates_a_parallel_item_when_the_external_one_was_marked_private()
    {
        await Ok("accounts", "set", "acme", "anna", "--plugin", "vdir", "--url", _folder, "--mode", "one-way", "--enabled", "true");
        await AddAsync("Made private outside");
        await SyncAsync();
        var file = Files().Single();
        await File.WriteAllTextAsync(file, File.ReadAllText(file).Replace("SUMMARY:Made private outside", "SUMMARY:Made private outside\r\nCLASS:PRIVATE", StringComparison.Ordinal));
        await SyncAsync();
        await SyncAsync();
        Assert.That(Files(), Has.Length.EqualTo(2), "the private one is left alone and the leading item exists once more");
    }

    [Test]
    public async Task The_mass_delete_circuit_breaker_stops_a_run_until_confirmed()
    {
        await Ok("accounts", "set", "acme", "anna", "--plugin", "vdir", "--url", _folder, "--mode", "one-way", "--enabled", "true");
        var ids = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await AddAsync($"Item {i}", 3 + i));
        }

        await SyncAsync();
        foreach (var id in ids)
        {
            await Ok("todos", "delete", "acme", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var stopped = await _cli.RunAsync("--json", "sync", "run", "--db", "acme");
        Assert.That(stopped.ExitCode, Is.EqualTo(1), stopped.ToString());
        Assert.That(stopped.Error, Does.Contain("--allow-mass-delete"));
        Assert.That(Files(), Has.Length.EqualTo(12), "nothing was deleted");
        var confirmed = await Ok("--json", "sync", "run", "--db", "acme", "--allow-mass-delete");
        Assert.That(confirmed.Json[0].GetProperty("deletedOut").GetInt32(), Is.EqualTo(12));
        Assert.That(Files(), Is.Empty);
    }

    [Test, Category("R-ACC-3")]
    public async Task Five_failed_runs_in_a_row_switch_the_account_off_with_the_reason()
    {
        await Ok("accounts", "set", "acme", "anna", "--plugin", "vdir", "--url", _folder, "--mode", "one-way", "--enabled", "true");
        await AddAsync("Anything");
        await SyncAsync();
        Directory.Delete(_folder, recursive: true);
        for (var i = 1; i <= 5; i++)
        {
            var failed = await _cli.RunAsync("sync", "run");
            Assert.That(failed.ExitCode, Is.EqualTo(1), failed.ToString());
        }

        var show = await Ok("--json", "accounts", "show", "acme", "anna");
        Assert.Multiple(() =>
        {
            Assert.That(show.Json.GetProperty("enabled").GetBoolean(), Is.False);
            Assert.That(show.Json.GetProperty("consecutiveFailures").GetInt32(), Is.EqualTo(5));
            Assert.That(show.Json.GetProperty("disabledReason").GetString(), Does.Contain("5 failed connection attempts in a row"));
            Assert.That(show.Json.GetProperty("lastError").GetString(), Does.Contain("vanished"));
        });
        var skipped = await Ok("--json", "sync", "run");
        Assert.That(skipped.Json[0].GetProperty("outcome").GetString(), Is.EqualTo("skipped"));
        Directory.CreateDirectory(_folder);
        await Ok("accounts", "set", "acme", "anna", "--enabled", "true");
        var resumed = await Ok("--json", "sync", "run");
        Assert.That(resumed.Json[0].GetProperty("outcome").GetString(), Is.EqualTo("succeeded"));
    }
}
