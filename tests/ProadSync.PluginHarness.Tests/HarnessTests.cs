using System.Reflection;

namespace ProadSync.PluginHarness.Tests;

/// <summary>The harness loads one plugin folder as the host does and drives it; here against the vdir plugin and a temp folder.</summary>
[TestFixture]
public sealed class HarnessTests
{
    private static string PluginsRoot { get; } =
        typeof(HarnessTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PluginsRoot").Value!;

    private string _folder = string.Empty;

    [SetUp]
    public void MakeFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "proadsync-harness-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var (options, error) = HarnessOptions.Parse(args);
        Assert.That(options, Is.Not.Null, error);
        using var output = new StringWriter();
        var exit = await Harness.RunAsync(options!, output, CancellationToken.None);
        return (exit, output.ToString());
    }

    [Test]
    public async Task Test_prints_the_connection_test_step_by_step()
    {
        var (exit, output) = await RunAsync("test", "--plugin", Path.Combine(PluginsRoot, "vdir"), "--url", _folder);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exit, Is.Zero, output);
            Assert.That(output, Does.Contain("Plugin vdir: active"));
            Assert.That(output, Does.Contain("  1. [PASSED]"));
            Assert.That(output, Does.Contain("Connection test passed."));
        }
    }

    [Test]
    public async Task Run_exports_the_samples_and_a_second_pass_changes_nothing()
    {
        var (exit, output) = await RunAsync("run", "--plugin", Path.Combine(PluginsRoot, "vdir"), "--url", _folder, "--count", "2", "--passes", "2");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exit, Is.Zero, output);
            Assert.That(output, Does.Contain("Pass 1:\nAccount 1 (Export) succeeded\n  out: 4 created").Or.Contain("Pass 1:\r\nAccount 1 (Export) succeeded\r\n  out: 4 created"));
            Assert.That(output, Does.Contain("Pass 2:"));
            Assert.That(output[output.IndexOf("Pass 2:", StringComparison.Ordinal)..], Does.Contain("out: 0 created, 0 updated, 0 deleted"));
            Assert.That(Directory.GetFiles(_folder, "*.ics", SearchOption.AllDirectories), Has.Length.EqualTo(4));
        }
    }

    [Test]
    public async Task Run_with_a_mapper_of_the_plugin_is_refused_for_a_mapper_only_plugin_but_test_shows_the_mapping()
    {
        var (exit, output) = await RunAsync("test", "--plugin", Path.Combine(PluginsRoot, "privacy"), "--url", "-", "--mapper-option", "subject=Job {number}");
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("goes out as 'Job J-2026-041'").And.Contain("nothing flows back"));
    }

    [Test]
    public async Task A_folder_that_is_not_a_plugin_is_reported_not_loaded()
    {
        var (exit, output) = await RunAsync("info", "--plugin", _folder);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output, Does.Contain("notsupported").IgnoreCase);
    }

    [TestCase(new[] { "run", "--plugin", "x", "--url", "u", "--password", "secret" }, "environment variable")]
    [TestCase(new[] { "test", "--url", "u" }, "--plugin")]
    [TestCase(new[] { "deploy" }, "test, run or info")]
    [TestCase(new[] { "run", "--plugin", "x", "--url", "u", "--option", "novalue" }, "key=value")]
    public void Bad_arguments_get_a_clear_sentence(string[] args, string expected)
    {
        var (options, error) = HarnessOptions.Parse(args);
        Assert.That(options, Is.Null);
        Assert.That(error, Does.Contain(expected));
    }
}
