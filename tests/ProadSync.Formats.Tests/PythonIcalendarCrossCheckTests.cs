using System.Diagnostics;
using System.Text.Json;
using ProadSync.Abstractions.Models;

namespace ProadSync.Formats.Tests;

/// <summary>
/// An independent parser check: the Python <c>icalendar</c> module (Debian package python3-icalendar) reads the files
/// IcsWriter writes, and the fields it sees must be the ones we meant. Never skipped: without the module it fails.
/// </summary>
[Category("Interop")]
public sealed class PythonIcalendarCrossCheckTests
{
    private const string InstallHint = "The independent parser check needs Python 3 with the 'icalendar' module: install it with 'apt-get install -y python3-icalendar' (Debian).";

    private string _folder = string.Empty;

    [SetUp]
    public void MakeFolder()
    {
        _folder = Directory.CreateTempSubdirectory("proadsync-ics-crosscheck-").FullName;
    }

    [TearDown]
    public void RemoveFolder()
    {
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    [Category("R-APT-1")]
    [Category("R-APT-2")]
    [Category("R-APT-3")]
    [Category("R-APT-4")]
    [Category("R-COND-4")]
    public void Appointment_reads_the_same_in_python_icalendar()
    {
        var item = Ics.Appointment() with
        {
            Priority = Priority.High,
            ShowAs = ShowAs.Tentative,
            Description = "Agenda:\n1. Budget; costs, timing",
            Reminder = new DateTimeOffset(2026, 3, 10, 9, 15, 0, TimeSpan.FromHours(1)),
        };

        var seen = ReadWithPython(("appointment.ics", IcsWriter.Write("proadsync-db1-4711", item, Ics.Stamp)))[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Str(seen, "version"), Is.EqualTo("2.0"));
            Assert.That(Str(seen, "prodid"), Is.Not.Null.And.Not.Empty);
            Assert.That(seen.GetProperty("components").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "VEVENT" }));
            Assert.That(seen.GetProperty("timezones").EnumerateArray().Select(c => c.GetString()), Does.Contain("Europe/Berlin"));
            Assert.That(Str(seen, "uid"), Is.EqualTo("proadsync-db1-4711"));
            Assert.That(Str(seen, "summary"), Is.EqualTo("Kick-off"));
            Assert.That(Str(seen, "description"), Is.EqualTo("Agenda:\n1. Budget; costs, timing"));
            Assert.That(Str(seen, "location"), Is.EqualTo("Room 3"));
            Assert.That(seen.GetProperty("priority").GetInt32(), Is.EqualTo(1));
            Assert.That(Str(seen, "transp"), Is.EqualTo("OPAQUE"));
            Assert.That(Str(seen, "busystatus"), Is.EqualTo("TENTATIVE"));
            Assert.That(Str(seen, "proadid"), Is.EqualTo("db1:4711"));
            Assert.That(Str(seen.GetProperty("dtstart"), "utc"), Is.EqualTo("2026-03-10T08:30:00Z"));
            Assert.That(Str(seen.GetProperty("dtstart"), "tzid"), Is.EqualTo("Europe/Berlin"));
            Assert.That(Str(seen.GetProperty("dtend"), "utc"), Is.EqualTo("2026-03-10T09:45:00Z"));
            Assert.That(Str(seen.GetProperty("dtstamp"), "utc"), Is.EqualTo("2026-02-01T08:00:00Z"));
            var alarms = seen.GetProperty("alarms").EnumerateArray().ToList();
            Assert.That(alarms, Has.Count.EqualTo(1));
            Assert.That(Str(alarms[0], "action"), Is.EqualTo("DISPLAY"));
            Assert.That(Str(alarms[0], "trigger"), Is.EqualTo("2026-03-10T08:15:00Z"));
            Assert.That(seen.GetProperty("forbidden").GetArrayLength(), Is.Zero, "no ATTENDEE, ORGANIZER or ATTACH");
        }
    }

    [TestCase(TodoStatus.New, "NEEDS-ACTION", "NEW")]
    [TestCase(TodoStatus.Started, "IN-PROCESS", "STARTED")]
    [TestCase(TodoStatus.Waiting, "NEEDS-ACTION", "WAITING")]
    [TestCase(TodoStatus.Deferred, "NEEDS-ACTION", "DEFERRED")]
    [TestCase(TodoStatus.Done, "COMPLETED", "DONE")]
    [TestCase(TodoStatus.Cancelled, "CANCELLED", "CANCELLED")]
    [Category("R-TSK-1")]
    [Category("R-TSK-2")]
    [Category("D-6")]
    public void Task_reads_the_same_in_python_icalendar(TodoStatus status, string icsStatus, string exact)
    {
        var seen = ReadWithPython(("task.ics", IcsWriter.Write("t-1", Ics.Task() with { Status = status, Priority = Priority.Low }, Ics.Stamp)))[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Str(seen, "name"), Is.EqualTo("VTODO"));
            Assert.That(Str(seen, "status"), Is.EqualTo(icsStatus));
            Assert.That(Str(seen, "proadstatus"), Is.EqualTo(exact));
            Assert.That(seen.GetProperty("priority").GetInt32(), Is.EqualTo(9));
            Assert.That(Str(seen.GetProperty("dtstart"), "utc"), Is.EqualTo("2026-07-14T06:00:00Z"));
            Assert.That(Str(seen.GetProperty("due"), "utc"), Is.EqualTo("2026-07-16T15:00:00Z"));
            Assert.That(seen.GetProperty("dtend").ValueKind, Is.EqualTo(JsonValueKind.Null));
        }
    }

    [Test]
    [Category("R-APT-1")]
    [Category("R-COND-2")]
    public void All_day_utc_empty_subject_and_long_non_latin_text_read_the_same_in_python_icalendar()
    {
        var longSubject = string.Concat(Enumerable.Repeat("会議 – Встреча – Müller 🎉 ", 12)).Trim();
        var seen = ReadWithPython(
            ("all-day.ics", IcsWriter.Write("a", Ics.Appointment() with
            {
                IsAllDay = true,
                Start = new DateTimeOffset(2026, 5, 14, 0, 0, 0, TimeSpan.FromHours(2)),
                End = new DateTimeOffset(2026, 5, 16, 0, 0, 0, TimeSpan.FromHours(2)),
                ShowAs = ShowAs.Free,
            }, Ics.Stamp)),
            ("utc.ics", IcsWriter.Write("b", Ics.Appointment() with { TimeZoneId = null }, Ics.Stamp)),
            ("empty.ics", IcsWriter.Write("c", Ics.Task() with { Subject = string.Empty }, Ics.Stamp)),
            ("long.ics", IcsWriter.Write("d", Ics.Appointment() with { Subject = longSubject, Location = longSubject }, Ics.Stamp)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Str(seen[0].GetProperty("dtstart"), "kind"), Is.EqualTo("date"));
            Assert.That(Str(seen[0].GetProperty("dtstart"), "date"), Is.EqualTo("2026-05-14"));
            Assert.That(Str(seen[0].GetProperty("dtend"), "date"), Is.EqualTo("2026-05-16"), "DTEND is exclusive");
            Assert.That(Str(seen[0], "transp"), Is.EqualTo("TRANSPARENT"));
            Assert.That(Str(seen[0], "busystatus"), Is.EqualTo("FREE"));
            Assert.That(Str(seen[1].GetProperty("dtstart"), "utc"), Is.EqualTo("2026-03-10T08:30:00Z"));
            Assert.That(seen[1].GetProperty("dtstart").GetProperty("tzid").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(seen[1].GetProperty("timezones").GetArrayLength(), Is.Zero);
            Assert.That(Str(seen[2], "summary"), Is.EqualTo("."));
            Assert.That(Str(seen[3], "summary"), Is.EqualTo(longSubject), "folded UTF-8 lines unfold to the same text");
            Assert.That(Str(seen[3], "location"), Is.EqualTo(longSubject));
        }
    }

    private static string? Str(JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private List<JsonElement> ReadWithPython(params (string Name, string Text)[] files)
    {
        var paths = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(_folder, name);
            File.WriteAllText(path, text, new System.Text.UTF8Encoding(false));
            paths.Add(path);
        }

        // Debian's interpreter holds the Debian module; a python3 earlier on PATH (pyenv) may not.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Ics.PathOf("check_ics.py"));
        paths.ForEach(start.ArgumentList.Add);
        start.Environment["PYTHONIOENCODING"] = "utf-8";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"{InstallHint} ({ex.Message})");
            throw;
        }

        using (process)
        {
            var stdoutTask = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("python3 did not finish reading the files.");
            }

            var stdout = stdoutTask.GetAwaiter().GetResult();
            if (process.ExitCode == 3 || stderr.Contains("No module named", StringComparison.Ordinal))
            {
                Assert.Fail($"{InstallHint} {stderr.Trim()}");
            }

            Assert.That(process.ExitCode, Is.Zero, $"python icalendar could not read the files: {stderr}");
            using var document = JsonDocument.Parse(stdout);
            return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
        }
    }
}
