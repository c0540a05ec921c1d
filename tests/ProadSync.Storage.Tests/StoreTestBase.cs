using Microsoft.Extensions.Time.Testing;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;
using ProadSync.Storage.Sqlite;

namespace ProadSync.Storage.Tests;

/// <summary>Opens a fresh in-memory store per test, with a fake clock.</summary>
public abstract class StoreTestBase
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Clock { get; private set; } = null!;

    protected ILeadingSystem Store { get; private set; } = null!;

    protected string ConnectionString { get; private set; } = null!;

    protected static CancellationToken Ct => CancellationToken.None;

    [SetUp]
    public async Task OpenStore()
    {
        Clock = new FakeTimeProvider(T0);
        ConnectionString = $"Data Source=store-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        Store = await SqliteLeadingStore.OpenAsync(new DatabaseInfo("test", "sqlite", ConnectionString, "Europe/Berlin"), Clock, null, Ct);
    }

    [TearDown]
    public async Task CloseStore() => await Store.DisposeAsync();

    protected static CalendarItem Appointment(string subject, DateTimeOffset start, TimeSpan length) => new()
    {
        Kind = TodoKind.Appointment,
        Subject = subject,
        Start = start,
        End = start + length,
        TimeZoneId = "Europe/Berlin",
    };

    protected static CalendarItem Task(string subject, DateTimeOffset? due) => new()
    {
        Kind = TodoKind.Task,
        Subject = subject,
        End = due,
    };

    protected async Task<LeadingUser> UserAsync(string login = "anna") => await Store.AddUserAsync(login, login.ToUpperInvariant(), true, Ct);

    protected async Task<SyncAccount> AccountAsync(LeadingUser user, string url = "https://127.0.0.1/dav/") =>
        await Store.SaveAccountAsync(new SyncAccount { UserId = user.Id, PluginId = "caldav", Url = url, UserName = user.Login, Mode = SyncMode.TwoWay }, Ct);

    protected static SyncLink Link(long accountId, LinkKind kind, long leadingId, string externalId, long revision = 1, bool active = true) => new()
    {
        AccountId = accountId,
        Kind = kind,
        LeadingId = leadingId,
        Identity = $"proad-{leadingId}",
        ExternalId = externalId,
        ExternalVersion = "\"etag-1\"",
        LeadingRevision = revision,
        Active = active,
    };
}
