using System.Globalization;
using System.Text;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;
using ProadSync.Core.Sync;
using ProadSync.TestKit;

namespace ProadSync.Core.Tests;

/// <summary>
/// Random interleavings of edits on both sides, runs, injected failures and interrupted runs, for every mode. After
/// each settled run the invariants are checked: nothing lost, no duplicates, leading wins, the mode's semantics, and
/// a further run changes nothing. The seed and every operation are printed, so a failure can be replayed.
/// </summary>
[TestFixture]
[Category("Model")]
public sealed class ModelBasedTests
{
    private const int Steps = 70;

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (var mode in new[] { SyncMode.Export, SyncMode.OneWay, SyncMode.TwoWay, SyncMode.Full })
        {
            foreach (var seed in new[] { 1, 6, 7, 42, 1234, 99991, 31337, 2024 })
            {
                yield return new TestCaseData(mode, seed).SetName($"RandomInterleavings({mode}, seed {seed})");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    [Category("R-GEN-1")]
    [Category("R-MODE-1WAY-1")]
    [Category("R-MODE-2WAY-1")]
    [Category("R-MODE-2WAY-4")]
    [Category("R-MODE-FULL-1")]
    [Category("D-2")]
    public async Task RandomInterleavings_KeepTheInvariants(SyncMode mode, int seed)
    {
        var model = await Model.CreateAsync(mode, seed);
        try
        {
            for (var step = 0; step < Steps; step++)
            {
                await model.StepAsync();
            }

            await model.SettleAndCheckAsync();
        }
        finally
        {
            TestContext.Out.WriteLine(model.Log.ToString());
        }
    }

    private sealed class Model
    {
        private readonly SyncHarness _h;
        private readonly Random _random;
        private readonly SyncMode _mode;
        private readonly HashSet<long> _createdByTest = [];
        private readonly Dictionary<long, string?> _deletedByTest = [];
        private readonly HashSet<string> _deletedExternally = new(StringComparer.Ordinal);
        private int _counter;

        private Model(SyncHarness h, SyncMode mode, int seed)
        {
            _h = h;
            _mode = mode;
            _random = new Random(seed);
            Log.AppendLine(CultureInfo.InvariantCulture, $"mode {mode}, seed {seed}");
        }

        public StringBuilder Log { get; } = new();

        public static async Task<Model> CreateAsync(SyncMode mode, int seed)
        {
            // The seed also picks the target's shape: change cursor or full listings, and a server that doubles line breaks.
            var cursor = seed % 2 == 0;
            var harness = await SyncHarness.CreateAsync(mode, capabilities: new TargetCapabilities { SupportsChangeCursor = cursor });
            harness.Calendar.DoubleLineBreaks = seed % 3 == 0;
            var model = new Model(harness, mode, seed);
            model.Log.AppendLine(CultureInfo.InvariantCulture, $"cursor {cursor}, doubled line breaks {harness.Calendar.DoubleLineBreaks}");
            return model;
        }

        private void Note(string text) => Log.AppendLine(CultureInfo.InvariantCulture, $"  {_h.Now:yyyy-MM-dd HH:mm} {text}");

        private string NextSubject() => _random.Next(12) == 0 ? string.Empty : "s" + (++_counter).ToString(CultureInfo.InvariantCulture);

        public async Task StepAsync()
        {
            var roll = _random.Next(100);
            var todos = _h.Leading.AllTodos();
            var items = _h.Calendar.AllItems();
            switch (roll)
            {
                case < 14:
                {
                    var start = _h.Now.AddDays(_random.Next(-420, 800)).AddHours(_random.Next(24));
                    var todo = await _h.AddAsync(SyncHarness.Appointment(NextSubject(), start, 1 + _random.Next(3)) with { Description = _random.Next(2) == 0 ? null : "first line\nsecond line" });
                    _createdByTest.Add(todo.Id);
                    Note($"leading add appointment {todo.Id} at {start:yyyy-MM-dd}");
                    break;
                }

                case < 19:
                {
                    DateTimeOffset? due = _random.Next(5) == 0 ? null : _h.Now.AddDays(_random.Next(-420, 500));
                    var todo = await _h.AddAsync(SyncHarness.TaskItem(NextSubject(), due));
                    _createdByTest.Add(todo.Id);
                    Note($"leading add task {todo.Id} due {due:yyyy-MM-dd}");
                    break;
                }

                case < 32 when todos.Count > 0:
                {
                    var todo = todos[_random.Next(todos.Count)];
                    var subject = NextSubject();
                    var shift = _random.Next(4) == 0 ? TimeSpan.FromDays(_random.Next(-60, 60)) : TimeSpan.Zero;
                    await _h.EditAsync(todo.Id, c => c with { Subject = subject, Start = c.Start + shift, End = c.End + shift });
                    Note($"leading edit {todo.Id} -> '{subject}' shift {shift.TotalDays}d");
                    break;
                }

                case < 38 when todos.Count > 0:
                {
                    var todo = todos[_random.Next(todos.Count)];
                    var link = _h.LinkOf(todo.Id, todo.Kind == TodoKind.Task ? LinkKind.Task : LinkKind.Appointment);
                    _deletedByTest[todo.Id] = link is { Active: true, ExternalId.Length: > 0 } ? link.ExternalId : null;
                    await _h.Leading.DeleteTodoAsync(todo.Id, CancellationToken.None);
                    Note($"leading delete {todo.Id}");
                    break;
                }

                case < 50 when items.Count > 0:
                {
                    var item = items[_random.Next(items.Count)];
                    var subject = NextSubject();
                    _h.Calendar.EditExternally(item.Id, c => c with { Subject = subject });
                    Note($"external edit {item.Id} -> '{subject}'");
                    break;
                }

                case < 55 when items.Count > 0:
                {
                    var item = items[_random.Next(items.Count)];
                    _h.Calendar.DeleteExternally(item.Id);
                    _deletedExternally.Add(item.Id);
                    Note($"external delete {item.Id}");
                    break;
                }

                case < 61:
                {
                    var start = _h.Now.AddDays(_random.Next(-500, 500));
                    var content = _random.Next(4) == 0
                        ? SyncHarness.TaskItem(NextSubject(), _random.Next(5) == 0 ? null : start)
                        : SyncHarness.Appointment(NextSubject(), start);
                    var id = _h.Calendar.CreateExternally(content);
                    Note($"external create {id} {content.Kind} at {start:yyyy-MM-dd}");
                    break;
                }

                case < 64 when items.Count > 0:
                {
                    var item = items[_random.Next(items.Count)];
                    if (_random.Next(2) == 0)
                    {
                        _h.Calendar.MarkPrivateExternally(item.Id);
                        Note($"external mark private {item.Id}");
                    }
                    else
                    {
                        _h.Calendar.MarkRecurringExternally(item.Id);
                        Note($"external mark series {item.Id}");
                    }

                    break;
                }

                case < 67 when items.Count > 0:
                {
                    var item = items[_random.Next(items.Count)];
                    _h.Calendar.TouchExternally(item.Id);
                    Note($"external touch {item.Id}");
                    break;
                }

                case < 74:
                {
                    var by = _random.Next(4) == 0 ? TimeSpan.FromDays(_random.Next(20, 120)) : TimeSpan.FromHours(_random.Next(1, 30));
                    _h.Time.Advance(by);
                    Note($"time +{by.TotalHours}h");
                    break;
                }

                case < 80:
                    await FaultyRunAsync();
                    break;

                case < 86:
                    await InterruptedRunAsync();
                    break;

                default:
                    await RunAsync("run");
                    if (_random.Next(3) == 0)
                    {
                        await SettleAndCheckAsync();
                    }

                    break;
            }
        }

        private async Task<RunReport> RunAsync(string what)
        {
            var report = await _h.RunAsync(new RunOptions { AllowMassDelete = true });
            Note($"{what}: +{report.CreatedOut} ~{report.UpdatedOut} -{report.DeletedOut} in ~{report.UpdatedIn} +{report.ImportedIn} x{report.MarkedDeletedIn} links -{report.LinksDropped} off{report.LinksDeactivated} failed {report.Failed.Count} {report.FatalError}");
            return report;
        }

        private async Task FaultyRunAsync()
        {
            var operation = new[] { TargetOperation.Create, TargetOperation.Update, TargetOperation.Delete, TargetOperation.Get }[_random.Next(4)];
            var nth = 1 + _random.Next(3);
            var kind = _random.Next(4);
            Func<Exception> error = kind switch
            {
                0 => () => new ItemRejectedException("rejected by the model"),
                1 => () => new TransientTargetException("busy"),
                2 => () => new VersionConflictException("x"),
                _ => () => new IOException("lost response"),
            };
            _h.Calendar.Faults.FailNth(operation, nth, error, afterEffect: kind == 3);
            Note($"fault {operation} #{nth} kind {kind}");
            await RunAsync("faulty run");
            _h.Calendar.Faults.Clear();
        }

        private async Task InterruptedRunAsync()
        {
            var operation = new[] { TargetOperation.Create, TargetOperation.Update, TargetOperation.Delete }[_random.Next(3)];
            var nth = 1 + _random.Next(3);
            _h.Calendar.Faults.FailNth(operation, nth, () => new OperationCanceledException("process killed"), afterEffect: true);
            try
            {
                await RunAsync("interrupted run");
            }
            catch (OperationCanceledException)
            {
                Note($"  ... killed after {operation} #{nth}");
            }

            _h.Calendar.Faults.Clear();
        }

        public async Task SettleAndCheckAsync()
        {
            var report = await RunAsync("settle");
            Assert.That(report.FatalError, Is.EqualTo(FatalErrorKind.None), Log.ToString());
            if (report.Warnings.Count > 0)
            {
                Note("settle: listing ignored (" + report.Warnings[0] + ")");
                return;
            }

            Assert.That(report.Failed, Is.Empty, "a clean run has no failures\n" + report.ToSummary() + Log);
            CheckInvariants();
            var before = _h.Snapshot();
            var again = await RunAsync("idempotence");
            Assert.Multiple(() =>
            {
                Assert.That(again.Changes, Is.Zero, "a second run changes nothing\n" + again.ToJson() + Log);
                Assert.That(_h.Snapshot(), Is.EqualTo(before), "a second run changes nothing\n" + Log);
            });
        }

        private void CheckInvariants()
        {
            var now = _h.Now;
            var cutoff = now.AddMonths(-12);
            var window = new DateRange(cutoff, now.AddMonths(12));
            var todos = _h.Leading.AllTodos();
            var links = _h.Leading.AllLinks();
            var items = _h.Calendar.AllItems();
            var itemsById = items.ToDictionary(i => i.Id);
            var context = Log.ToString();

            Assert.Multiple(() =>
            {
                // No duplicates: identities are unique, and a to-do has at most one ordinary external item.
                Assert.That(items.Select(i => i.Identity).Distinct().Count(), Is.EqualTo(items.Count), "duplicate identity\n" + context);
                foreach (var todo in todos)
                {
                    var ordinary = _h.ExternalOf(todo.Id).Count(i => !i.Content.IsPrivate && !i.Content.IsRecurring);
                    Assert.That(ordinary, Is.LessThanOrEqualTo(1), $"to-do {todo.Id} has {ordinary} external items\n{context}");
                }

                // Leading items are never deleted by a run; imports only in full sync.
                var expectedIds = _createdByTest.Where(id => !_deletedByTest.ContainsKey(id)).ToHashSet();
                var actual = todos.Select(t => t.Id).ToHashSet();
                Assert.That(actual.IsSupersetOf(expectedIds), Is.True, "a leading to-do vanished\n" + context);
                var extra = actual.Except(expectedIds).ToList();
                if (_mode != SyncMode.Full)
                {
                    Assert.That(extra, Is.Empty, "imports outside full sync\n" + context);
                }

                foreach (var id in extra)
                {
                    Assert.That(links.Any(l => l.LeadingId == id && l.Identity.StartsWith("external:", StringComparison.Ordinal)), Is.True, $"to-do {id} appeared without an import link\n{context}");
                }

                var linkedExternal = links.Where(l => l.ExternalId.Length > 0).Select(l => l.ExternalId).ToList();
                Assert.That(linkedExternal.Distinct(StringComparer.Ordinal).Count(), Is.EqualTo(linkedExternal.Count), "an external item is linked twice (duplicate import)\n" + context);

                // R-NOTE-2: a round trip never makes a description grow.
                foreach (var todo in todos.Where(t => t.Content.Description is not null))
                {
                    Assert.That(todo.Content.Description, Is.EqualTo("first line\nsecond line"), $"description of {todo.Id} changed\n{context}");
                }

                foreach (var todo in todos)
                {
                    var linkKind = todo.Kind == TodoKind.Task ? LinkKind.Task : LinkKind.Appointment;
                    var link = links.SingleOrDefault(l => l.Kind == linkKind && l.LeadingId == todo.Id);
                    var candidate = !todo.ExternallyDeleted && todo.Content.End is { } end && end >= cutoff && todo.ResponsibleUserId == _h.UserId;

                    // Nothing lost: every candidate has a link.
                    if (candidate)
                    {
                        Assert.That(link, Is.Not.Null, $"candidate {todo.Id} has no link\n{context}");
                    }

                    // "Externally deleted" only in 2-way/full, only after a real external delete.
                    if (todo.ExternallyDeleted)
                    {
                        Assert.That(_mode, Is.AnyOf(SyncMode.TwoWay, SyncMode.Full), context);
                        Assert.That(link!.Active, Is.False, context);
                        Assert.That(_deletedExternally, Does.Contain(link.ExternalId), $"to-do {todo.Id} marked without an external delete\n{context}");
                    }

                    if (link is not { Active: true, ExternalId.Length: > 0 })
                    {
                        continue;
                    }

                    // An active link points to an existing item.
                    Assert.That(itemsById.ContainsKey(link.ExternalId), Is.True, $"link of {todo.Id} points to a missing item\n{context}");
                    if (!candidate || !itemsById.TryGetValue(link.ExternalId, out var item) || _mode == SyncMode.Export)
                    {
                        continue;
                    }

                    // Leading changes went out (or came in and were recorded).
                    Assert.That(link.LeadingRevision, Is.EqualTo(todo.Revision), $"to-do {todo.Id} revision not synchronised\n{context}");

                    // 2-way/full: both sides agree inside the window; 1-way: after a leading change the leading wins.
                    var touches = window.Touches(todo.Content.Start, todo.Content.End) || window.Touches(item.Content.Start, item.Content.End);
                    if (_mode is SyncMode.TwoWay or SyncMode.Full && touches && !item.Content.IsPrivate && !item.Content.IsRecurring)
                    {
                        Assert.That(Norm(item.Content.Subject), Is.EqualTo(Norm(todo.Content.Subject)), $"to-do {todo.Id} and {item.Id} disagree\n{context}");
                    }
                }

                // Leading deletes went out (except export, D-3), unless the user flagged the item private/series.
                foreach (var (todoId, externalId) in _deletedByTest)
                {
                    Assert.That(links.Any(l => l.LeadingId == todoId && l.Kind != LinkKind.Contact && l.Active && _mode != SyncMode.Export), Is.False, $"link of deleted {todoId} remains\n{context}");
                    if (externalId is not null && _mode != SyncMode.Export && itemsById.TryGetValue(externalId, out var left))
                    {
                        Assert.That(left.Content.IsPrivate || left.Content.IsRecurring, Is.True, $"external item of deleted {todoId} remains\n{context}");
                    }
                }

                // Full sync imports every ordinary external item inside the window; other modes import none.
                var linkedIds = links.Select(l => l.ExternalId).ToHashSet(StringComparer.Ordinal);
                foreach (var item in items.Where(i => i.Content.SourceTag is null && !i.Content.IsPrivate && !i.Content.IsRecurring))
                {
                    var inWindow = item.Kind == TodoKind.Task
                        ? item.Content.End is { } due && due >= window.Start && due < window.End
                        : window.Touches(item.Content.Start, item.Content.End);
                    if (_mode == SyncMode.Full && inWindow)
                    {
                        Assert.That(linkedIds, Does.Contain(item.Id), $"external {item.Id} not imported\n{context}");
                    }
                    else if (_mode != SyncMode.Full)
                    {
                        Assert.That(linkedIds, Does.Not.Contain(item.Id), $"external {item.Id} imported outside full sync\n{context}");
                    }
                }
            });
        }

        private static string Norm(string? subject) => string.IsNullOrWhiteSpace(subject) ? "." : subject.Trim();
    }
}
