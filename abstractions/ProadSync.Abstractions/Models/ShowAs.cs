namespace ProadSync.Abstractions.Models;

/// <summary>How an appointment shows in free/busy views (SPEC R-APT-3).</summary>
public enum ShowAs
{
    /// <summary>Free.</summary>
    Free = 0,

    /// <summary>Tentative.</summary>
    Tentative = 1,

    /// <summary>Busy (the default).</summary>
    Busy = 2,

    /// <summary>Out of office.</summary>
    OutOfOffice = 3,
}
