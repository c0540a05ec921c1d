using System.Text.Json.Nodes;

namespace ProadSync.FakeGraph.Store;

/// <summary>One user's mailbox: calendar, To Do lists and contacts.</summary>
internal sealed class Mailbox
{
    private long _seq;

    public Mailbox(string userPrincipalName)
    {
        UserPrincipalName = userPrincipalName;
        Id = Guid.NewGuid().ToString();
        Events = new ItemStore(this, "ev");
        Contacts = new ItemStore(this, "co");
        var defaultList = new TaskList(
            ItemStore.NewToken(18),
            new JsonObject
            {
                ["displayName"] = "Tasks",
                ["isOwner"] = true,
                ["isShared"] = false,
                ["wellknownListName"] = "defaultList",
            },
            new ItemStore(this, "tk"));
        TaskLists.Add(defaultList);
        TaskLists.Add(new TaskList(
            ItemStore.NewToken(18),
            new JsonObject
            {
                ["displayName"] = "Flagged Emails",
                ["isOwner"] = true,
                ["isShared"] = false,
                ["wellknownListName"] = "flaggedEmails",
            },
            new ItemStore(this, "tk")));
    }

    public string UserPrincipalName { get; }

    public string Id { get; }

    public ItemStore Events { get; }

    public ItemStore Contacts { get; }

    public List<TaskList> TaskLists { get; } = [];

    public TaskList DefaultTaskList => TaskLists[0];

    public long CurrentSeq => _seq;

    public long NextSeq() => ++_seq;
}
