namespace ProadSync.Core.Leading;

/// <summary>The four sync modes of SPEC section 6.</summary>
public enum SyncMode
{
    /// <summary>Export: each item once; never re-sent, never deleted (R-MODE-EXPORT-1, D-3).</summary>
    Export = 0,

    /// <summary>1-way: leading creates, changes and deletes go out (R-MODE-1WAY-*).</summary>
    OneWay = 1,

    /// <summary>2-way: as 1-way plus external changes and deletions of linked items come in (R-MODE-2WAY-*).</summary>
    TwoWay = 2,

    /// <summary>Full: as 2-way plus external items in the window are imported (R-MODE-FULL-1).</summary>
    Full = 3,
}
