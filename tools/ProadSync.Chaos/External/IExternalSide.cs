using ProadSync.Abstractions.Models;

namespace ProadSync.Chaos.External;

/// <summary>The external calendar as another program edits it: an independent path, never through ProadSync.</summary>
public interface IExternalSide
{
    /// <summary>What an account's plugin settings must be to reach this calendar (plugin id, URL, options).</summary>
    (string PluginId, string Url, IReadOnlyDictionary<string, string> Options) AccountSettings { get; }

    /// <summary>Lists every object (appointments and tasks).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The objects.</returns>
    Task<IReadOnlyList<ExternalObject>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Creates an object.</summary>
    /// <param name="kind">Appointment or task.</param>
    /// <param name="uid">Its UID (also its name).</param>
    /// <param name="text">Its text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task CreateAsync(TodoKind kind, string uid, string text, CancellationToken cancellationToken);

    /// <summary>Overwrites an object (without a precondition, as a careless client would).</summary>
    /// <param name="item">The object.</param>
    /// <param name="text">The new text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task EditAsync(ExternalObject item, string text, CancellationToken cancellationToken);

    /// <summary>Deletes an object.</summary>
    /// <param name="item">The object.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task DeleteAsync(ExternalObject item, CancellationToken cancellationToken);
}
