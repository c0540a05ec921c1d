namespace ProadSync.Abstractions.Targets;

/// <summary>Creates contact targets for accounts; a plugin registers one per address-book backend it offers.</summary>
public interface IContactTargetFactory
{
    /// <summary>The plugin id accounts name (<c>carddav</c>, <c>exchange</c>, …). May equal a calendar plugin's id.</summary>
    string PluginId { get; }

    /// <summary>Creates a target for one account. Does not connect yet.</summary>
    /// <param name="settings">The account's connection settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The target; the host disposes it after the run.</returns>
    /// <exception cref="Errors.TargetConfigurationException">The settings are incomplete or invalid.</exception>
    ValueTask<IContactTarget> CreateAsync(TargetSettings settings, CancellationToken cancellationToken);
}
