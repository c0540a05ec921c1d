using System.Reflection;
using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;
using ProadSync.PluginHost;

namespace ProadSync.PluginTemplate.Tests;

/// <summary>
/// The partner template end to end: install it from the repository into a private template hive, generate each kind,
/// build it (offline: the packages are in the local NuGet cache), run the generated tests, and load the laid-out
/// plugin folder through the host's catalog.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PluginTemplateTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);

    private static string RepoRoot { get; } =
        typeof(PluginTemplateTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    private string _work = string.Empty;
    private string _hive = string.Empty;

    [OneTimeSetUp]
    public async Task InstallTemplate()
    {
        _work = Path.Combine(Path.GetTempPath(), "proadsync-template-" + Guid.NewGuid().ToString("N"));
        _hive = Path.Combine(_work, "hive");
        Directory.CreateDirectory(_hive);
        var (code, output) = await DotNetCli.RunAsync(_work, Limit, "new", "install", Path.Combine(RepoRoot, "plugin-template"), "--debug:custom-hive", _hive);
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("proadsync-plugin"));
    }

    [OneTimeTearDown]
    public void RemoveWork()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [TestCase("calendar", "Acme.Calendar", "acme-calendar", 40)]
    [TestCase("contact", "Acme.Contacts", "acme-contacts", 5)]
    [TestCase("mapper", "Acme.Mapper", "acme-mapper", 3)]
    public async Task Generated_plugin_builds_passes_its_tests_and_loads_active(string kind, string name, string id, int minimumTests)
    {
        var output = Path.Combine(_work, kind);
        var (code, log) = await DotNetCli.RunAsync(_work, Limit,
            "new", "proadsync-plugin", "-n", name, "--kind", kind, "--plugin-id", id, "--repo-root", RepoRoot, "-o", output, "--debug:custom-hive", _hive);
        Assert.That(code, Is.Zero, log);
        Assert.That(File.Exists(Path.Combine(output, "README.md")), Is.True, "a README for partners");
        Assert.That(File.ReadAllText(Path.Combine(output, "src", name, "plugin.json")), Does.Contain($"\"id\": \"{id}\""));

        var tests = Path.Combine(output, "tests", name + ".Tests", name + ".Tests.csproj");
        (code, log) = await DotNetCli.RunAsync(output, Limit, "build", tests, "-nologo", "-v", "q");
        Assert.That(code, Is.Zero, log);

        (code, log) = await DotNetCli.RunAsync(output, Limit, "test", tests, "--no-build", "-nologo");
        Assert.That(code, Is.Zero, log);
        var passed = System.Text.RegularExpressions.Regex.Match(log, @"Passed:\s+(\d+)");
        Assert.That(passed.Success, Is.True, log);
        Assert.That(int.Parse(passed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(minimumTests), log);
        Assert.That(log, Does.Contain("Failed:     0"), log);

        // Drop the laid-out folder into a plugins root, as an administrator would, and let the host load it.
        var laidOut = Path.Combine(output, "artifacts", "plugins", id);
        Assert.That(File.Exists(Path.Combine(laidOut, "plugin.json")), Is.True, "the build lays the plugin out");
        Assert.That(File.Exists(Path.Combine(laidOut, "ProadSync.Abstractions.dll")), Is.False, "the contract is never copied beside the plugin");
        var root = Path.Combine(_work, "plugins-" + kind);
        CopyDirectory(laidOut, Path.Combine(root, id));

        var options = new PluginHostOptions();
        options.RootDirectories.Add(root);
        using var catalog = PluginCatalogFactory.Create(options);
        var plugin = catalog.Plugins.Single();
        Assert.That(plugin.State, Is.EqualTo(PluginState.Active), plugin.Reason);
        switch (kind)
        {
            case "calendar":
                var factory = catalog.FindCalendarTargetFactory(id);
                Assert.That(factory, Is.Not.Null);
                await using (var target = await factory!.CreateAsync(new() { Url = "sample://host-test" }, CancellationToken.None))
                {
                    Assert.That((await target.TestConnectionAsync(CancellationToken.None)).Succeeded, Is.True);
                }

                break;
            case "contact":
                Assert.That(catalog.FindContactTargetFactory(id), Is.Not.Null);
                break;
            default:
                var mapper = catalog.FindFieldMapper(id);
                Assert.That(mapper, Is.Not.Null);
                var todo = new LeadingTodo(1, new CalendarItem { Kind = TodoKind.Appointment, Subject = "Kick-off" });
                Assert.That(mapper!.ToExternal(todo, new FieldMappingContext("Demo", "caldav")).Subject, Is.EqualTo("[PROAD] Kick-off"));
                break;
        }
    }

    [Test]
    public async Task Without_a_plugin_id_a_valid_one_is_generated()
    {
        var output = Path.Combine(_work, "generated-id");
        var (code, log) = await DotNetCli.RunAsync(_work, Limit,
            "new", "proadsync-plugin", "-n", "Acme.Anon", "--kind", "mapper", "--repo-root", RepoRoot, "-o", output, "--debug:custom-hive", _hive);
        Assert.That(code, Is.Zero, log);
        var manifest = File.ReadAllText(Path.Combine(output, "src", "Acme.Anon", "plugin.json"));
        Assert.That(manifest, Does.Match("\"id\": \"[a-z0-9]{32}\""));
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
