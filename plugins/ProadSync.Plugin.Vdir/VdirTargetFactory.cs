using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Targets;

namespace ProadSync.Plugin.Vdir;

/// <summary>Creates <see cref="VdirCalendarTarget"/>s from account settings.</summary>
internal sealed class VdirTargetFactory(TimeProvider timeProvider) : ICalendarTargetFactory
{
    public string PluginId => VdirPluginRegistrar.PluginId;

    public ValueTask<ICalendarTarget> CreateAsync(TargetSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<ICalendarTarget>(new VdirCalendarTarget(VdirLayout.From(settings), timeProvider, settings.State));
    }
}
