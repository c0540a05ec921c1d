namespace ProadSync.Core.Leading;

/// <summary>What a link relates.</summary>
public enum LinkKind
{
    /// <summary>An appointment.</summary>
    Appointment = 0,

    /// <summary>A task.</summary>
    Task = 1,

    /// <summary>An exported contact.</summary>
    Contact = 2,
}
