using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using ProadSync.Abstractions.Errors;

namespace ProadSync.Plugin.Graph.Auth;

/// <summary>The production default: Azure.Identity's client-secret or client-certificate credential (MSAL underneath).</summary>
internal sealed class AzureIdentityTokenSource : IGraphTokenSource
{
    private readonly TokenCredential _credential;
    private readonly string _scope;

    public AzureIdentityTokenSource(GraphAccount account)
    {
        _scope = account.Scope;
        if (account.CertificatePath is { } path)
        {
            X509Certificate2 certificate;
            try
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, account.ClientSecret);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new TargetConfigurationException($"The certificate '{Path.GetFileName(path)}' cannot be read: {ex.Message}", ex);
            }

            _credential = new ClientCertificateCredential(account.TenantId, account.ClientId, certificate);
        }
        else
        {
            _credential = new ClientSecretCredential(account.TenantId, account.ClientId, account.ClientSecret);
        }
    }

    public void Invalidate()
    {
        // Azure.Identity keeps its own cache and refreshes before expiry; a refused token is rare there.
    }

    public void Dispose()
    {
    }

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            var token = await _credential.GetTokenAsync(new TokenRequestContext([_scope]), cancellationToken);
            return token.Token;
        }
        catch (AuthenticationFailedException ex) when (ex.InnerException is HttpRequestException or Azure.RequestFailedException)
        {
            throw new TransientTargetException("Entra ID cannot be reached: " + ex.Message.Split('\n', 2)[0].Trim(), null, ex);
        }
        catch (AuthenticationFailedException ex)
        {
            throw new TargetAuthenticationException("Entra ID refused the app credentials: " + ex.Message.Split('\n', 2)[0].Trim(), false, ex);
        }
        catch (Azure.RequestFailedException ex)
        {
            throw new TransientTargetException("Entra ID cannot be reached: " + ex.Message.Split('\n', 2)[0].Trim(), null, ex);
        }
    }
}
