using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Abstractions.Errors;
using ProadSync.Plugins.Http;

namespace ProadSync.Plugin.Exchange.Ews;

/// <summary>
/// Sends EWS requests over HTTP and turns transport failures, HTTP statuses and SOAP faults into the contract's
/// exceptions. Basic authentication for plain user names; NTLM/Negotiate (through
/// <see cref="NetworkCredential"/>) when the user name is <c>DOMAIN\user</c>.
/// </summary>
internal sealed partial class EwsClient : IDisposable
{
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly EwsConnectionSettings _settings;
    private readonly AuthenticationHeaderValue? _basic;

    public EwsClient(EwsConnectionSettings settings, HttpMessageHandler? handler = null, ILogger? logger = null)
    {
        _settings = settings;
        _logger = logger ?? NullLogger.Instance;
        var backslash = settings.UserName.IndexOf('\\', StringComparison.Ordinal);
        if (handler is null)
        {
            var sockets = new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // Bodies are decompressed by ContentCoding after reading, so a body marked as gzip that is not gzip
                // gets a sentence of its own instead of an InvalidDataException.
                AutomaticDecompression = DecompressionMethods.None,
                AllowAutoRedirect = false,
            };
            if (backslash > 0)
            {
                // Integrated Windows authentication (NTLM/Negotiate) for DOMAIN\user; Linux needs gss-ntlmssp or the
                // managed NTLM switch. Not testable against the fake, which speaks Basic only.
                sockets.Credentials = new NetworkCredential(settings.UserName[(backslash + 1)..], settings.Password, settings.UserName[..backslash]);
            }

            handler = sockets;
        }

