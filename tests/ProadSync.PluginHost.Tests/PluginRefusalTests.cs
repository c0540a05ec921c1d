using Microsoft.Extensions.Logging;

namespace ProadSync.PluginHost.Tests;

/// <summary>Plugins the host refuses or demotes: each is reported with a reason and none stops the host.</summary>
public class PluginRefusalTests
{
    private TestPlugins _plugins = null!;
    private CapturingLoggerFactory _logs = null!;

    [SetUp]
    public void SetUp()
    {
        _plugins = new TestPlugins();
        _logs = new CapturingLoggerFactory();
    }

    [TearDown]
    public void TearDown()
    {
        _logs.Dispose();
        _plugins.Dispose();
    }

    [Test]
    public void Wrong_contract_major_is_not_supported_and_its_code_never_loads()
    {
        var root = _plugins.Root();
        _plugins.Copy("test-wrong-major", root);
        _plugins.Copy("test-good", root);
        using var catalog = Create(root);

        var refused = Single(catalog, "test-wrong-major");
        Assert.Multiple(() =>
        {
            Assert.That(refused.State, Is.EqualTo(PluginState.NotSupported));
            Assert.That(refused.Reason, Does.Contain("built for contract 2.0").And.Contain("supports contract 1.x"));
            Assert.That(catalog.FindFieldMapper("test-wrong-major-mapper"), Is.Null);
            Assert.That(LoadedAssemblyNames(), Does.Not.Contain("ProadSync.TestPlugins.WrongMajor"), "the manifest is read before any code loads");
            Assert.That(Single(catalog, "test-good").State, Is.EqualTo(PluginState.Active));
        });
    }

    [Test]
    public void Newer_contract_minor_is_not_supported_even_with_properties_this_host_does_not_know()
    {
        var root = _plugins.Root();
        var folder = _plugins.Copy("test-good", root);
        RewriteManifest(folder, json => json
            .Replace("\"contractVersion\": \"1.0\"", "\"contractVersion\": \"1.3\"", StringComparison.Ordinal)
            .Replace("\"version\": \"1.2.3\",", "\"version\": \"1.2.3\", \"iconUrl\": \"icon.png\",", StringComparison.Ordinal));
        using var catalog = Create(root);

        var refused = Single(catalog, "test-good");
        Assert.Multiple(() =>
        {
            Assert.That(refused.State, Is.EqualTo(PluginState.NotSupported));
            Assert.That(refused.Reason, Does.Contain("needs contract 1.3").And.Contain("supports up to 1.2"));
            Assert.That(catalog.FindFieldMapper("test-good-mapper"), Is.Null);
        });
    }

    [Test]
    public void Registrar_that_throws_demotes_its_plugin_to_malfunctioned_and_the_others_load()
    {
        var root = _plugins.Root();
        _plugins.Copy("test-throwing-registrar", root);
        _plugins.Copy("test-good", root);
        using var catalog = Create(root);

        var failed = Single(catalog, "test-throwing-registrar");
        Assert.Multiple(() =>
        {
            Assert.That(failed.State, Is.EqualTo(PluginState.Malfunctioned));
            Assert.That(failed.Reason, Does.Contain("ThrowingRegistrar.Register").And.Contain("The test registrar fails on purpose."));
            Assert.That(failed.Manifest, Is.Not.Null);
            Assert.That(Single(catalog, "test-good").State, Is.EqualTo(PluginState.Active));
            Assert.That(
                _logs.Entries.Any(e => e.Level == LogLevel.Error && e.Message.Contains("test-throwing-registrar", StringComparison.Ordinal) && e.Exception is InvalidOperationException),
                Is.True,
                "the failure is logged with its exception");
        });
    }

    [Test]
    public void Entry_assembly_outside_the_plugin_folder_is_refused_even_when_the_file_exists()
    {
        var root = _plugins.Root();
        var folder = _plugins.Copy("test-path-traversal", root);
        // Put a loadable assembly exactly where "../x.dll" points.
        File.Copy(Path.Combine(folder, "ProadSync.TestPlugins.PathTraversal.dll"), Path.Combine(root, "x.dll"));
        using var catalog = Create(root);

        var refused = Single(catalog, "test-path-traversal");
        Assert.Multiple(() =>
        {
            Assert.That(refused.State, Is.EqualTo(PluginState.NotSupported));
            Assert.That(refused.Reason, Does.Contain("'../x.dll'"));
            Assert.That(catalog.FindFieldMapper("test-path-traversal-mapper"), Is.Null);
            Assert.That(LoadedAssemblyNames(), Does.Not.Contain("ProadSync.TestPlugins.PathTraversal"));
        });
    }

    [Test]
    public void Entry_assembly_given_as_rooted_path_is_refused()
    {
        var root = _plugins.Root();
        var folder = _plugins.Copy("test-good", root);
        var absolute = Path.Combine(folder, "ProadSync.TestPlugins.Good.dll");
        RewriteManifest(folder, json => json.Replace(
            "\"entryAssembly\": \"ProadSync.TestPlugins.Good.dll\"",
            $"\"entryAssembly\": {System.Text.Json.JsonSerializer.Serialize(absolute)}",
            StringComparison.Ordinal));
        using var catalog = Create(root);

        var refused = Single(catalog, "test-good");
        Assert.Multiple(() =>
        {
            Assert.That(refused.State, Is.EqualTo(PluginState.NotSupported));
            Assert.That(refused.Reason, Does.Contain("must be a path relative to the plugin folder"));
        });
    }

