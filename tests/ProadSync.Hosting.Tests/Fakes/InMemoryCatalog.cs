using System.Collections.Concurrent;
using ProadSync.Core.Leading;

namespace ProadSync.Hosting.Tests.Fakes;

/// <summary>An in-memory catalog: databases, settings, and per database a list of accounts behind a minimal store.</summary>
public sealed class InMemoryCatalog : ILeadingCatalog
{
    private readonly ConcurrentDictionary<string, DatabaseInfo> _databases = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _settings = new(StringComparer.Ordinal);

    /// <summary>Accounts per database (lower-case name).</summary>
    public ConcurrentDictionary<string, List<SyncAccount>> Accounts { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int SettingWrites { get; private set; }

    public InMemoryCatalog WithDatabase(string name, string timeZone = "Europe/Berlin")
    {
        _databases[name] = new DatabaseInfo(name, "sqlite", $"Data Source={name}.db", timeZone);
        Accounts.TryAdd(name, []);
        return this;
    }

    public Task<DatabaseInfo> AddDatabaseAsync(string name, string? connectionString, string? timeZoneId, CancellationToken cancellationToken)
    {
        WithDatabase(name, timeZoneId ?? "UTC");
        return Task.FromResult(_databases[name]);
    }

    public Task<IReadOnlyList<DatabaseInfo>> ListDatabasesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DatabaseInfo>>([.. _databases.Values.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)]);

    public Task<DatabaseInfo?> FindDatabaseAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_databases.GetValueOrDefault(name));

    public Task<ILeadingSystem> OpenAsync(string name, CancellationToken cancellationToken)
    {
        var db = _databases.GetValueOrDefault(name) ?? throw new LeadingValidationException($"No database '{name}'.");
        return Task.FromResult(AccountsOnlyStore.Create(db, () => Accounts[name]));
    }

    public Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_settings.GetValueOrDefault(key));

    public Task SetSettingAsync(string key, string? value, CancellationToken cancellationToken)
    {
        SettingWrites++;
        if (value is null)
        {
            _settings.TryRemove(key, out _);
        }
        else
        {
            _settings[key] = value;
        }

        return Task.CompletedTask;
    }
}
