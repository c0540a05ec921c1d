namespace ProadSync.Web.Pages;

/// <summary>The fields of the "My account" form. The password is write-only: it is never filled in from the store.</summary>
public sealed class AccountForm
{
    /// <summary>"Enable synchronisation".</summary>
    public bool Enabled { get; set; }

    /// <summary>The calendar plugin.</summary>
    public string? Plugin { get; set; }

    /// <summary>The plugin's profile.</summary>
    public string? Profile { get; set; }

    /// <summary>Server URL, Exchange endpoint or folder.</summary>
    public string? Url { get; set; }

    /// <summary>The login at the server.</summary>
    public string? UserName { get; set; }

    /// <summary>A new password; empty keeps the stored one.</summary>
    public string? Password { get; set; }

    /// <summary>The mode (export, one-way, two-way, full).</summary>
    public string? Mode { get; set; }

    /// <summary>"Export contacts".</summary>
    public bool ExportContacts { get; set; }

    /// <summary>The cutoff date; empty means run time − 12 months.</summary>
    public DateOnly? Cutoff { get; set; }
}
