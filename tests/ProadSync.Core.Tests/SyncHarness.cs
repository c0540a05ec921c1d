using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;
using ProadSync.Core.Mapping;
using ProadSync.Core.Sync;
using ProadSync.Core.Text;
using ProadSync.TestKit;

namespace ProadSync.Core.Tests;

/// <summary>One account wired to in-memory stores, with helpers to act on both sides.</summary>
internal sealed class SyncHarness
{
    public static readonly DateTimeOffset Start = new(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);

    private SyncHarness(FakeTimeProvider time, InMemoryLeadingSystem leading, InMemoryCalendarTarget calendar, SyncAccount account)
    {
        Time = time;
        Leading = leading;
        Calendar = calendar;
        Account = account;
        Engine = new SyncEngine(new SyncEngineOptions(), time, NullLogger<SyncEngine>.Instance);
    }

    public FakeTimeProvider Time { get; }

    public InMemoryLeadingSystem Leading { get; }

    public InMemoryCalendarTarget Calendar { get; }

    public InMemoryContactTarget Contacts { get; } = new();

    public SyncAccount Account { get; private set; }

    public SyncEngine Engine { get; }

    public long UserId => Account.UserId;

    public DateTimeOffset Now => Time.GetUtcNow();

    public static async Task<SyncHarness> CreateAsync(SyncMode mode, bool exportContacts = false, TargetCapabilities? capabilities = null, DateOnly? cutoff = null)
    {
        var time = new FakeTimeProvider(Start);
        var leading = new InMemoryLeadingSystem(time, "Demo", "Europe/Berlin");
        var user = await leading.AddUserAsync("anna", "Anna Example", true, CancellationToken.None);
        await leading.AddUserAsync("bert", "Bert Other", true, CancellationToken.None);
        var account = await leading.SaveAccountAsync(
            new SyncAccount { UserId = user.Id, PluginId = "memory", Enabled = true, Mode = mode, ExportContacts = exportContacts, Cutoff = cutoff },
            CancellationToken.None);
        return new SyncHarness(time, leading, new InMemoryCalendarTarget(capabilities), account);
    }

    public async Task SetModeAsync(SyncMode mode) =>
        Account = await Leading.SaveAccountAsync(Account with { Mode = mode }, CancellationToken.None);

    public async Task UpdateAccountAsync(Func<SyncAccount, SyncAccount> change) =>
        Account = await Leading.SaveAccountAsync(change(Account), CancellationToken.None);

    /// <summary>The mapper of the runs (the default mapper unless a test sets another).</summary>
    public IFieldMapper Mapper { get; set; } = new DefaultFieldMapper();

    /// <summary>The mapper options of the runs.</summary>
    public IReadOnlyDictionary<string, string>? MapperOptions { get; set; }

    /// <summary>The description converter of the runs (the engine's own when null).</summary>
    public IDescriptionConverter? DescriptionConverter { get; set; }

    public Task<RunReport> RunAsync(RunOptions? options = null, CancellationToken cancellationToken = default) =>
        Engine.RunAsync(
            new SyncRunRequest(Leading, Account, Calendar, Mapper)
            {
                Contacts = Contacts,
                MapperOptions = MapperOptions,
                DescriptionConverter = DescriptionConverter,
                Options = options ?? new RunOptions(),
            },
            cancellationToken);

    /// <summary>Runs, then runs again and checks the second run changed nothing on either side.</summary>
    public async Task<RunReport> RunTwiceAsync(RunOptions? options = null)
    {
        var first = await RunAsync(options);
        Assert.That(first.FatalError, Is.EqualTo(FatalErrorKind.None), first.ToSummary());
        var before = Snapshot();
        var second = await RunAsync(options);
        Assert.Multiple(() =>
        {
            Assert.That(second.Changes, Is.Zero, "the second run must change nothing:\n" + second.ToSummary() + second.ToJson());
            Assert.That(second.Failed, Is.Empty, second.ToSummary());
            Assert.That(Snapshot(), Is.EqualTo(before), "the second run changed the stores");
        });
        return first;
    }

    public string Snapshot()
    {
        var items = Calendar.AllItems().Select(i => $"{i.Id}|{i.Version}|{i.Identity}|{i.Content}");
        var todos = Leading.AllTodos().Select(t => $"{t.Id}|{t.Revision}|{t.ExternallyDeleted}|{t.SyncActive}|{t.Content}");
        var links = Leading.AllLinks().Select(l => l with { UpdatedAt = default }).Select(l => l.ToString());
        var contacts = Contacts.Items().Select(c => c.ToString());
        return string.Join("\n", items.Concat(todos).Concat(links).Concat(contacts).Concat(Leading.AllJournal().Select(j => j.ToString())));
    }

    public static CalendarItem Appointment(string subject, DateTimeOffset start, double hours = 1) => new()
    {
        Kind = TodoKind.Appointment,
        Subject = subject,
        Start = start,
        End = start.AddHours(hours),
        TimeZoneId = "Europe/Berlin",
    };

    public static CalendarItem TaskItem(string subject, DateTimeOffset? due, DateTimeOffset? start = null) => new()
    {
        Kind = TodoKind.Task,
        Subject = subject,
        Start = start,
        End = due,
        Status = TodoStatus.Started,
    };

    public async Task<Todo> AddAsync(CalendarItem content, long? userId = null) =>
        await Leading.AddTodoAsync(new TodoDraft(userId ?? UserId, content), CancellationToken.None);

    public Task<Todo> AddAppointmentAsync(string subject, double daysFromNow = 2, double hours = 1) =>
        AddAsync(Appointment(subject, Now.AddDays(daysFromNow), hours));

    public async Task<Todo> EditAsync(long id, Func<CalendarItem, CalendarItem> edit)
    {
        var todo = (await Leading.GetTodoAsync(id, CancellationToken.None))!;
        return await Leading.UpdateTodoAsync(id, new TodoDraft(todo.ResponsibleUserId, edit(todo.Content)), CancellationToken.None);
    }

    public async Task<Todo?> GetAsync(long id) => await Leading.GetTodoAsync(id, CancellationToken.None);

    /// <summary>The external items the engine wrote for a to-do (by its tag).</summary>
    public IReadOnlyList<StoredCalendarItem> ExternalOf(long todoId) => Calendar.FindByTag(SyncIdentity.TodoSourceTag("Demo", todoId));

    public StoredCalendarItem SingleExternalOf(long todoId)
    {
        var items = ExternalOf(todoId);
        Assert.That(items, Has.Count.EqualTo(1), $"exactly one external item for to-do {todoId}");
        return items[0];
    }

    public SyncLink? LinkOf(long todoId, LinkKind kind = LinkKind.Appointment) =>
        Leading.AllLinks().SingleOrDefault(l => l.Kind == kind && l.LeadingId == todoId);
}
