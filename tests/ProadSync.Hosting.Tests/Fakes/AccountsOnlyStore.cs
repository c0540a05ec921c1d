using System.Reflection;
using ProadSync.Core.Leading;

namespace ProadSync.Hosting.Tests.Fakes;

/// <summary>
/// A leading store that answers only what the scheduler reads (the database, its accounts, dispose); every other
/// member throws, so a test notices when the scheduler starts to depend on more.
/// </summary>
public class AccountsOnlyStore : DispatchProxy
{
    private DatabaseInfo _database = null!;
    private Func<List<SyncAccount>> _accounts = null!;

    public static ILeadingSystem Create(DatabaseInfo database, Func<List<SyncAccount>> accounts)
    {
        var proxy = Create<ILeadingSystem, AccountsOnlyStore>();
        var self = (AccountsOnlyStore)(object)proxy;
        self._database = database;
        self._accounts = accounts;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        "get_Database" => _database,
        nameof(ILeadingSystem.ListAccountsAsync) => Task.FromResult<IReadOnlyList<SyncAccount>>([.. _accounts()]),
        nameof(IAsyncDisposable.DisposeAsync) => ValueTask.CompletedTask,
        _ => throw new NotSupportedException($"The scheduler's fake store does not support {targetMethod?.Name}."),
    };
}
