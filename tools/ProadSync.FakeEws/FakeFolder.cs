namespace ProadSync.FakeEws;

/// <summary>A folder of a fake mailbox with its items and its change log (the source of SyncFolderItems).</summary>
public sealed class FakeFolder
{
    internal FakeFolder(string id, string distinguishedId, string folderElement, string folderClass, string displayName, string? parentId)
    {
        Id = id;
        DistinguishedId = distinguishedId;
        FolderElement = folderElement;
        FolderClass = folderClass;
        DisplayName = displayName;
        ParentId = parentId;
    }

    /// <summary>The EWS FolderId.</summary>
    public string Id { get; }

    /// <summary>The distinguished folder id (<c>calendar</c>, <c>tasks</c>, <c>contacts</c>, <c>root</c>, …).</summary>
    public string DistinguishedId { get; }

    /// <summary>The folder element name in responses (<c>CalendarFolder</c>, <c>TasksFolder</c>, …).</summary>
    public string FolderElement { get; }

    /// <summary>The MAPI container class (<c>IPF.Appointment</c>, …).</summary>
    public string FolderClass { get; }

    /// <summary>The display name.</summary>
    public string DisplayName { get; }

    /// <summary>The parent folder's id, or <see langword="null"/> for the root.</summary>
    public string? ParentId { get; }

    /// <summary>The item kind this folder holds (<c>CalendarItem</c>, <c>Task</c>, <c>Contact</c>), or <see langword="null"/>.</summary>
    public string? ItemKind => FolderClass switch
    {
        "IPF.Appointment" => "CalendarItem",
        "IPF.Task" => "Task",
        "IPF.Contact" => "Contact",
        _ => null,
    };

    internal Dictionary<string, FakeItem> Items { get; } = new(StringComparer.Ordinal);

    internal List<ChangeEntry> Log { get; } = [];

    /// <summary>The ids of the items in the folder, in creation order.</summary>
    public IReadOnlyList<string> ItemIds => Items.Keys.ToList();
}
