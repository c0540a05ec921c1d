namespace ProadSync.Web.Pages;

/// <summary>Refusal: the page belongs to another user, or needs an admin.</summary>
public sealed class DeniedModel : ProadSyncPageModel
{
    /// <summary>Answers 403.</summary>
    public void OnGet() => Response.StatusCode = 403;
}
