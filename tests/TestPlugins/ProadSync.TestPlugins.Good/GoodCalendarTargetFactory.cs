using Microsoft.Extensions.Logging;
using ProadSync.Abstractions.Targets;

namespace ProadSync.TestPlugins.Good;

/// <summary>Creates <see cref="GoodCalendarTarget"/>s; takes the host's logger and clock to prove they arrive.</summary>
public sealed class GoodCalendarTargetFactory(ILogger<GoodCalendarTargetFactory> logger, TimeProvider timeProvider) : ICalendarTargetFactory
{
    /// <inheritdoc />
    public string PluginId => "test-good";

    /// <inheritdoc />
    public ValueTask<ICalendarTarget> CreateAsync(TargetSettings settings, CancellationToken cancellationToken)
    {
        logger.LogInformation("Creating a test-good calendar target");
        return ValueTask.FromResult<ICalendarTarget>(new GoodCalendarTarget(timeProvider));
    }
}
