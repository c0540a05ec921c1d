using Microsoft.Extensions.Logging;
using ProadSync.Abstractions.Targets;

namespace ProadSync.Plugin.CalDav.Targets;

/// <summary>Creates CardDAV contact targets (plugin id <c>carddav</c>).</summary>
internal sealed class CardDavContactTargetFactory(TimeProvider timeProvider, ILoggerFactory loggerFactory) : IContactTargetFactory
{
    /// <inheritdoc />
    public string PluginId => CalDavPluginRegistrar.ContactPluginId;

    /// <inheritdoc />
    public ValueTask<IContactTarget> CreateAsync(TargetSettings settings, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var parsed = CalDavSettings.From(settings);
        var account = new DavAccount(parsed, timeProvider, loggerFactory.CreateLogger<CardDavContactTarget>());
        return ValueTask.FromResult<IContactTarget>(new CardDavContactTarget(account));
    }
}
