using ProadSync.Abstractions.Targets;
using ProadSync.Core.Leading;

namespace ProadSync.Hosting.Accounts;

/// <summary>Keeps a plugin's per-account state in the leading store, under a prefix of its own.</summary>
internal sealed class AccountStateStore(ILeadingSystem store, long accountId, string pluginId) : ITargetStateStore
{
    private string Key(string key) => $"plugin:{pluginId}:{key}";

    public async ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        await store.GetStateAsync(accountId, Key(key), cancellationToken);

    public async ValueTask SetAsync(string key, string? value, CancellationToken cancellationToken) =>
        await store.SetStateAsync(accountId, Key(key), value, cancellationToken);
}
