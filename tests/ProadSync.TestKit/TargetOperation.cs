namespace ProadSync.TestKit;

/// <summary>The target calls a fault can be injected into.</summary>
public enum TargetOperation
{
    /// <summary><c>GetChangesAsync</c> of a calendar target.</summary>
    GetChanges = 0,

    /// <summary><c>GetAsync</c>.</summary>
    Get = 1,

    /// <summary><c>CreateAsync</c>.</summary>
    Create = 2,

    /// <summary><c>UpdateAsync</c>.</summary>
    Update = 3,

    /// <summary><c>DeleteAsync</c>.</summary>
    Delete = 4,

    /// <summary><c>ListAsync</c> of a contact target.</summary>
    List = 5,

    /// <summary><c>GetVersionAsync</c> of a contact target.</summary>
    GetVersion = 6,
}
