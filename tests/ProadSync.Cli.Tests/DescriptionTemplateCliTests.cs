using ProadSync.Formats;

namespace ProadSync.Cli.Tests;

/// <summary>An admin's outgoing template in the home folder shapes what a real run writes, per database.</summary>
[TestFixture]
public sealed class DescriptionTemplateCliTests
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
        await Ok("accounts", "set", "acme", "anna", "--plugin", "vdir", "--url", _folder, "--mode", "two-way", "--enabled", "true");
    }

    [TearDown]
    public void TearDown() => _cli.Dispose();

    private async Task<CliResult> Ok(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        return result;
    }

    private async Task AddAsync()
    {
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(3);
        var c = System.Globalization.CultureInfo.InvariantCulture;
        await Ok("todos", "add", "acme", "--kind", "appointment", "--responsible", "anna", "--subject", "Kick-off",
            "--from", day.AddHours(9).ToString("yyyy-MM-ddTHH:mm", c), "--to", day.AddHours(10).ToString("yyyy-MM-ddTHH:mm", c),
            "--comment", "Bring the offer.", "--project-number", "J-2026-041");
    }

    private string Description() =>
        IcsReader.Read(File.ReadAllText(Directory.GetFiles(_folder, "*.ics", SearchOption.AllDirectories).Single())).Item.Description ?? string.Empty;

    [Test]
    [Category("R-NOTE-2")]
    public async Task An_outgoing_template_in_the_home_folder_is_used_and_its_frame_never_flows_back()
    {
        var templates = Path.Combine(_cli.Home, "templates", "acme");
        Directory.CreateDirectory(templates);
        await File.WriteAllTextAsync(Path.Combine(templates, "outgoing.scriban"), "{{ description }}\n\n(Job {{ project.number }})");
        await AddAsync();

        var first = (await Ok("--json", "sync", "run", "--db", "acme")).Json[0];
        var second = (await Ok("--json", "sync", "run", "--db", "acme")).Json[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.GetProperty("createdOut").GetInt32(), Is.EqualTo(1));
            Assert.That(Description().Replace("\r\n", "\n", StringComparison.Ordinal), Is.EqualTo("Bring the offer.\n\n(Job J-2026-041)"));
            Assert.That(second.GetProperty("updatedIn").GetInt32(), Is.Zero, "the template's frame is not taken for an external edit");
            Assert.That(second.GetProperty("updatedOut").GetInt32(), Is.Zero);
        }
    }

    [Test]
    public async Task A_broken_template_falls_back_to_the_built_in_one()
    {
        var templates = Path.Combine(_cli.Home, "templates", "acme");
        Directory.CreateDirectory(templates);
        await File.WriteAllTextAsync(Path.Combine(templates, "outgoing.scriban"), "{{ description ");
        await AddAsync();

        await Ok("--json", "sync", "run", "--db", "acme");

        Assert.That(Description(), Is.EqualTo("Bring the offer."));
    }
}
