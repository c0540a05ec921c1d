using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Targets;

namespace Partner.Plugin;

/// <summary>Creates the calendar target of one account from its settings.</summary>
internal sealed class SampleCalendarTargetFactory : ICalendarTargetFactory
{
    public string PluginId => PluginRegistrar.PluginId;

    public ValueTask<ICalendarTarget> CreateAsync(TargetSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrWhiteSpace(settings.Url))
        {
            throw new TargetConfigurationException("The account has no server URL.");
        }

        // Check the settings here, but do not connect yet: the host calls TestConnectionAsync or the listing first.
        return ValueTask.FromResult<ICalendarTarget>(new SampleCalendarTarget(settings));
    }
}
