using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using ProadSync.FakeEws.Protocol;

namespace ProadSync.FakeEws;

/// <summary>
/// One user's mailbox: a root with the calendar, tasks and contacts folders. Tests use the public members to act as
/// "another client" (change or delete an item behind the plugin's back); all members are thread-safe.
/// </summary>
public sealed class FakeMailbox
{
    private readonly TimeProvider _time;
    private long _sequence;
    private long _idCounter;

    internal FakeMailbox(string user, TimeProvider time)
    {
        User = user;
        _time = time;
        var root = AddFolder("root", "Folder", "IPF", "Top of Information Store", null);
        var msg = AddFolder("msgfolderroot", "Folder", "IPF.Note", "Top of Information Store", root.Id);
        AddFolder("calendar", "CalendarFolder", "IPF.Appointment", "Calendar", msg.Id);
        AddFolder("tasks", "TasksFolder", "IPF.Task", "Tasks", msg.Id);
        AddFolder("contacts", "ContactsFolder", "IPF.Contact", "Contacts", msg.Id);
    }

    /// <summary>The user name the mailbox belongs to.</summary>
    public string User { get; }

    /// <summary>The SOAP request bodies this user sent, oldest first (for tests that check what a client sent).</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    private readonly List<string> _requests = [];

    internal void RecordRequest(string body)
    {
        lock (_requests)
        {
            _requests.Add(body);
        }
    }

    private int _impersonatedRequests;
    private int _withoutAnchorMailbox;

    /// <summary>How many requests acted on this mailbox through <c>ExchangeImpersonation</c>.</summary>
    public int ImpersonatedRequests => Volatile.Read(ref _impersonatedRequests);

    /// <summary>
    /// How many of the impersonated requests came without an <c>X-AnchorMailbox</c> HTTP header naming this mailbox.
    /// Microsoft says the header must always be sent with impersonation; on-premises Exchange serves such requests
    /// anyway, so the fake does too and only counts them, for tests that check a client sends it.
    /// </summary>
    public int ImpersonatedRequestsWithoutAnchorMailbox => Volatile.Read(ref _withoutAnchorMailbox);

    internal void CountImpersonated(bool anchored)
    {
        Interlocked.Increment(ref _impersonatedRequests);
        if (!anchored)
        {
            Interlocked.Increment(ref _withoutAnchorMailbox);
        }
    }

    internal object Sync { get; } = new();

