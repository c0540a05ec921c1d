using System.Security.Cryptography;
using System.Text;
using ProadSync.Core.Leading;

namespace ProadSync.Reliability.Tests.Hostile;

/// <summary>
/// Hostile and malformed files in a vdir folder (another program's garbage): each gives a clear per-item error or is
/// read safely; nothing crashes, no file is changed or deleted, nothing is imported twice, the good items still sync.
/// </summary>
[TestFixture]
public sealed class HostileFileTests
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>The corpus: file name and bytes.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> Corpus()
    {
        static byte[] U(string text) => Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal));
        const string head = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//hostile//EN\n";
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(5).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        yield return ("garbage.ics", RandomNumberGenerator.GetBytes(4096));
        yield return ("empty.ics", []);
        yield return ("unterminated.ics", U(head + $"BEGIN:VEVENT\nUID:unterminated\nDTSTART:{day}T090000Z\nSUMMARY:Unterminated\n"));
        yield return ("no-uid.ics", U(head + $"BEGIN:VEVENT\nDTSTART:{day}T090000Z\nDTEND:{day}T100000Z\nSUMMARY:No UID\nEND:VEVENT\nEND:VCALENDAR\n"));
        yield return ("bad-date.ics", U(head + "BEGIN:VEVENT\nUID:bad-date\nDTSTART:20261345T256199Z\nDTEND:2026-02-30\nSUMMARY:Bad date\nEND:VEVENT\nEND:VCALENDAR\n"));
        yield return ("bad-zone.ics", U(head + $"BEGIN:VEVENT\nUID:bad-zone\nDTSTART;TZID=Mars/Olympus_Mons:{day}T090000\nDTEND;TZID=Mars/Olympus_Mons:{day}T100000\nSUMMARY:Bad zone\nEND:VEVENT\nEND:VCALENDAR\n"));
        yield return ("latin1.ics", Latin1.GetBytes((head + $"BEGIN:VEVENT\nUID:latin1\nDTSTART:{day}T110000Z\nDTEND:{day}T120000Z\nSUMMARY:Müller Straße\nEND:VEVENT\nEND:VCALENDAR\n").Replace("\n", "\r\n", StringComparison.Ordinal)));
        yield return ("bom.ics", [0xEF, 0xBB, 0xBF, .. U(head + $"BEGIN:VEVENT\nUID:bom\nDTSTART:{day}T130000Z\nDTEND:{day}T140000Z\nSUMMARY:With BOM\nEND:VEVENT\nEND:VCALENDAR\n")]);
        yield return ("dup-uid-a.ics", U(head + $"BEGIN:VEVENT\nUID:same-uid\nDTSTART:{day}T150000Z\nDTEND:{day}T160000Z\nSUMMARY:Duplicate A\nEND:VEVENT\nEND:VCALENDAR\n"));
        yield return ("dup-uid-b.ics", U(head + $"BEGIN:VEVENT\nUID:same-uid\nDTSTART:{day}T160000Z\nDTEND:{day}T170000Z\nSUMMARY:Duplicate B\nEND:VEVENT\nEND:VCALENDAR\n"));
        yield return ("nested.ics", U(head + string.Concat(Enumerable.Repeat("BEGIN:VEVENT\n", 5000)) + "END:VCALENDAR\n"));
        yield return ("huge.ics", U(head + $"BEGIN:VEVENT\nUID:huge\nDTSTART:{day}T090000Z\nSUMMARY:Huge\nDESCRIPTION:" + new string('x', 6 * 1024 * 1024) + "\nEND:VEVENT\nEND:VCALENDAR\n"));
        yield return ("todo-in-calendar.ics", U(head + $"BEGIN:VTODO\nUID:todo-in-calendar\nDUE:{day}T090000Z\nSUMMARY:Task in the calendar folder\nEND:VTODO\nEND:VCALENDAR\n"));
        yield return ("split-utf8.ics", [.. U(head + $"BEGIN:VEVENT\nUID:split-utf8\nDTSTART:{day}T180000Z\nDTEND:{day}T190000Z\nSUMMARY:Gr"), 0xC3, 0x0D, 0x0A, 0x20, 0xBC, .. U("n\nEND:VEVENT\nEND:VCALENDAR\n")]);
        yield return ("good.ics", U(head + $"BEGIN:VEVENT\nUID:good\nDTSTART:{day}T080000Z\nDTEND:{day}T083000Z\nSUMMARY:Good one\nEND:VEVENT\nEND:VCALENDAR\n"));
    }

    [Test, Category("R-MODE-FULL-1")]
    [CancelAfter(120_000)]
    public async Task A_folder_full_of_bad_files_gives_per_item_errors_and_loses_nothing(CancellationToken cancellationToken)
    {
        await using var h = await HostileHarness.CreateAsync("vdir", "{work}/vdir", SyncMode.Full);
        var mine = await h.AddAsync("Leading item");
        var calendar = Path.Combine(h.Work, "vdir", "calendar");
        Directory.CreateDirectory(calendar);
        var corpus = Corpus().ToList();
        foreach (var (name, bytes) in corpus)
        {
            await File.WriteAllBytesAsync(Path.Combine(calendar, name), bytes, cancellationToken);
        }

        var hashes = corpus.ToDictionary(c => c.Name, c => Convert.ToHexString(SHA256.HashData(c.Bytes)));

        var first = await h.RunAsync(cancellationToken);
        var second = await h.RunAsync(cancellationToken);
        TestContext.Out.WriteLine(first.Report?.ToSummary());

        var todos = await h.Store.ListTodosAsync(new TodoQuery { IncludeExternallyDeleted = true }, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(first.Outcome, Is.AnyOf("succeeded", "partial"), first.Message);
            Assert.That(first.Report!.Failed.Select(f => f.Message), Has.All.Not.Empty);
            Assert.That(first.Report.Failed.Select(f => f.Message), Has.Some.Contains("garbage.ics"), "the error names the file");
            Assert.That(first.Report.Failed.Select(f => f.Message), Has.Some.Contains("huge.ics"));
            Assert.That(first.Report.Failed.Select(f => f.Message), Has.Some.Contains("todo-in-calendar.ics"));
            Assert.That(second.Outcome, Is.AnyOf("succeeded", "partial"), second.Message);
            Assert.That(second.Report!.ImportedIn, Is.Zero, "nothing is imported twice");
            Assert.That(todos.Count(t => t.Content.Subject == "Good one"), Is.EqualTo(1), "the good item is imported once (R-MODE-FULL-1)");
            Assert.That(todos.Count(t => t.Content.Subject == "Müller Straße"), Is.EqualTo(1), "the Latin-1 file arrives intact, read as Windows-1252");
            Assert.That(todos.Count(t => t.Content.Subject == "Grün"), Is.EqualTo(1), "a UTF-8 character split by folding is restored (RFC 5545 3.1)");
            Assert.That(todos.Select(t => t.Content.Subject), Has.None.Contains("\uFFFD"), "no replacement characters");
            Assert.That(first.Report.Warnings.Where(w => w.Contains("UTF-8", StringComparison.Ordinal)),
                Is.EqualTo(new[] { "The file 'latin1.ics' is not valid UTF-8 as iCalendar requires; it was read as Windows-1252." }),
                "one warning, for the Latin-1 file only (none for good.ics, bom.ics or split-utf8.ics)");
            Assert.That(todos.Single(t => t.Id == mine.Id).Content.Subject, Is.EqualTo("Leading item"));
            Assert.That(todos.GroupBy(t => t.Content.Subject).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "no duplicate import");
            Assert.That(todos.Select(t => t.Content.Description ?? ""), Has.All.Length.LessThan(2 * 1024 * 1024), "the huge description was not taken");
            foreach (var (name, hash) in hashes)
            {
                var path = Path.Combine(calendar, name);
                Assert.That(File.Exists(path), Is.True, $"{name} still exists");
                if (File.Exists(path))
                {
                    Assert.That(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))), Is.EqualTo(hash), $"{name} was not changed");
                }
            }

            Assert.That(Directory.GetFiles(Path.Combine(h.Work, "vdir"), "*.ics", SearchOption.AllDirectories), Has.Length.EqualTo(corpus.Count + 1), "only the leading item was added");
        });
    }

    [Test, Category("R-MODE-2WAY-1")]
    [CancelAfter(120_000)]
    public async Task A_linked_file_turned_into_garbage_fails_that_item_only_and_keeps_the_leading_data(CancellationToken cancellationToken)
    {
        await using var h = await HostileHarness.CreateAsync("vdir", "{work}/vdir", SyncMode.TwoWay);
        var a = await h.AddAsync("A", 2);
        var b = await h.AddAsync("B", 3);
        var c = await h.AddAsync("C", 4);
        Assert.That((await h.RunAsync(cancellationToken)).Outcome, Is.EqualTo("succeeded"));
        var files = Directory.GetFiles(Path.Combine(h.Work, "vdir", "calendar"), "*.ics").Order(StringComparer.Ordinal).ToList();
        var bFile = files.Single(f => File.ReadAllText(f).Contains("SUMMARY:B", StringComparison.Ordinal));
        await File.WriteAllBytesAsync(bFile, RandomNumberGenerator.GetBytes(2048), cancellationToken);
        var cFile = files.Single(f => File.ReadAllText(f).Contains("SUMMARY:C", StringComparison.Ordinal));
        await File.WriteAllTextAsync(cFile, File.ReadAllText(cFile).Replace("SUMMARY:C", "SUMMARY:C edited", StringComparison.Ordinal), cancellationToken);
        var before = (await h.Store.GetTodoAsync(b.Id, cancellationToken))!;

        var run = await h.RunAsync(cancellationToken);

        var after = (await h.Store.GetTodoAsync(b.Id, cancellationToken))!;
        Assert.Multiple(async () =>
        {
            Assert.That(run.Outcome, Is.EqualTo("partial"), run.Report?.ToSummary());
            Assert.That(run.Report!.Failed, Has.Count.EqualTo(1));
            Assert.That(run.Report.Failed[0].LeadingId, Is.EqualTo(b.Id));
            Assert.That(run.Report.Failed[0].Message, Does.Contain(Path.GetFileName(bFile)));
            Assert.That(after.Revision, Is.EqualTo(before.Revision), "the leading item was not touched");
            Assert.That(after.ExternallyDeleted, Is.False, "an unreadable file is not a deleted one");
            Assert.That((await h.Store.GetTodoAsync(c.Id, cancellationToken))!.Content.Subject, Is.EqualTo("C edited"), "the other items still sync");
            Assert.That((await h.Store.GetTodoAsync(a.Id, cancellationToken))!.Content.Subject, Is.EqualTo("A"));
        });
    }
}
