namespace ProadSync.Abstractions.Models;

/// <summary>The format of a description as a target delivered it.</summary>
public enum DescriptionFormat
{
    /// <summary>Plain text.</summary>
    PlainText = 0,

    /// <summary>HTML (for example from Outlook); the host converts it to plain text (SPEC R-NOTE-1).</summary>
    Html = 1,
}
