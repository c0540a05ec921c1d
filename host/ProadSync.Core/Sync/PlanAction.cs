using System.Text.Json.Serialization;

namespace ProadSync.Core.Sync;

/// <summary>What the engine does (or, in a dry run, would do) with one item.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlanAction>))]
public enum PlanAction
{
    /// <summary>Create the external item for a leading item.</summary>
    CreateExternal = 0,

    /// <summary>Write the leading version over the external item.</summary>
    UpdateExternal = 1,

    /// <summary>Delete the external item because the leading item was deleted.</summary>
    DeleteExternal = 2,

    /// <summary>Write the external change into the leading item (2-way/full).</summary>
    UpdateLeading = 3,

    /// <summary>Import an external item as a new to-do (full).</summary>
    ImportLeading = 4,

    /// <summary>Mark the leading item "externally deleted" (2-way/full).</summary>
    MarkExternallyDeleted = 5,

    /// <summary>Deactivate the link (private/series in 2-way/full, a contact deleted externally).</summary>
    DeactivateLink = 6,

    /// <summary>Drop the link and create the leading item anew as a fresh external item (decision D-4).</summary>
    DetachAndRecreate = 7,

    /// <summary>Drop the link only (the leading item is gone and nothing is removed externally).</summary>
    DropLink = 8,

    /// <summary>Remember that the external item is gone; nothing else changes (export, 1-way).</summary>
    RememberExternalDeleted = 9,

    /// <summary>Create the external item again after it was deleted externally (1-way, when the leading item changed).</summary>
    RecreateExternal = 10,

    /// <summary>Create an exported contact.</summary>
    CreateContact = 11,

    /// <summary>Update an exported contact.</summary>
    UpdateContact = 12,
}
