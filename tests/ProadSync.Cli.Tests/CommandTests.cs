using System.Text.Json;

namespace ProadSync.Cli.Tests;

/// <summary>Every command of CLI.md: one success and the refusals a user meets (exit 1, one sentence, nothing half-written).</summary>
[TestFixture]
public sealed class CommandTests
{
    private CliHarness _cli = null!;

    [SetUp]
    public void SetUp() => _cli = new CliHarness();

    [TearDown]
    public void TearDown() => _cli.Dispose();

    private async Task<CliResult> Ok(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        return result;
    }

    private async Task<CliResult> Refused(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error.Trim(), Is.Not.Empty);
        Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1), "one clear sentence on stderr");
        return result;
    }

    private async Task SeedAsync()
    {
        await Ok("databases", "add", "acme", "--time-zone", "Europe/Berlin");
        await Ok("users", "add", "acme", "anna", "--display-name", "Anna Berger");
    }

    [Test]
    public async Task Wrong_usage_exits_with_2()
    {
        var result = await _cli.RunAsync("databases", "add");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        var unknown = await _cli.RunAsync("frobnicate");
        Assert.That(unknown.ExitCode, Is.EqualTo(2), unknown.ToString());
    }

    [Test]
    public async Task Help_is_available_on_every_level()
    {
        foreach (var args in new[] { new[] { "--help" }, ["databases", "--help"], ["todos", "add", "--help"], ["accounts", "set", "--help"], ["sync", "run", "--help"] })
        {
            var result = await _cli.RunAsync(args);
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            Assert.That(result.Out, Does.Contain("Usage"));
        }
    }

    [Test]
    public async Task Databases_add_and_list()
    {
        await Ok("databases", "add", "acme", "--time-zone", "Europe/Berlin");
        var list = await Ok("--json", "databases", "list");
        Assert.That(list.Json.EnumerateArray().Select(d => d.GetProperty("name").GetString()), Does.Contain("acme"));
    }

    [Test]
    public async Task Databases_add_refuses_duplicates_and_bad_names_and_zones()
    {
        await Ok("databases", "add", "acme");
        await Refused("databases", "add", "ACME");
        await Refused("databases", "add", "../evil");
        await Refused("databases", "add", "other", "--time-zone", "Mars/Olympus");
        var list = await Ok("--json", "databases", "list");
        Assert.That(list.Json.GetArrayLength(), Is.EqualTo(1), "nothing half-written");
    }

    [Test]
    public async Task Users_add_and_refusals()
    {
        await Ok("databases", "add", "acme");
        await Ok("users", "add", "acme", "anna");
        await Refused("users", "add", "acme", "ANNA");
        await Refused("users", "add", "nope", "anna");
        await Refused("users", "add", "acme", "ben", "--may-configure-sync", "maybe");
        var users = await Ok("--json", "users", "list", "acme");
        Assert.That(users.Json.GetArrayLength(), Is.EqualTo(1));
    }

    [Test, Category("R-STAT-1")]
    public async Task Todos_add_update_show_list_delete()
    {
        await SeedAsync();
        var add = await Ok("--json", "todos", "add", "acme", "--kind", "appointment", "--responsible", "anna", "--subject", "Kick-off",
            "--from", "2026-12-01T10:00", "--to", "2026-12-01T11:00", "--location", "Room 1", "--priority", "high", "--show-as", "tentative");
        var id = add.Json.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Ok("todos", "update", "acme", id, "--subject", "Kick-off (moved)", "--to", "2026-12-01T12:00");
        var show = await Ok("--json", "todos", "show", "acme", id);
        var todo = show.Json.GetProperty("todo");
        Assert.Multiple(() =>
        {
            Assert.That(todo.GetProperty("subject").GetString(), Is.EqualTo("Kick-off (moved)"));
            Assert.That(todo.GetProperty("from").GetString(), Is.EqualTo("2026-12-01T10:00:00+01:00"), "no offset → the database's zone");
            Assert.That(todo.GetProperty("to").GetString(), Is.EqualTo("2026-12-01T12:00:00+01:00"));
            Assert.That(todo.GetProperty("priority").GetString(), Is.EqualTo("high"));
            Assert.That(todo.GetProperty("showAs").GetString(), Is.EqualTo("tentative"));
            Assert.That(todo.GetProperty("syncActive").GetBoolean(), Is.False);
            Assert.That(todo.GetProperty("externallyDeleted").GetBoolean(), Is.False);
        });
        var list = await Ok("--json", "todos", "list", "acme", "--responsible", "anna");
        Assert.That(list.Json.GetArrayLength(), Is.EqualTo(1));
        Assert.That(list.Json[0].TryGetProperty("syncActive", out _), Is.True);
        await Ok("todos", "delete", "acme", id);
        await Refused("todos", "show", "acme", id);
    }

    [Test]
    public async Task Todos_refuse_bad_input_and_write_nothing()
    {
        await SeedAsync();
        await Refused("todos", "add", "acme", "--kind", "meeting", "--responsible", "anna");
        await Refused("todos", "add", "acme", "--kind", "task", "--responsible", "nobody");
        await Refused("todos", "add", "acme", "--kind", "task", "--responsible", "anna", "--to", "tomorrow");
        await Refused("todos", "add", "acme", "--kind", "appointment", "--responsible", "anna", "--from", "2026-12-01T10:00", "--to", "2026-12-01T09:00");
        await Refused("todos", "add", "acme", "--kind", "task", "--responsible", "anna", "--status", "sleeping");
        await Refused("todos", "update", "acme", "999", "--subject", "x");
        await Refused("todos", "delete", "acme", "999");
        var list = await Ok("--json", "todos", "list", "acme");
        Assert.That(list.Json.GetArrayLength(), Is.EqualTo(0));
    }

    [Test]
    [Description("R-STAT-1: the to-do list pages through a large database with --limit/--offset and says how many match")]
    public async Task Todos_list_pages_with_limit_and_offset()
    {
        await SeedAsync();
        for (var i = 1; i <= 5; i++)
        {
            await Ok("todos", "add", "acme", "--kind", "task", "--responsible", "anna", "--subject", $"Task {i}");
        }

        var first = await Ok("--json", "todos", "list", "acme", "--limit", "2");
        var last = await Ok("--json", "todos", "list", "acme", "--offset", "4", "--limit", "2");
        var text = await Ok("todos", "list", "acme", "--offset", "2", "--limit", "2");
        var all = await Ok("--json", "todos", "list", "acme");
        Assert.Multiple(() =>
        {
            Assert.That(first.Json.GetProperty("todos").EnumerateArray().Select(t => t.GetProperty("subject").GetString()), Is.EqualTo(new[] { "Task 1", "Task 2" }));
            Assert.That(first.Json.GetProperty("total").GetInt32(), Is.EqualTo(5));
            Assert.That(first.Json.GetProperty("nextOffset").GetInt32(), Is.EqualTo(2));
            Assert.That(last.Json.GetProperty("todos").EnumerateArray().Select(t => t.GetProperty("subject").GetString()), Is.EqualTo(new[] { "Task 5" }));
            Assert.That(last.Json.GetProperty("nextOffset").ValueKind, Is.EqualTo(JsonValueKind.Null), "the last page has no next one");
            Assert.That(text.Out, Does.Contain("Task 3").And.Contain("Task 4").And.Not.Contain("Task 5"));
            Assert.That(text.Out, Does.Contain("To-dos 3–4 of 5.").And.Contain("Next page: --offset 4 --limit 2."));
            Assert.That(all.Json.GetArrayLength(), Is.EqualTo(5), "without --limit/--offset: every to-do, as before");
        });
    }

    [Test]
    public async Task Todos_list_refuses_a_bad_page()
    {
        await SeedAsync();
        await Refused("todos", "list", "acme", "--limit", "0");
        await Refused("todos", "list", "acme", "--limit", "1001");
        await Refused("todos", "list", "acme", "--offset", "-1");
    }

    [Test]
    public async Task Todos_import_reads_an_icalendar_file()
    {
        await SeedAsync();
        var file = Path.Combine(_cli.Home, "in.ics");
        await File.WriteAllTextAsync(file, string.Join("\r\n",
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
            "BEGIN:VEVENT", "UID:a1", "DTSTAMP:20261101T000000Z", "DTSTART:20261201T090000Z", "DTEND:20261201T100000Z", "SUMMARY:Imported meeting", "END:VEVENT",
            "BEGIN:VTODO", "UID:t1", "DTSTAMP:20261101T000000Z", "DUE:20261205T170000Z", "SUMMARY:Imported task", "STATUS:IN-PROCESS", "END:VTODO",
            "BEGIN:VEVENT", "UID:bad", "SUMMARY:no start", "END:VEVENT",
            "END:VCALENDAR", ""));
        var result = await Ok("--json", "todos", "import", "acme", "--responsible", "anna", file);
        Assert.That(result.Json.GetProperty("imported").GetInt32(), Is.EqualTo(2));
        Assert.That(result.Json.GetProperty("skipped").GetArrayLength(), Is.EqualTo(1));
        await Refused("todos", "import", "acme", "--responsible", "anna", Path.Combine(_cli.Home, "missing.ics"));
    }

    [Test]
    public async Task Contacts_add_update_list_delete_and_refusals()
    {
        await SeedAsync();
        var add = await Ok("--json", "contacts", "add", "acme", "--first-name", "Jana", "--last-name", "Müller", "--email1", "jana@example.com", "--company", "Müller GmbH");
        var id = add.Json.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Ok("contacts", "update", "acme", id, "--phone1", "+49 40 1", "--active", "false");
        var list = await Ok("--json", "contacts", "list", "acme");
        Assert.Multiple(() =>
        {
            Assert.That(list.Json[0].GetProperty("lastName").GetString(), Is.EqualTo("Müller"));
            Assert.That(list.Json[0].GetProperty("phone1").GetString(), Is.EqualTo("+49 40 1"));
            Assert.That(list.Json[0].GetProperty("active").GetBoolean(), Is.False);
        });
        await Refused("contacts", "update", "acme", "999", "--city", "x");
        await Refused("contacts", "add", "acme", "--active", "perhaps");
        await Ok("contacts", "delete", "acme", id);
        await Refused("contacts", "delete", "acme", id);
    }

    [Test, Category("R-ACC-1"), Category("R-ACC-7")]
    public async Task Accounts_set_and_show_never_print_the_password()
    {
        await SeedAsync();
        const string password = "S3cret-Known-Password!";
        var set = await _cli.RunWithInputAsync(password + "\n", "accounts", "set", "acme", "anna", "--plugin", "vdir", "--url", Path.Combine(_cli.Home, "cal"),
            "--username", "anna", "--password-stdin", "--mode", "two-way", "--enabled", "true", "--cutoff", "2026-01-01");
        Assert.That(set.ExitCode, Is.EqualTo(0), set.ToString());
        var show = await Ok("--json", "accounts", "show", "acme", "anna");
        Assert.Multiple(() =>
        {
            Assert.That(show.Json.GetProperty("plugin").GetString(), Is.EqualTo("vdir"));
            Assert.That(show.Json.GetProperty("mode").GetString(), Is.EqualTo("two-way"));
            Assert.That(show.Json.GetProperty("enabled").GetBoolean(), Is.True);
            Assert.That(show.Json.GetProperty("cutoff").GetString(), Is.EqualTo("2026-01-01"));
            Assert.That(show.Json.GetProperty("consecutiveFailures").GetInt32(), Is.EqualTo(0));
        });
        var human = await Ok("accounts", "show", "acme", "anna");
        Assert.That(set.Out + show.Out + human.Out + set.Error, Does.Not.Contain(password));
        foreach (var file in Directory.GetFiles(_cli.Home, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.That(System.Text.Encoding.UTF8.GetString(bytes), Does.Not.Contain(password), $"the password is stored in clear in {file}");
        }
    }

    [Test, Category("R-ACC-1")]
    public async Task Accounts_refusals()
    {
        await SeedAsync();
        await Ok("users", "add", "acme", "ben", "--may-configure-sync", "false");
        await Refused("accounts", "set", "acme", "ben", "--plugin", "vdir", "--url", "/tmp/x");
        await Refused("accounts", "set", "acme", "anna", "--url", "/tmp/x");
        await Refused("accounts", "set", "acme", "anna", "--plugin", "nosuchplugin");
        await Refused("accounts", "set", "acme", "anna", "--plugin", "vdir", "--mode", "sideways");
        await Refused("accounts", "set", "acme", "anna", "--plugin", "vdir", "--password-env", "NOT_SET_ANYWHERE");
        await Refused("accounts", "show", "acme", "anna");
        await Refused("accounts", "test", "acme", "anna");
    }

    [Test]
    public async Task Plugins_list_shows_the_builtin_vdir_plugin_active()
    {
        var result = await Ok("--json", "plugins", "list");
        var vdir = result.Json.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "vdir");
        Assert.That(vdir.GetProperty("state").GetString(), Is.EqualTo("active"));
    }

    [Test]
    public async Task Sync_run_refuses_unknown_database_and_user()
    {
        await SeedAsync();
        await Refused("sync", "run", "--db", "nope");
        await Refused("sync", "run", "--db", "acme", "--user", "nobody");
    }
}
