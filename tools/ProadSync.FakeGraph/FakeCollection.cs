namespace ProadSync.FakeGraph;

/// <summary>The collections of a fake mailbox a test can reach directly.</summary>
public enum FakeCollection
{
    /// <summary>The default calendar's events.</summary>
    Events = 0,

    /// <summary>The tasks of the default To Do list.</summary>
    Tasks = 1,

    /// <summary>The root contacts folder.</summary>
    Contacts = 2,
}
