using ProadSync.Formats;

namespace ProadSync.Cli.Tests;

/// <summary>The admin commands that feed the web UI and the field mappers.</summary>
[TestFixture]
public sealed class AdminCommandTests
{
    private CliHarness _cli = null!;

    [SetUp]
    public async Task SetUp()
    {
        _cli = new CliHarness();
        Assert.That((await _cli.RunAsync("databases", "add", "acme")).ExitCode, Is.EqualTo(0));
        Assert.That((await _cli.RunAsync("users", "add", "acme", "anna")).ExitCode, Is.EqualTo(0));
    }

    [TearDown]
    public void TearDown() => _cli.Dispose();

    [Test]
    public async Task Set_password_and_admin_and_their_refusals()
    {
        const string password = "a-long-enough-Passw0rd";
        var ok = await _cli.RunWithInputAsync(password + "\n", "users", "set-password", "acme", "anna");
        Assert.That(ok.ExitCode, Is.EqualTo(0), ok.ToString());
        Assert.That(ok.Out + ok.Error, Does.Not.Contain(password));
        var tooShort = await _cli.RunWithInputAsync("short\n", "users", "set-password", "acme", "anna");
        Assert.That(tooShort.ExitCode, Is.EqualTo(1), tooShort.ToString());
        var empty = await _cli.RunWithInputAsync("", "users", "set-password", "acme", "anna");
        Assert.That(empty.ExitCode, Is.EqualTo(1), empty.ToString());
        var admin = await _cli.RunAsync("users", "set-admin", "acme", "anna", "true");
        Assert.That(admin.ExitCode, Is.EqualTo(0), admin.ToString());
        var nobody = await _cli.RunAsync("users", "set-admin", "acme", "nobody", "true");
        Assert.That(nobody.ExitCode, Is.EqualTo(1), nobody.ToString());
    }

    [Test]
    public async Task The_privacy_mapper_chosen_for_a_database_shapes_what_a_run_writes()
    {
        var refused = await _cli.RunAsync("databases", "set-mapper", "acme", "nosuchmapper");
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        var set = await _cli.RunAsync("databases", "set-mapper", "acme", "privacy", "--option", "subject=Busy ({number})");
        Assert.That(set.ExitCode, Is.EqualTo(0), set.ToString());

        var folder = Path.Combine(_cli.Home, "cal");
        Assert.That((await _cli.RunAsync("accounts", "set", "acme", "anna", "--plugin", "vdir", "--url", folder, "--mode", "one-way", "--enabled", "true")).ExitCode, Is.EqualTo(0));
        var from = TimeProvider.System.GetUtcNow().AddDays(2).ToString("yyyy-MM-ddTHH:00zzz", System.Globalization.CultureInfo.InvariantCulture);
        var to = TimeProvider.System.GetUtcNow().AddDays(2).AddHours(1).ToString("yyyy-MM-ddTHH:00zzz", System.Globalization.CultureInfo.InvariantCulture);
        var add = await _cli.RunAsync("todos", "add", "acme", "--kind", "appointment", "--responsible", "anna", "--subject", "Secret pitch",
            "--comment", "confidential notes", "--location", "Client HQ", "--from", from, "--to", to, "--project-number", "J-7");
        Assert.That(add.ExitCode, Is.EqualTo(0), add.ToString());
        var run = await _cli.RunAsync("sync", "run");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var text = File.ReadAllText(Directory.GetFiles(folder, "*.ics", SearchOption.AllDirectories).Single());
        var item = IcsReader.Read(text).Item;
        Assert.Multiple(() =>
        {
            Assert.That(item.Subject, Is.EqualTo("Busy (J-7)"));
            Assert.That(item.Location, Is.Null.Or.Empty);
            Assert.That(item.Description, Is.Null.Or.Empty);
            Assert.That(text, Does.Not.Contain("confidential").And.Not.Contain("Secret pitch"));
        });
    }
}
