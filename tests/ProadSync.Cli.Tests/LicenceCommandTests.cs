namespace ProadSync.Cli.Tests;

/// <summary>The server manager through the command line: licence, interface switches, the green marker (SPEC §1).</summary>
[TestFixture]
public sealed class LicenceCommandTests
{
    private CliHarness _cli = null!;

    [SetUp]
    public async Task SetUp()
    {
        _cli = new CliHarness();
        var add = await _cli.RunAsync("databases", "add", "acme");
        Assert.That(add.ExitCode, Is.EqualTo(0), add.ToString());
    }

    [TearDown]
    public void TearDown() => _cli.Dispose();

    private static string DevelopmentLicence => Path.Combine(CliHarness.RepoRoot, "tools", "licensing", "development.licence");

    [Test, Category("R-SM-2")]
    public async Task Enabling_is_refused_without_a_licence_and_turns_green_with_one()
    {
        var refused = await _cli.RunAsync("databases", "enable", "acme", "exchange");
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("licence"));

        var before = await _cli.RunAsync("--json", "databases", "list");
        var exchangeBefore = before.Json[0].GetProperty("interfaces").EnumerateArray().Single(i => i.GetProperty("interface").GetString() == "exchange");
        Assert.That(exchangeBefore.GetProperty("green").GetBoolean(), Is.False);

        var install = await _cli.RunAsync("licence", "install", DevelopmentLicence);
        Assert.That(install.ExitCode, Is.EqualTo(0), install.ToString());
        var show = await _cli.RunAsync("--json", "licence", "show");
        Assert.That(show.Json.GetProperty("valid").GetBoolean(), Is.True, show.ToString());

        var enable = await _cli.RunAsync("--json", "databases", "enable", "acme", "exchange");
        Assert.That(enable.ExitCode, Is.EqualTo(0), enable.ToString());
        Assert.That(enable.Json.GetProperty("green").GetBoolean(), Is.True);

        var after = await _cli.RunAsync("--json", "databases", "list");
        var interfaces = after.Json[0].GetProperty("interfaces").EnumerateArray().ToDictionary(i => i.GetProperty("interface").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(interfaces["exchange"].GetProperty("licensed").GetBoolean(), Is.True);
            Assert.That(interfaces["exchange"].GetProperty("enabled").GetBoolean(), Is.True);
            Assert.That(interfaces["exchange"].GetProperty("green").GetBoolean(), Is.True);
            Assert.That(interfaces["caldav"].GetProperty("enabled").GetBoolean(), Is.False, "licensed but not switched on");
            Assert.That(interfaces["caldav"].GetProperty("green").GetBoolean(), Is.False);
        });

        var disable = await _cli.RunAsync("--json", "databases", "disable", "acme", "exchange");
        Assert.That(disable.Json.GetProperty("green").GetBoolean(), Is.False, disable.ToString());
    }

    [Test, Category("R-SM-2")]
    public async Task A_plugin_is_unlicensed_for_a_database_until_its_interface_is_licensed_and_enabled()
    {
        string StateOfGraph(CliResult r) => r.Json.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "graph").GetProperty("state").GetString()!;
        var before = await _cli.RunAsync("--json", "plugins", "list", "--db", "acme");
        Assert.That(StateOfGraph(before), Is.EqualTo("unlicensed"), before.ToString());
        await _cli.RunAsync("licence", "install", DevelopmentLicence);
        await _cli.RunAsync("databases", "enable", "acme", "exchange");
        var after = await _cli.RunAsync("--json", "plugins", "list", "--db", "acme");
        Assert.That(StateOfGraph(after), Is.EqualTo("active"), after.ToString());
    }

    [Test, Category("R-SM-1")]
    public async Task A_tampered_or_missing_licence_is_refused_with_one_sentence()
    {
        var text = await File.ReadAllTextAsync(DevelopmentLicence);
        var tampered = Path.Combine(_cli.Home, "tampered.licence");
        var payloadStart = text.IndexOf("\"payload\"", StringComparison.Ordinal);
        var index = text.IndexOf('"', text.IndexOf(':', payloadStart) + 1) + 5;
        var flipped = text[..index] + (text[index] == 'A' ? 'B' : 'A') + text[(index + 1)..];
        await File.WriteAllTextAsync(tampered, flipped);
        var refused = await _cli.RunAsync("licence", "install", tampered);
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error.Trim().Split('\n'), Has.Length.EqualTo(1));

        var missing = await _cli.RunAsync("licence", "install", Path.Combine(_cli.Home, "none.licence"));
        Assert.That(missing.ExitCode, Is.EqualTo(1), missing.ToString());
        var show = await _cli.RunAsync("--json", "licence", "show");
        Assert.That(show.Json.GetProperty("installed").GetBoolean(), Is.False, "nothing was installed");
    }

    [Test, Category("R-ACC-2")]
    public async Task Accounts_test_reports_each_step_for_a_working_vdir_account()
    {
        await _cli.RunAsync("users", "add", "acme", "anna");
        var set = await _cli.RunAsync("accounts", "set", "acme", "anna", "--plugin", "vdir", "--url", Path.Combine(_cli.Home, "cal"));
        Assert.That(set.ExitCode, Is.EqualTo(0), set.ToString());
        var test = await _cli.RunAsync("--json", "accounts", "test", "acme", "anna");
        Assert.That(test.ExitCode, Is.EqualTo(0), test.ToString());
        Assert.That(test.Json.GetProperty("succeeded").GetBoolean(), Is.True);
        Assert.That(test.Json.GetProperty("steps").GetArrayLength(), Is.GreaterThanOrEqualTo(2));
    }

    [Test, Category("R-ACC-2")]
    public async Task Accounts_test_fails_with_the_failed_step_when_the_folder_cannot_be_created()
    {
        await _cli.RunAsync("users", "add", "acme", "anna");
        var blocker = Path.Combine(_cli.Home, "blocker");
        await File.WriteAllTextAsync(blocker, "a file where a folder should be");
        await _cli.RunAsync("accounts", "set", "acme", "anna", "--plugin", "vdir", "--url", Path.Combine(blocker, "cal"));
        var test = await _cli.RunAsync("accounts", "test", "acme", "anna");
        Assert.That(test.ExitCode, Is.EqualTo(1), test.ToString());
        Assert.That(test.Out, Does.Contain("FAIL"));
    }
}
