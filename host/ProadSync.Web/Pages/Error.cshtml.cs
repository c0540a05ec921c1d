namespace ProadSync.Web.Pages;

/// <summary>An unexpected error (details go to the log only).</summary>
public sealed class ErrorModel : ProadSyncPageModel
{
    /// <summary>Shows the page.</summary>
    public void OnGet()
    {
    }
}
