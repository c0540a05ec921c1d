using Microsoft.Extensions.Logging;
using ProadSync.Abstractions.Targets;

namespace ProadSync.Plugin.CalDav.Targets;

/// <summary>Creates CalDAV calendar targets (plugin id <c>caldav</c>).</summary>
internal sealed class CalDavCalendarTargetFactory(TimeProvider timeProvider, ILoggerFactory loggerFactory) : ICalendarTargetFactory
{
    /// <inheritdoc />
    public string PluginId => CalDavPluginRegistrar.CalendarPluginId;

    /// <inheritdoc />
    public ValueTask<ICalendarTarget> CreateAsync(TargetSettings settings, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var parsed = CalDavSettings.From(settings);
        var account = new DavAccount(parsed, timeProvider, loggerFactory.CreateLogger<CalDavCalendarTarget>());
        return ValueTask.FromResult<ICalendarTarget>(new CalDavCalendarTarget(account));
    }
}
