using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Targets;
using ProadSync.Core.Leading;

namespace ProadSync.Core.Sync;

/// <summary>Everything one run of one account needs.</summary>
/// <param name="Leading">The leading-system database.</param>
/// <param name="Account">The account to synchronise.</param>
/// <param name="Calendar">The account's calendar target.</param>
/// <param name="Mapper">The field mapper the database uses.</param>
public sealed record SyncRunRequest(ILeadingSystem Leading, SyncAccount Account, ICalendarTarget Calendar, IFieldMapper Mapper)
{
    /// <summary>The contact target, used when <see cref="SyncAccount.ExportContacts"/> is on.</summary>
    public IContactTarget? Contacts { get; init; }

    /// <summary>The database name used in identities; defaults to <see cref="ILeadingSystem.Database"/>'s name.</summary>
    public string? DatabaseName { get; init; }

    /// <summary>The plugin id passed to the mapper; defaults to <see cref="SyncAccount.PluginId"/>.</summary>
    public string? PluginId { get; init; }

    /// <summary>The mapper options the admin configured for the database.</summary>
    public IReadOnlyDictionary<string, string>? MapperOptions { get; init; }

    /// <summary>
    /// The HTML → text converter of this run (the database's incoming template,
    /// <see cref="Text.Templates.DescriptionTemplateSet.Incoming"/>); the engine's own when <see langword="null"/>.
    /// </summary>
    public Text.IDescriptionConverter? DescriptionConverter { get; init; }

    /// <summary>The run's switches.</summary>
    public RunOptions Options { get; init; } = new();
}
