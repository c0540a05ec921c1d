namespace ProadSync.Abstractions.Models;

/// <summary>Priority of a to-do (SPEC R-APT-2, R-TSK-1).</summary>
public enum Priority
{
    /// <summary>Low priority.</summary>
    Low = 0,

    /// <summary>Normal priority (also used when a target states none).</summary>
    Normal = 1,

    /// <summary>High priority.</summary>
    High = 2,
}