        if (backslash <= 0)
        {
            _basic = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(settings.UserName + ":" + settings.Password)));
        }

        _http = new HttpClient(handler, disposeHandler: true) { Timeout = settings.Timeout };
    }

    public Uri Endpoint => _settings.Endpoint;

    /// <summary>The SMTP address of the impersonated mailbox, or <see langword="null"/> for the login's own mailbox.</summary>
    public string? ImpersonatedMailbox => _settings.ImpersonatedMailbox;

    /// <summary>The login (user name) the requests authenticate as.</summary>
    public string UserName => _settings.UserName;

    /// <summary>
    /// The exception an impersonation failure means (a SOAP fault or a response message with one of the impersonation
    /// codes), or <see langword="null"/> when <paramref name="code"/> is not about impersonation.
    /// </summary>
    /// <param name="code">The EWS response code.</param>
    /// <param name="message">The server's text.</param>
    /// <param name="mailbox">The impersonated mailbox.</param>
    /// <returns>The exception to throw, or <see langword="null"/>.</returns>
    public TargetException? ImpersonationError(string code, string? message, string mailbox) => code switch
    {
        // The login is valid but lacks the ApplicationImpersonation right (for this mailbox): a permission failure of
        // the account's credentials, so the host treats it like refused credentials.
        "ErrorImpersonateUserDenied" or "ErrorImpersonationDenied" => new TargetAuthenticationException(
            $"The Exchange account '{_settings.UserName}' may not impersonate the mailbox '{mailbox}' ({code}: {message}); " +
            "ask the Exchange admin to give it the ApplicationImpersonation role for that mailbox.")
        {
            Data = { [ImpersonationDeniedKey] = true },
        },
        "ErrorNonExistentMailbox" or "ErrorInvalidUserPrincipalName" or "ErrorInvalidExchangeImpersonationHeaderData" or "ErrorImpersonationFailed" =>
            new TargetConfigurationException(
                $"The Exchange server cannot act on the mailbox '{mailbox}' named by the option '{EwsConnectionSettings.ImpersonateOption}' ({code}: {message}); check the address."),
        _ => null,
    };

    /// <summary>The key in <see cref="Exception.Data"/> that marks an authentication failure caused by missing impersonation rights.</summary>
    public const string ImpersonationDeniedKey = "ProadSync.Exchange.ImpersonationDenied";

    /// <summary>Sends a request and returns the response messages of <paramref name="operation"/>.</summary>
    /// <exception cref="TransientTargetException">Unreachable, timed out, busy (ErrorServerBusy fault, 503, 429).</exception>
    /// <exception cref="TargetAuthenticationException">HTTP 401.</exception>
    /// <exception cref="TargetConfigurationException">Not an EWS endpoint, oversized or malformed answer.</exception>
    /// <exception cref="ItemRejectedException">Another SOAP fault (for example ErrorSchemaValidation).</exception>
    public async Task<IReadOnlyList<EwsResponseMessage>> SendAsync(string operation, string requestXml, CancellationToken cancellationToken)
    {
        var impersonated = _settings.ImpersonatedMailbox;
        if (impersonated is not null)
        {
            requestXml = EwsXml.Impersonate(requestXml, impersonated);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _settings.Endpoint)
        {
            Content = new StringContent(requestXml, new UTF8Encoding(false), "text/xml"),
        };
        request.Content.Headers.ContentType!.CharSet = "utf-8";
        request.Headers.Authorization = _basic;
        request.Headers.AcceptEncoding.ParseAdd(ContentCoding.Accepted);
        if (impersonated is not null)
        {
            // Microsoft: with impersonation, always send X-AnchorMailbox with the impersonated mailbox's SMTP address.
            request.Headers.TryAddWithoutValidation("X-AnchorMailbox", impersonated);
        }

        HttpResponseMessage response;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            var host = _settings.Endpoint.Authority;
            LogAnswered(_logger, operation, host, (int)response.StatusCode, elapsed.TotalMilliseconds);
        }
        catch (HttpRequestException e)
        {
            throw new TransientTargetException($"The Exchange server at {_settings.Endpoint.Authority} could not be reached: {e.Message}", null, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientTargetException($"The Exchange server at {_settings.Endpoint.Authority} did not answer within {_settings.Timeout.TotalSeconds:0} seconds.", null, e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status == 401)
            {
                throw new TargetAuthenticationException("The Exchange server refused the user name or password (HTTP 401).");
            }

            if (status == 403)
            {
                throw new TargetConfigurationException("The Exchange server forbids EWS for this account (HTTP 403); ask the admin to allow EWS for the mailbox.");
            }

            if (status is 429 or 503)
            {
                var retry = response.Headers.RetryAfter?.Delta ??
                    (response.Headers.RetryAfter?.Date is { } date ? date - (response.Headers.Date ?? date) : null);
                throw new TransientTargetException($"The Exchange server is busy (HTTP {status}); try again later.", retry);
            }

            if (status is 302 && response.Headers.Location?.OriginalString.Contains("genericerrorpage", StringComparison.OrdinalIgnoreCase) == true)
            {
                // Exchange redirects to its generic error page when EWS fails inside (seen under load).
                throw new TransientTargetException("The Exchange server reported an internal error (redirect to its error page); try again later.");
            }

            if (status is >= 300 and < 400 or 404)
            {
                throw new TargetConfigurationException($"There is no EWS endpoint at {_settings.Endpoint} (HTTP {status}); check the Exchange URL (…/EWS/Exchange.asmx).");
            }

            XDocument? document = null;
            if (status == 200 || status == 500)
            {
                document = await ReadXmlAsync(response, status == 500, cancellationToken);
            }

            if (document is not null && EwsResponses.Fault(document) is { } fault)
            {
                LogFault(_logger, operation, fault.Code, fault.BackOffMilliseconds);
                if (fault.Code is "ErrorServerBusy" or "ErrorExceededConnectionCount" or "ErrorInternalServerTransientError")
                {
                    throw new TransientTargetException($"The Exchange server is busy ({fault.Code}); try again later.",
                        fault.BackOffMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
                }

                if (impersonated is not null && ImpersonationError(fault.Code, fault.Message, impersonated) is { } impersonationError)
                {
                    throw impersonationError;
                }

                if (fault.Code is "ErrorInvalidServerVersion" or "ErrorAccessDenied" or "ErrorNonExistentMailbox")
                {
                    throw new TargetConfigurationException($"The Exchange server refused the request: {fault.Code}: {fault.Message}");
                }

                throw new ItemRejectedException($"The Exchange server refused the {operation} request: {fault.Code}: {fault.Message}");
            }

            if (status != 200 || document is null)
            {
                throw new TransientTargetException($"The Exchange server answered {operation} with HTTP {status}.");
            }

            return EwsResponses.Messages(document, operation);
        }
    }

    /// <summary>Sends a request for one item or folder and returns its single response message.</summary>
    /// <exception cref="ItemRejectedException">The answer does not hold exactly one response message.</exception>
    public async Task<EwsResponseMessage> SendOneAsync(string operation, string requestXml, CancellationToken cancellationToken)
    {
        var messages = await SendAsync(operation, requestXml, cancellationToken);
        return messages.Count == 1
            ? messages[0]
            : throw new ItemRejectedException($"The Exchange server answered {operation} with {messages.Count} response messages instead of one.");
    }

    public void Dispose() => _http.Dispose();

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "EWS {Operation} to {Host} answered HTTP {Status} after {Milliseconds:0} ms")]
    private static partial void LogAnswered(ILogger logger, string operation, string host, int status, double milliseconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "EWS {Operation} failed with the SOAP fault {Code} (back off {BackOffMilliseconds} ms)")]
    private static partial void LogFault(ILogger logger, string operation, string code, int? backOffMilliseconds);

    private async Task<XDocument?> ReadXmlAsync(HttpResponseMessage response, bool lenient, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is { } length && length > _settings.MaxResponseBytes)
        {
            throw new TargetConfigurationException($"The Exchange server's answer is larger than the limit of {_settings.MaxResponseBytes} bytes; lower the page or batch size.");
        }

        var buffer = new MemoryStream();
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > _settings.MaxResponseBytes)
                {
                    throw new TargetConfigurationException($"The Exchange server's answer is larger than the limit of {_settings.MaxResponseBytes} bytes; lower the page or batch size.");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (IOException e)
        {
            buffer.Dispose();
            throw new TransientTargetException($"The connection to the Exchange server at {_settings.Endpoint.Authority} broke while it sent its answer.", null, e);
        }

        try
        {
            buffer = ContentCoding.UndoAll(buffer, response.Content.Headers.ContentEncoding, _settings.MaxResponseBytes);
        }
        catch (ContentCodingException e)
        {
            throw e.Problem switch
            {
                ContentCodingProblem.Unknown => new TargetConfigurationException($"The Exchange server at {_settings.Endpoint} sent a body in the content coding '{e.Coding}', which ProadSync cannot read."),
                ContentCodingProblem.Corrupt => new TransientTargetException($"The Exchange server at {_settings.Endpoint} sent a body marked as {e.Coding} that could not be decompressed.", null, e.InnerException),
                _ => new TargetConfigurationException($"The Exchange server's answer is larger than the limit of {_settings.MaxResponseBytes} bytes once decompressed; lower the page or batch size."),
            };
        }

        using var body = buffer;
        body.Position = 0;
        try
        {
            return Parse(body);
        }
        catch (XmlException e)
        {
            if (lenient)
            {
                return null;
            }

            throw new TargetConfigurationException($"The server at {_settings.Endpoint} did not answer with valid EWS XML ({e.Message}); check the Exchange URL.", e);
        }
    }

    /// <summary>Parses untrusted XML: no DTDs, no external resources.</summary>
    /// <exception cref="XmlException">The XML is malformed or contains a DTD.</exception>
    public static XDocument Parse(Stream stream)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        using var reader = XmlReader.Create(stream, settings);
        var document = XDocument.Load(reader);
        if (document.Root?.Name != EwsXml.Soap + "Envelope")
        {
            throw new XmlException($"The root element is '{document.Root?.Name.LocalName}', not a SOAP Envelope.");
        }

        return document;
    }
}