    [Test]
    public void Entry_assembly_that_is_a_symbolic_link_is_refused()
    {
        var root = _plugins.Root();
        var folder = _plugins.Copy("test-good", root);
        var entry = Path.Combine(folder, "ProadSync.TestPlugins.Good.dll");
        var outside = Path.Combine(_plugins.TempDirectory, "elsewhere.dll");
        File.Move(entry, outside);
        File.CreateSymbolicLink(entry, outside);
        using var catalog = Create(root);

        var refused = Single(catalog, "test-good");
        Assert.Multiple(() =>
        {
            Assert.That(refused.State, Is.EqualTo(PluginState.NotSupported));
            Assert.That(refused.Reason, Does.Contain("symbolic link"));
        });
    }

    [Test]
    public void Manifest_that_declares_a_kind_the_plugin_does_not_register_is_malfunctioned()
    {
        var root = _plugins.Root();
        _plugins.Copy("test-missing-kind", root);
        using var catalog = Create(root);

        var failed = Single(catalog, "test-missing-kind");
        Assert.Multiple(() =>
        {
            Assert.That(failed.State, Is.EqualTo(PluginState.Malfunctioned));
            Assert.That(failed.Reason, Does.Contain("declares 'calendarTarget'").And.Contain("ICalendarTargetFactory"));
            Assert.That(catalog.FindFieldMapper("test-missing-kind-mapper"), Is.Null, "nothing of a malfunctioned plugin is offered");
        });
    }

