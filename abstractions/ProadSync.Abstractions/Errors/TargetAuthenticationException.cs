namespace ProadSync.Abstractions.Errors;

/// <summary>
/// The server refused the credentials. Never retried within a run; counted towards the automatic switch-off after
/// five failures in a row (SPEC R-ACC-3).
/// </summary>
public sealed class TargetAuthenticationException : TargetException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One sentence for a person.</param>
    /// <param name="credentialsExpired">Whether the server said the password expired or must be changed (SPEC R-ACC-4).</param>
    /// <param name="innerException">The cause, if any.</param>
    public TargetAuthenticationException(string message, bool credentialsExpired = false, Exception? innerException = null)
        : base(message, innerException) => CredentialsExpired = credentialsExpired;

    /// <summary>Whether the server said the password expired or must be changed; the host then pauses the account.</summary>
    public bool CredentialsExpired { get; }
}
