using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.Formats;

namespace ProadSync.Plugin.Vdir.Tests;

/// <summary>What only a vdir folder has to prove: layout, atomic writes, foreign files, crashes.</summary>
public sealed class VdirTargetTests
{
    private static readonly CalendarItem Appointment = new()
    {
        Kind = TodoKind.Appointment,
        Subject = "Kick-off",
        Start = new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.FromHours(1)),
        End = new DateTimeOffset(2026, 3, 10, 10, 45, 0, TimeSpan.FromHours(1)),
        TimeZoneId = "Europe/Berlin",
    };

    private static readonly CalendarItem Task = new()
    {
        Kind = TodoKind.Task,
        Subject = "Call back",
        End = new DateTimeOffset(2026, 3, 12, 17, 0, 0, TimeSpan.FromHours(1)),
        TimeZoneId = "Europe/Berlin",
        Status = TodoStatus.Waiting,
    };

    private string _root = string.Empty;

    [SetUp]
    public void MakeFolder()
    {
        _root = Path.Combine(Path.GetTempPath(), "proadsync-vdir-" + Guid.NewGuid().ToString("N"));
    }

    [TearDown]
    public void RemoveFolder()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string CalendarDir => Path.Combine(_root, "calendar");

    private string TasksDir => Path.Combine(_root, "tasks");

    [Test]
    public void Registrar_registers_the_vdir_factory()
    {
        var services = new ServiceCollection();
        new VdirPluginRegistrar().Register(services);
        using var provider = services.BuildServiceProvider();

        var factory = provider.GetServices<ICalendarTargetFactory>().Single();

        Assert.That(factory.PluginId, Is.EqualTo("vdir"));
    }

    [Test]
    public async Task Appointments_and_tasks_go_to_calendar_and_tasks_as_uid_dot_ics()
    {
        await using var target = await CreateAsync();

        var a = await target.CreateAsync(TodoKind.Appointment, "proadsync-db1-1", Appointment, CancellationToken.None);
        var t = await target.CreateAsync(TodoKind.Task, "proadsync-db1-2", Task, CancellationToken.None);

        Assert.That(a.Item.Id, Is.EqualTo("proadsync-db1-1.ics"));
        Assert.That(t.Item.Id, Is.EqualTo("proadsync-db1-2.ics"));
        Assert.That(File.Exists(Path.Combine(CalendarDir, "proadsync-db1-1.ics")), Is.True);
        Assert.That(File.Exists(Path.Combine(TasksDir, "proadsync-db1-2.ics")), Is.True);
        var text = await File.ReadAllTextAsync(Path.Combine(TasksDir, "proadsync-db1-2.ics"));
        Assert.That(IcsReader.Read(text).Uid, Is.EqualTo("proadsync-db1-2"), "the file holds the object with the identity as UID");
        Assert.That(text, Does.Contain("X-PROAD-STATUS:WAITING"));
    }

    [Test]
    public async Task Folder_options_override_the_collection_names()
    {
        await using var target = await CreateAsync(new Dictionary<string, string> { ["CalendarFolder"] = "events", ["tasksFolder"] = "todos" });

        await target.CreateAsync(TodoKind.Appointment, "a", Appointment, CancellationToken.None);
        await target.CreateAsync(TodoKind.Task, "t", Task, CancellationToken.None);

        Assert.That(File.Exists(Path.Combine(_root, "events", "a.ics")), Is.True);
        Assert.That(File.Exists(Path.Combine(_root, "todos", "t.ics")), Is.True);
    }

    [Test]
    public void Collection_folder_outside_the_root_is_refused()
    {
        Assert.ThrowsAsync<TargetConfigurationException>(async () =>
            await CreateAsync(new Dictionary<string, string> { ["calendarFolder"] = "../elsewhere" }));
    }

    [Test]
    public void Empty_folder_setting_is_refused()
    {
        Assert.ThrowsAsync<TargetConfigurationException>(async () =>
            await Factory().CreateAsync(new TargetSettings { Url = " " }, CancellationToken.None));
    }

    [Test]
    public async Task File_url_is_accepted()
    {
        await using var target = await Factory().CreateAsync(new TargetSettings { Url = new Uri(_root).AbsoluteUri }, CancellationToken.None);

        await target.CreateAsync(TodoKind.Appointment, "a", Appointment, CancellationToken.None);

        Assert.That(File.Exists(Path.Combine(CalendarDir, "a.ics")), Is.True);
    }

    [Test]
    public async Task Unsafe_identity_gets_a_stable_hashed_file_name()
    {
        await using var target = await CreateAsync();

        var first = await target.CreateAsync(TodoKind.Appointment, "../../evil/ü id", Appointment, CancellationToken.None);
        var again = await target.CreateAsync(TodoKind.Appointment, "../../evil/ü id", Appointment, CancellationToken.None);

        Assert.That(first.Item.Id, Does.Match("^h-[0-9a-f]{40}\\.ics$"));
        Assert.That(again.Adopted, Is.True);
        Assert.That(again.Item.Id, Is.EqualTo(first.Item.Id));
        Assert.That(Directory.GetFiles(_root, "*", SearchOption.AllDirectories), Has.Length.EqualTo(1), "nothing was written outside the collection");
        Assert.That(IcsReader.Read(await File.ReadAllTextAsync(Path.Combine(CalendarDir, first.Item.Id))).Uid, Is.EqualTo("../../evil/ü id"), "the UID keeps the identity");
    }

    [Test]
    public async Task Version_is_the_sha256_of_the_file_bytes()
    {
        await using var target = await CreateAsync();

        var created = await target.CreateAsync(TodoKind.Appointment, "a", Appointment, CancellationToken.None);

        Assert.That(created.Item.Version.Value, Is.EqualTo(ContentHash.Of(await File.ReadAllBytesAsync(Path.Combine(CalendarDir, "a.ics")))));
    }

    [Test]
    public async Task Atomic_writes_leave_no_temp_files()
    {
        await using var target = await CreateAsync();

        var a = await target.CreateAsync(TodoKind.Appointment, "a", Appointment, CancellationToken.None);
        var b = await target.CreateAsync(TodoKind.Appointment, "b", Appointment, CancellationToken.None);
        await target.CreateAsync(TodoKind.Appointment, "a", Appointment, CancellationToken.None);
        await target.UpdateAsync(TodoKind.Appointment, a.Item, Appointment with { Subject = "changed" }, CancellationToken.None);
        await target.DeleteAsync(TodoKind.Appointment, b.Item, CancellationToken.None);
        Assert.ThrowsAsync<VersionConflictException>(() => target.UpdateAsync(TodoKind.Appointment, a.Item, Appointment, CancellationToken.None));
        await target.TestConnectionAsync(CancellationToken.None);

        Assert.That(Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Select(Path.GetFileName), Is.EqualTo(new[] { "a.ics" }));
    }

    [Test]
    public async Task Parallel_writes_up_to_the_advertised_limit_all_land()
    {
        await using var target = await CreateAsync();
        Assert.That(target.Capabilities.MaxParallelWrites, Is.EqualTo(4));

        var results = await System.Threading.Tasks.Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            target.CreateAsync(TodoKind.Appointment, $"p{i}", Appointment with { Subject = $"s{i}" }, CancellationToken.None)));

        Assert.That(results.Select(r => r.Adopted), Has.All.False);
        var listing = await target.GetChangesAsync(TodoKind.Appointment, null, Window(), CancellationToken.None);
        Assert.That(listing.Items, Has.Count.EqualTo(16));
        Assert.That(Directory.GetFiles(CalendarDir).Select(Path.GetFileName), Has.All.Not.StartWith("."));
    }

    [Test]
    public async Task Files_that_are_not_ics_are_ignored()
    {
        await using var target = await CreateAsync();
        var created = await target.CreateAsync(TodoKind.Appointment, "a", Appointment, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(CalendarDir, "notes.txt"), "not a calendar");
        await File.WriteAllTextAsync(Path.Combine(CalendarDir, "displayname"), "My calendar");
        await File.WriteAllTextAsync(Path.Combine(CalendarDir, "color"), "#ff0000");
        await File.WriteAllTextAsync(Path.Combine(CalendarDir, ".a.ics.0123.tmp"), "half a file");
        await File.WriteAllTextAsync(Path.Combine(CalendarDir, ".hidden.ics"), "hidden");
        Directory.CreateDirectory(Path.Combine(CalendarDir, "sub.ics"));

        var listing = await target.GetChangesAsync(TodoKind.Appointment, null, Window(), CancellationToken.None);
        var fetched = await target.GetAsync(TodoKind.Appointment, ["notes.txt", "displayname", ".hidden.ics", "a.ics"], CancellationToken.None);

        Assert.That(listing.Items, Is.EqualTo(new[] { created.Item }));
        Assert.That(fetched.Select(f => f.Item.Id), Is.EqualTo(new[] { "a.ics" }));
    }

    [Test]
    public async Task Ids_that_leave_the_folder_are_never_touched()
    {
        await using var target = await CreateAsync();
        Directory.CreateDirectory(_root);
        var outside = Path.Combine(_root, "outside.ics");
        await File.WriteAllTextAsync(outside, "keep me");
        var version = new ItemVersion(ContentHash.Of("keep me"));

        var fetched = await target.GetAsync(TodoKind.Appointment, ["../outside.ics"], CancellationToken.None);
        Assert.ThrowsAsync<ItemNotFoundException>(() => target.DeleteAsync(TodoKind.Appointment, new ExternalItemRef("../outside.ics", version), CancellationToken.None));
        Assert.ThrowsAsync<ItemNotFoundException>(() => target.UpdateAsync(TodoKind.Appointment, new ExternalItemRef("../outside.ics", version), Appointment, CancellationToken.None));

        Assert.That(fetched, Is.Empty);
        Assert.That(await File.ReadAllTextAsync(outside), Is.EqualTo("keep me"));
    }

    [Test]
    [Category("Adoption")]
    public async Task Create_after_a_crash_adopts_the_file_the_earlier_run_wrote()
    {
        ExternalItemRef before;
        await using (var crashed = await CreateAsync())
        {
            before = (await crashed.CreateAsync(TodoKind.Task, "proadsync-db1-9", Task, CancellationToken.None)).Item;

            // The run dies here: the link was never stored. A half-written temp file is left behind too.
            await File.WriteAllTextAsync(Path.Combine(TasksDir, ".proadsync-db1-9.ics.deadbeef.tmp"), "BEGIN:VCAL");
        }

        await using var next = await CreateAsync();
        var again = await next.CreateAsync(TodoKind.Task, "proadsync-db1-9", Task with { Subject = "second attempt" }, CancellationToken.None);

        Assert.That(again.Adopted, Is.True);
        Assert.That(again.Item, Is.EqualTo(before), "the same file, unchanged");
        var listing = await next.GetChangesAsync(TodoKind.Task, null, Window(), CancellationToken.None);
        Assert.That(listing.Items, Is.EqualTo(new[] { before }), "no duplicate, the temp file is not an item");
    }

    [Test]
    public async Task A_file_changed_by_another_program_makes_a_guarded_write_conflict()
    {
        await using var target = await CreateAsync();
        var created = await target.CreateAsync(TodoKind.Appointment, "a", Appointment, CancellationToken.None);
        var path = Path.Combine(CalendarDir, "a.ics");
        var edited = (await File.ReadAllTextAsync(path)).Replace("SUMMARY:Kick-off", "SUMMARY:Edited in khal", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, edited);

        Assert.ThrowsAsync<VersionConflictException>(() => target.UpdateAsync(TodoKind.Appointment, created.Item, Appointment, CancellationToken.None));
        Assert.ThrowsAsync<VersionConflictException>(() => target.DeleteAsync(TodoKind.Appointment, created.Item, CancellationToken.None));
        Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo(edited));
    }

    [Test]
    public async Task Update_keeps_the_uid_of_a_file_created_by_another_program()
    {
        Directory.CreateDirectory(CalendarDir);
        var path = Path.Combine(CalendarDir, "random-name.ics");
        var foreign = IcsWriter.Write("khal-uid-123@example", Appointment, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await File.WriteAllTextAsync(path, foreign);
        await using var target = await CreateAsync();
        var listed = (await target.GetChangesAsync(TodoKind.Appointment, null, Window(), CancellationToken.None)).Items.Single();

        var updated = await target.UpdateAsync(TodoKind.Appointment, listed, Appointment with { Subject = "new" }, CancellationToken.None);

        Assert.That(updated.Id, Is.EqualTo("random-name.ics"));
        var read = IcsReader.Read(await File.ReadAllTextAsync(path));
        Assert.That(read.Uid, Is.EqualTo("khal-uid-123@example"));
        Assert.That(read.Item.Subject, Is.EqualTo("new"));
    }

    [Test]
    public async Task Wrong_component_in_a_collection_is_a_problem_not_an_item()
    {
        await using var target = await CreateAsync();
        await target.CreateAsync(TodoKind.Appointment, "a", Appointment, CancellationToken.None);
        Directory.CreateDirectory(TasksDir);
        File.Copy(Path.Combine(CalendarDir, "a.ics"), Path.Combine(TasksDir, "a.ics"));

        var fetched = await target.GetAsync(TodoKind.Task, ["a.ics"], CancellationToken.None);

        Assert.That(fetched.Single().Content, Is.Null);
        Assert.That(fetched.Single().Problem, Does.Contain("VEVENT"));
    }

    [Test]
    public async Task Oversized_file_is_a_problem_with_its_real_version()
    {
        await using var target = await CreateAsync();
        Directory.CreateDirectory(CalendarDir);
        var path = Path.Combine(CalendarDir, "huge.ics");
        var bytes = new byte[(4 * IcsReadOptions.DefaultMaxLength) + 10];
        Array.Fill(bytes, (byte)'a');
        await File.WriteAllBytesAsync(path, bytes);

        var listed = (await target.GetChangesAsync(TodoKind.Appointment, null, Window(), CancellationToken.None)).Items.Single();
        var fetched = (await target.GetAsync(TodoKind.Appointment, ["huge.ics"], CancellationToken.None)).Single();

        Assert.That(fetched.Problem, Does.Contain("too large"));
        Assert.That(fetched.Item, Is.EqualTo(listed));
        Assert.That(listed.Version.Value, Is.EqualTo(ContentHash.Of(bytes)));
    }

    [Test]
    public async Task Bom_and_floating_times_read_in_the_configured_zone()
    {
        Directory.CreateDirectory(CalendarDir);
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:f\r\nDTSTAMP:20260101T000000Z\r\n"
            + "DTSTART:20260310T090000\r\nDTEND:20260310T100000\r\nSUMMARY:Floating\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        await File.WriteAllBytesAsync(Path.Combine(CalendarDir, "f.ics"), [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        await using var target = await CreateAsync(new Dictionary<string, string> { ["defaultTimeZone"] = "Europe/Berlin" });

        var item = (await target.GetAsync(TodoKind.Appointment, ["f.ics"], CancellationToken.None)).Single();

        Assert.That(item.Problem, Is.Null);
        Assert.That(item.Content!.Start, Is.EqualTo(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(1))));
        Assert.That(item.Content.TimeZoneId, Is.EqualTo("Europe/Berlin"));
    }

    [Test]
    public async Task A_Windows_1252_file_is_read_intact_with_a_warning_and_a_UTF_8_file_without_one()
    {
        Directory.CreateDirectory(CalendarDir);
        static string Text(string uid, string summary) => "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:" + uid
            + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260310T090000Z\r\nDTEND:20260310T100000Z\r\nSUMMARY:" + summary + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        await File.WriteAllBytesAsync(Path.Combine(CalendarDir, "cp1252.ics"), CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(Text("cp1252", "M\u00fcller Stra\u00dfe \u20ac 5")));
        await File.WriteAllBytesAsync(Path.Combine(CalendarDir, "utf8.ics"), Encoding.UTF8.GetBytes(Text("utf8", "M\u00fcller Stra\u00dfe \u20ac 5")));
        await using var target = await CreateAsync();

        var items = (await target.GetAsync(TodoKind.Appointment, ["cp1252.ics", "utf8.ics"], CancellationToken.None)).ToDictionary(i => i.Item.Id);

        Assert.Multiple(() =>
        {
            Assert.That(items["cp1252.ics"].Problem, Is.Null);
            Assert.That(items["cp1252.ics"].Content!.Subject, Is.EqualTo("M\u00fcller Stra\u00dfe \u20ac 5"));
            Assert.That(items["cp1252.ics"].Warning, Is.EqualTo("The file 'cp1252.ics' is not valid UTF-8 as iCalendar requires; it was read as Windows-1252."));
            Assert.That(items["utf8.ics"].Content!.Subject, Is.EqualTo("M\u00fcller Stra\u00dfe \u20ac 5"));
            Assert.That(items["utf8.ics"].Warning, Is.Null);
        });
    }

    [Test]
    public async Task The_first_listing_creates_the_root_and_a_vanished_root_later_is_a_configuration_error()
    {
        var state = new MemoryState();
        await using var target = await Factory().CreateAsync(new TargetSettings { Url = _root, State = state }, CancellationToken.None);

        var first = await target.GetChangesAsync(TodoKind.Appointment, null, Window(), CancellationToken.None);
        Assert.That(first.Items, Is.Empty);
        Assert.That(first.IsFullListing, Is.True);
        Assert.That(Directory.Exists(_root), Is.True, "first use creates the folder, like MKCALENDAR");

        // Once seen, a vanished folder (an unmounted drive) must never read as an empty calendar.
        Directory.Delete(_root, recursive: true);
        Assert.ThrowsAsync<TargetConfigurationException>(() => target.GetChangesAsync(TodoKind.Appointment, null, Window(), CancellationToken.None));
        Assert.That(Directory.Exists(_root), Is.False, "nothing is re-created behind the user's back");
    }

    private sealed class MemoryState : ITargetStateStore
    {
        private readonly Dictionary<string, string> _values = [];

        public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_values.TryGetValue(key, out var v) ? v : null);

        public ValueTask SetAsync(string key, string? value, CancellationToken cancellationToken)
        {
            if (value is null)
            {
                _values.Remove(key);
            }
            else
            {
                _values[key] = value;
            }

            return ValueTask.CompletedTask;
        }
    }

    [Test]
    [Category("R-ACC-2")]
    public async Task Connection_test_creates_the_folders_and_names_them()
    {
        await using var target = await CreateAsync();

        var report = await target.TestConnectionAsync(CancellationToken.None);

        Assert.That(report.Succeeded, Is.True);
        Assert.That(report.Steps.Select(s => s.Name), Is.EqualTo(new[] { "folder", "writable", "collections" }));
        Assert.That(Directory.Exists(CalendarDir) && Directory.Exists(TasksDir), Is.True);
    }

    [Test]
    [Category("R-ACC-2")]
    public async Task Connection_test_fails_clearly_when_the_folder_is_a_file()
    {
        await File.WriteAllTextAsync(_root, "I am a file");
        try
        {
            await using var target = await CreateAsync();

            var report = await target.TestConnectionAsync(CancellationToken.None);

            Assert.That(report.Succeeded, Is.False);
            Assert.That(report.Steps[0].Outcome, Is.EqualTo(TestOutcome.Failed));
            Assert.That(report.Steps[0].Message, Does.Contain(_root));
            Assert.That(report.Steps.Skip(1).Select(s => s.Outcome), Has.All.EqualTo(TestOutcome.Skipped));
        }
        finally
        {
            File.Delete(_root);
        }
    }

    [Test]
    public async Task Capabilities_say_full_listings_only_and_tasks_supported()
    {
        await using var target = await CreateAsync();

        Assert.That(target.Capabilities.SupportsChangeCursor, Is.False);
        Assert.That(target.Capabilities.SupportsTasks, Is.True);
    }

    [Test]
    public void Plugin_manifest_names_the_vdir_plugin_without_a_licence_feature()
    {
        var manifestPath = Path.Combine(TestContext.CurrentContext.TestDirectory, "plugin.json");
        Assert.That(File.Exists(manifestPath), Is.True, "plugin.json is copied to the output");
        using var manifest = JsonDocument.Parse(File.ReadAllText(manifestPath));
        var root = manifest.RootElement;

        Assert.That(root.GetProperty("id").GetString(), Is.EqualTo("vdir"));
        Assert.That(root.GetProperty("contractVersion").GetString(), Is.EqualTo("1.1"), "the plugin sets FetchedItem.Warning (contract 1.1)");
        Assert.That(root.GetProperty("entryAssembly").GetString(), Is.EqualTo("ProadSync.Plugin.Vdir.dll"));
        Assert.That(root.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()), Is.EqualTo(new[] { "calendarTarget" }));
        Assert.That(root.TryGetProperty("interface", out _), Is.False, "licence-neutral: no interface feature");
    }

    [Test]
    public void Build_lays_the_plugin_out_with_its_private_dependencies_and_without_the_contract()
    {
        var folder = RepoRoot() is { } repo ? Path.Combine(repo, "artifacts", "plugins", "vdir") : null;
        Assert.That(folder, Is.Not.Null, "the repository root (Directory.Build.props) was not found above the test folder");
        var files = Directory.GetFiles(folder!).Select(Path.GetFileName).ToList();

        Assert.That(files, Does.Contain("ProadSync.Plugin.Vdir.dll"));
        Assert.That(files, Does.Contain("plugin.json"));
        Assert.That(files, Does.Contain("ProadSync.Formats.dll"));
        Assert.That(files, Does.Contain("Ical.Net.dll"));
        Assert.That(files, Does.Not.Contain("ProadSync.Abstractions.dll"));
        Assert.That(files, Does.Not.Contain("Microsoft.Extensions.DependencyInjection.Abstractions.dll"));
    }

    private static string? RepoRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.targets")) && Directory.Exists(Path.Combine(dir.FullName, "plugins")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static DateRange Window() => new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static ICalendarTargetFactory Factory()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 2, 1, 8, 0, 0, TimeSpan.Zero)));
        new VdirPluginRegistrar().Register(services);
        return services.BuildServiceProvider().GetServices<ICalendarTargetFactory>().Single();
    }

    private async Task<ICalendarTarget> CreateAsync(Dictionary<string, string>? options = null) =>
        await Factory().CreateAsync(new TargetSettings { Url = _root, Options = options ?? [] }, CancellationToken.None);
}
