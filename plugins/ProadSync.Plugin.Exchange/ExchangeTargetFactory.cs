using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Abstractions.Targets;
using ProadSync.Plugin.Exchange.Ews;

namespace ProadSync.Plugin.Exchange;

/// <summary>Creates the calendar and contact targets of the <c>exchange</c> plugin.</summary>
internal sealed class ExchangeTargetFactory(ILoggerFactory? loggerFactory = null) : ICalendarTargetFactory, IContactTargetFactory
{
    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ProadSync.Plugin.Exchange");

    public string PluginId => ExchangePluginRegistrar.PluginId;

    ValueTask<ICalendarTarget> ICalendarTargetFactory.CreateAsync(TargetSettings settings, CancellationToken cancellationToken)
    {
        var parsed = EwsConnectionSettings.From(settings);
        return ValueTask.FromResult<ICalendarTarget>(new ExchangeCalendarTarget(new EwsClient(parsed, logger: _logger), parsed));
    }

    ValueTask<IContactTarget> IContactTargetFactory.CreateAsync(TargetSettings settings, CancellationToken cancellationToken)
    {
        var parsed = EwsConnectionSettings.From(settings);
        return ValueTask.FromResult<IContactTarget>(new ExchangeContactTarget(new EwsClient(parsed, logger: _logger), parsed, settings.State));
    }
}