    [Test]
    public void Registered_kinds_the_manifest_does_not_declare_are_not_offered()
    {
        var root = _plugins.Root();
        var folder = _plugins.Copy("test-good", root);
        RewriteManifest(folder, json => json.Replace(
            "[\"calendarTarget\", \"contactTarget\", \"fieldMapper\"]", "[\"fieldMapper\"]", StringComparison.Ordinal));
        using var catalog = Create(root);

        Assert.Multiple(() =>
        {
            Assert.That(Single(catalog, "test-good").State, Is.EqualTo(PluginState.Active));
            Assert.That(catalog.FindFieldMapper("test-good-mapper"), Is.Not.Null);
            Assert.That(catalog.FindCalendarTargetFactory("test-good"), Is.Null);
            Assert.That(catalog.FindContactTargetFactory("test-good"), Is.Null);
            Assert.That(_logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("does not declare", StringComparison.Ordinal)), Is.EqualTo(2));
        });
    }

    [Test]
    public void Entry_assembly_without_a_registrar_is_malfunctioned()
    {
        var root = _plugins.Root();
        var folder = _plugins.Copy("test-json-new", root);
        RewriteManifest(folder, json => json.Replace(
            "\"entryAssembly\": \"ProadSync.TestPlugins.JsonNew.dll\"", "\"entryAssembly\": \"Newtonsoft.Json.dll\"", StringComparison.Ordinal));
        using var catalog = Create(root);

        var failed = Single(catalog, "test-json-new");
        Assert.Multiple(() =>
        {
            Assert.That(failed.State, Is.EqualTo(PluginState.Malfunctioned));
            Assert.That(failed.Reason, Is.EqualTo("The entry assembly 'Newtonsoft.Json.dll' has no public IPluginRegistrar class built against this host's contract."));
        });
    }

    [Test]
    public void Plugin_that_registers_a_target_id_another_plugin_provides_is_malfunctioned()
    {
        var root = _plugins.Root();
        _plugins.Copy("test-good", root);
        var copy = _plugins.Copy("test-good", root, folderName: "test-good-copy");
        RewriteManifest(copy, json => json.Replace("\"id\": \"test-good\"", "\"id\": \"test-good-copy\"", StringComparison.Ordinal));
        using var catalog = Create(root);

        var failed = Single(catalog, "test-good-copy");
        Assert.Multiple(() =>
        {
            Assert.That(Single(catalog, "test-good").State, Is.EqualTo(PluginState.Active));
            Assert.That(failed.State, Is.EqualTo(PluginState.Malfunctioned));
            Assert.That(failed.Reason, Is.EqualTo("The plugin registers the calendar target 'test-good', which plugin 'test-good' already provides."));
            Assert.That(catalog.StateFor("test-good", null), Is.EqualTo(PluginState.Active));
        });
    }

    [Test]
    public void Broken_json_manifest_is_reported_under_the_folder_name()
    {
        var root = _plugins.Root();
        _plugins.WriteManifestOnly(root, "broken", "{ \"id\": \"broken\", \"name\": ");
        _plugins.Copy("test-good", root);
        using var catalog = Create(root);

        var refused = Single(catalog, "broken");
        Assert.Multiple(() =>
        {
            Assert.That(refused.State, Is.EqualTo(PluginState.NotSupported));
            Assert.That(refused.Manifest, Is.Null);
            Assert.That(refused.Reason, Does.StartWith("The plugin.json is not valid JSON:"));
            Assert.That(Single(catalog, "test-good").State, Is.EqualTo(PluginState.Active));
        });
    }

    [Test]
    public void Folder_without_manifest_is_reported()
    {
        var root = _plugins.Root();
        Directory.CreateDirectory(Path.Combine(root, "stray"));
        using var catalog = Create(root);

        var refused = Single(catalog, "stray");
        Assert.Multiple(() =>
        {
            Assert.That(refused.State, Is.EqualTo(PluginState.NotSupported));
            Assert.That(refused.Reason, Is.EqualTo("The folder has no plugin.json."));
        });
    }

    [Test]
    public void Manifest_id_that_differs_from_the_folder_name_is_refused()
    {
        var root = _plugins.Root();
        _plugins.Copy("test-good", root, folderName: "renamed");
        using var catalog = Create(root);

        var refused = Single(catalog, "renamed");
        Assert.Multiple(() =>
        {
            Assert.That(refused.State, Is.EqualTo(PluginState.NotSupported));
            Assert.That(refused.Reason, Is.EqualTo("The manifest id 'test-good' does not match the plugin folder name 'renamed'."));
            Assert.That(catalog.FindCalendarTargetFactory("test-good"), Is.Null);
        });
    }

    [Test]
    public void Missing_entry_assembly_is_reported_not_crashed()
    {
        var root = _plugins.Root();
        var folder = _plugins.Copy("test-good", root);
        File.Delete(Path.Combine(folder, "ProadSync.TestPlugins.Good.dll"));
        using var catalog = Create(root);

        var failed = Single(catalog, "test-good");
        Assert.Multiple(() =>
        {
            Assert.That(failed.State, Is.EqualTo(PluginState.Malfunctioned));
            Assert.That(failed.Reason, Is.EqualTo("The entry assembly 'ProadSync.TestPlugins.Good.dll' does not exist in the plugin folder."));
        });
    }

    [Test]
    public void Garbage_entry_assembly_is_reported_not_crashed()
    {
        var root = _plugins.Root();
        var folder = _plugins.Copy("test-good", root);
        File.WriteAllText(Path.Combine(folder, "ProadSync.TestPlugins.Good.dll"), "this is not an assembly");
        using var catalog = Create(root);

        var failed = Single(catalog, "test-good");
        Assert.Multiple(() =>
        {
            Assert.That(failed.State, Is.EqualTo(PluginState.Malfunctioned));
            Assert.That(failed.Reason, Does.StartWith("The plugin failed while loading its entry assembly: BadImageFormatException"));
        });
    }

    [Test]
    public void Duplicate_id_in_a_later_root_is_refused_and_the_first_root_wins()
    {
        var first = _plugins.Root("first");
        var second = _plugins.Root("second");
        var winner = _plugins.Copy("test-good", first);
        var loser = _plugins.Copy("test-good", second);
        using var catalog = Create(first, second);

        Assert.That(catalog.Plugins, Has.Count.EqualTo(2));
        var active = catalog.Plugins[0];
        var refused = catalog.Plugins[1];
        Assert.Multiple(() =>
        {
            Assert.That(active.DirectoryPath, Is.EqualTo(winner));
            Assert.That(active.State, Is.EqualTo(PluginState.Active));
            Assert.That(refused.DirectoryPath, Is.EqualTo(loser));
            Assert.That(refused.State, Is.EqualTo(PluginState.NotSupported));
            Assert.That(refused.Reason, Is.EqualTo($"The plugin id 'test-good' is already provided by {winner}; this copy is ignored."));
            Assert.That(catalog.StateFor("test-good", null), Is.EqualTo(PluginState.Active));
        });
    }

    [Test]
    public void Missing_root_is_logged_and_yields_no_plugins()
    {
        var missing = Path.Combine(_plugins.TempDirectory, "does-not-exist");
        using var catalog = Create(missing);

        Assert.Multiple(() =>
        {
            Assert.That(catalog.Plugins, Is.Empty);
            Assert.That(_logs.Entries.Any(e => e.Level == LogLevel.Warning && e.Message.Contains("does not exist", StringComparison.Ordinal)), Is.True);
        });
    }

    private static PluginDescriptor Single(IPluginCatalog catalog, string id) => catalog.Plugins.Single(p => p.Id == id);

    private static List<string?> LoadedAssemblyNames() =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).ToList();

    private static void RewriteManifest(string folder, Func<string, string> change)
    {
        var path = Path.Combine(folder, "plugin.json");
        var before = File.ReadAllText(path);
        var after = change(before);
        Assert.That(after, Is.Not.EqualTo(before), "the test fixture must change the manifest");
        File.WriteAllText(path, after);
    }

    private IPluginCatalog Create(params string[] roots)
    {
        var options = new PluginHostOptions();
        foreach (var root in roots)
        {
            options.RootDirectories.Add(root);
        }

        return PluginCatalogFactory.Create(options, _logs);
    }
}
