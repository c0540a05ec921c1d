namespace ProadSync.Abstractions.Targets;

/// <summary>Creates calendar targets for accounts; a plugin registers one per backend it offers.</summary>
public interface ICalendarTargetFactory
{
    /// <summary>The plugin id accounts name (<c>caldav</c>, <c>exchange</c>, <c>vdir</c>, …).</summary>
    string PluginId { get; }

    /// <summary>Creates a target for one account. Does not connect yet.</summary>
    /// <param name="settings">The account's connection settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The target; the host disposes it after the run.</returns>
    /// <exception cref="Errors.TargetConfigurationException">The settings are incomplete or invalid.</exception>
    ValueTask<ICalendarTarget> CreateAsync(TargetSettings settings, CancellationToken cancellationToken);
}
