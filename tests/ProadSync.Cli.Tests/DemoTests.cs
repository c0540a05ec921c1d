using System.Diagnostics;
using ProadSync.Formats;

namespace ProadSync.Cli.Tests;

/// <summary>The demo runs on the embedded defaults, and its files are read back by independent parsers.</summary>
[TestFixture]
public sealed class DemoTests
{
    [Test, Category("R-COND-2"), Category("R-COND-5"), Category("R-APT-4")]
    public async Task Demo_runs_twice_and_its_files_are_read_back_by_python_icalendar_and_ical_net()
    {
        using var cli = new CliHarness();
        var dir = Path.Combine(cli.Home, "demo");
        var result = await cli.RunAsync("--json", "demo", "--dir", dir);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var json = result.Json;
        Assert.That(json.GetProperty("secondRunChanges").GetInt32(), Is.EqualTo(0), "the second run must change nothing");
        var folder = json.GetProperty("calendarFolder").GetString()!;
        var files = Directory.GetFiles(folder, "*.ics", SearchOption.AllDirectories);

        // 5 appointments and 2 of the 3 tasks: the task without a due date is not synchronised (R-COND-5).
        Assert.That(files, Has.Length.EqualTo(7));

        var items = files.Select(f => IcsReader.Read(File.ReadAllText(f)).Item).ToList();
        string TextOf(string subject) => files.Select(File.ReadAllText).Single(t => IcsReader.Read(t).Item.Subject == subject);
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i.Subject), Does.Contain("."), "empty subject written as '.' (R-COND-2)");
            Assert.That(TextOf("Review print proofs"), Does.Not.Contain("BEGIN:VALARM"), "a reminder in the past is not sent (R-APT-4)");
            Assert.That(TextOf("Kick-off relaunch Müller GmbH"), Does.Contain("BEGIN:VALARM"), "a reminder after the run and before the start is sent (R-APT-4)");
            Assert.That(items.Single(i => i.Subject == "Wait for photo approval").Status, Is.EqualTo(Abstractions.Models.TodoStatus.Waiting));
            Assert.That(items.Single(i => i.Subject == "Trade fair dmexco").IsAllDay, Is.True);
        });

        var script = """
            import sys, json, icalendar
            out = []
            for path in sys.argv[1:]:
                cal = icalendar.Calendar.from_ical(open(path, 'rb').read())
                for comp in cal.walk():
                    if comp.name in ('VEVENT', 'VTODO'):
                        out.append({'kind': comp.name, 'uid': str(comp.get('uid')), 'summary': str(comp.get('summary')),
                                    'attendee': comp.get('attendee') is not None, 'proadId': str(comp.get('x-proad-id'))})
            print(json.dumps(out))
            """;
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var f in files)
        {
            start.ArgumentList.Add(f);
        }

        using var python = Process.Start(start)!;
        var stdout = await python.StandardOutput.ReadToEndAsync();
        var stderr = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.That(python.ExitCode, Is.EqualTo(0), "python3-icalendar must read every file (install python3-icalendar): " + stderr);
        var parsed = System.Text.Json.JsonDocument.Parse(stdout).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(parsed.GetArrayLength(), Is.EqualTo(7));
            Assert.That(parsed.EnumerateArray().Count(p => p.GetProperty("kind").GetString() == "VTODO"), Is.EqualTo(2));
            Assert.That(parsed.EnumerateArray().Any(p => p.GetProperty("attendee").GetBoolean()), Is.False, "never ATTENDEE (R-COND-4)");
            Assert.That(parsed.EnumerateArray().Select(p => p.GetProperty("summary").GetString()), Does.Contain("Send offer to Müller GmbH"));
            Assert.That(parsed.EnumerateArray().All(p => p.GetProperty("proadId").GetString()!.StartsWith("demo:", StringComparison.Ordinal)), Is.True);
        });
    }
}