    internal Dictionary<string, FakeFolder> FoldersById { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, FakeFolder> FoldersByName { get; } = new(StringComparer.Ordinal);

    /// <summary>Returns a distinguished folder (<c>calendar</c>, <c>tasks</c>, <c>contacts</c>, <c>root</c>, <c>msgfolderroot</c>).</summary>
    /// <param name="distinguishedId">The distinguished folder id.</param>
    /// <returns>The folder.</returns>
    public FakeFolder Folder(string distinguishedId)
    {
        lock (Sync)
        {
            return FoldersByName[distinguishedId];
        }
    }

    /// <summary>Returns a copy of the ids in a distinguished folder.</summary>
    /// <param name="distinguishedId">The distinguished folder id.</param>
    /// <returns>The ids.</returns>
    public IReadOnlyList<string> ItemIds(string distinguishedId)
    {
        lock (Sync)
        {
            return FoldersByName[distinguishedId].Items.Keys.ToList();
        }
    }

    /// <summary>Returns an item, or <see langword="null"/> when it does not exist.</summary>
    /// <param name="itemId">The ItemId.</param>
    /// <returns>The item (do not change it; use <see cref="SetValue"/>).</returns>
    public FakeItem? Find(string itemId)
    {
        lock (Sync)
        {
            return FindItem(itemId);
        }
    }

    /// <summary>
    /// Changes one property as another client would (for example Outlook marking an item private): sets the element's
    /// text, or removes it when <paramref name="value"/> is <see langword="null"/>, gives the item a new ChangeKey
    /// and records an update for SyncFolderItems.
    /// </summary>
    /// <param name="itemId">The ItemId.</param>
    /// <param name="element">The element name (<c>Subject</c>, <c>Sensitivity</c>, <c>IsRecurring</c>, …).</param>
    /// <param name="value">The new text.</param>
    /// <exception cref="KeyNotFoundException">No such item.</exception>
    public void SetValue(string itemId, string element, string? value)
    {
        lock (Sync)
        {
            var item = FindItem(itemId) ?? throw new KeyNotFoundException($"No item '{itemId}'.");
            if (value is null)
            {
                item.Fields.Remove(element);
            }
            else
            {
                item.Fields[element] = new XElement(EwsNames.T + element, value);
            }

            Touch(item);
        }
    }

    /// <summary>Deletes an item as another client would, recording the deletion for SyncFolderItems.</summary>
    /// <param name="itemId">The ItemId.</param>
    /// <returns>Whether the item existed.</returns>
    public bool Delete(string itemId)
    {
        lock (Sync)
        {
            var item = FindItem(itemId);
            if (item is null)
            {
                return false;
            }

            RemoveItem(item);
            return true;
        }
    }

    internal FakeItem? FindItem(string itemId)
    {
        foreach (var folder in FoldersById.Values)
        {
            if (folder.Items.TryGetValue(itemId, out var item))
            {
                return item;
            }
        }

        return null;
    }

    internal FakeItem NewItem(string kind, FakeFolder folder)
    {
        var id = NewId("I");
        var item = new FakeItem(id, kind, folder.Id);
        var now = Now();
        item.Fields["ItemClass"] = new XElement(EwsNames.T + "ItemClass", kind switch
        {
            "CalendarItem" => "IPM.Appointment",
            "Task" => "IPM.Task",
            _ => "IPM.Contact",
        });
        item.Fields["DateTimeCreated"] = new XElement(EwsNames.T + "DateTimeCreated", now);
        item.Fields["HasAttachments"] = new XElement(EwsNames.T + "HasAttachments", "false");
        return item;
    }

    internal void AddItem(FakeFolder folder, FakeItem item)
    {
        folder.Items.Add(item.Id, item);
        Stamp(item);
        folder.Log.Add(new ChangeEntry(++_sequence, item.Id, ChangeKind.Create));
    }

    internal void ReplaceItem(FakeItem updated)
    {
        var folder = FoldersById[updated.FolderId];
        folder.Items[updated.Id] = updated;
        Touch(updated);
    }

    internal void RemoveItem(FakeItem item)
    {
        var folder = FoldersById[item.FolderId];
        folder.Items.Remove(item.Id);
        folder.Log.Add(new ChangeEntry(++_sequence, item.Id, ChangeKind.Delete));
    }

    internal long CurrentSequence => _sequence;

    private void Touch(FakeItem item)
    {
        Stamp(item);
        FoldersById[item.FolderId].Log.Add(new ChangeEntry(++_sequence, item.Id, ChangeKind.Update));
    }

    private void Stamp(FakeItem item)
    {
        item.ChangeKey = NewId("C");
        item.Fields["LastModifiedTime"] = new XElement(EwsNames.T + "LastModifiedTime", Now());
    }

    private string Now() => _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string NewId(string prefix)
    {
        // Real ids are opaque base64 blobs; these carry a counter plus random bytes so that they are unique and
        // case-sensitive like Exchange's.
        var counter = Interlocked.Increment(ref _idCounter);
        var bytes = new byte[24];
        RandomNumberGenerator.Fill(bytes);
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), counter);
        return prefix + "AAMk" + Convert.ToBase64String(bytes);
    }

    private FakeFolder AddFolder(string name, string element, string folderClass, string displayName, string? parentId)
    {
        var id = "FAQu" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(User + "/" + name));
        var folder = new FakeFolder(id, name, element, folderClass, displayName, parentId);
        FoldersById.Add(id, folder);
        FoldersByName.Add(name, folder);
        return folder;
    }
}
