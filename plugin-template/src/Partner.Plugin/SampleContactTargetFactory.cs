using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Targets;

namespace Partner.Plugin;

/// <summary>Creates the contact target of one account from its settings.</summary>
internal sealed class SampleContactTargetFactory : IContactTargetFactory
{
    public string PluginId => PluginRegistrar.PluginId;

    public ValueTask<IContactTarget> CreateAsync(TargetSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrWhiteSpace(settings.Url))
        {
            throw new TargetConfigurationException("The account has no address book URL.");
        }

        return ValueTask.FromResult<IContactTarget>(new SampleContactTarget(settings));
    }
}
