using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace ProadSync.FakeEws.Protocol;

/// <summary>Serves POST /EWS/Exchange.asmx: authentication, envelope checks, fault injection and dispatch.</summary>
internal sealed partial class EwsHandler
{
    private static readonly HashSet<string> ServerVersions = new(StringComparer.Ordinal)
    {
        "Exchange2007", "Exchange2007_SP1", "Exchange2009", "Exchange2010", "Exchange2010_SP1", "Exchange2010_SP2",
        "Exchange2013", "Exchange2013_SP1", "Exchange2015", "Exchange2016", "V2015_10_05", "V2016_01_06", "V2016_04_13",
        "V2016_07_13", "V2016_10_10", "V2017_01_07", "V2017_04_14", "V2017_07_11", "V2017_10_09", "V2018_01_08",
    };

    private readonly FakeEwsState _state;
    private readonly int _maxRequestBytes;

    public EwsHandler(FakeEwsState state, int maxRequestBytes)
    {
        _state = state;
        _maxRequestBytes = maxRequestBytes;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var user = Authenticate(context.Request);
        if (user is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"127.0.0.1\"";
            return;
        }

        string body;
        try
        {
            body = await ReadBodyAsync(context.Request, context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        _state.CountRequest(body);
        _state.Mailbox(user).RecordRequest(body);
        XDocument reply;
        var status = StatusCodes.Status200OK;
        try
        {
            reply = Dispatch(user, body, context.Request.Headers["X-AnchorMailbox"].ToString());
        }
        catch (EwsFaultException fault)
        {
            reply = Fault(fault.ResponseCode, fault.Message, fault.MessageXmlValues);
            status = StatusCodes.Status500InternalServerError;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(reply.Declaration + reply.ToString(SaveOptions.DisableFormatting));
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private string? Authenticate(HttpRequest request)
    {
        if (_state.TakeAuthFailure())
        {
            return null;
        }

        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var user = decoded[..colon];
        return _state.CheckPassword(user, decoded[(colon + 1)..]) ? user : null;
    }

    private async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _maxRequestBytes)
            {
                throw new InvalidDataException("The request is too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private XDocument Dispatch(string user, string body, string anchorMailbox)
    {
        XDocument request;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = _maxRequestBytes };
            using var reader = XmlReader.Create(new StringReader(body), settings);
            request = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw EwsFaultException.Schema("The request is not well-formed XML: " + e.Message);
        }

        var envelope = request.Root;
        if (envelope is null || envelope.Name != EwsNames.Soap + "Envelope")
        {
            throw EwsFaultException.Schema("The root element must be soap:Envelope in namespace " + EwsNames.Soap.NamespaceName + ".");
        }

        var version = envelope.Element(EwsNames.Soap + "Header")?.Element(EwsNames.T + "RequestServerVersion");
        var versionValue = (string?)version?.Attribute("Version");
        if (versionValue is null || !ServerVersions.Contains(versionValue))
        {
            throw new EwsFaultException("ErrorInvalidServerVersion",
                versionValue is null
                    ? "The request needs a t:RequestServerVersion header with a Version attribute."
                    : $"The specified server version '{versionValue}' is invalid.");
        }

        var timeZone = ParseTimeZoneContext(envelope.Element(EwsNames.Soap + "Header"));
        var operation = envelope.Element(EwsNames.Soap + "Body")?.Elements().FirstOrDefault()
            ?? throw EwsFaultException.Schema("soap:Body must contain one operation element.");
        if (operation.Name.Namespace != EwsNames.M)
        {
            throw EwsFaultException.Schema($"The operation element '{operation.Name.LocalName}' must be in namespace {EwsNames.M.NamespaceName}.");
        }

        var impersonated = ImpersonatedMailbox(user, envelope.Element(EwsNames.Soap + "Header"), anchorMailbox);
        var busy = _state.TakeServerBusy();
        if (busy is { Shape: ServerBusyShape.Fault } fault)
        {
            throw new EwsFaultException("ErrorServerBusy", "The server cannot service this request right now. Try again later.",
                new Dictionary<string, string> { ["BackOffMilliseconds"] = fault.BackOffMs.ToString(CultureInfo.InvariantCulture) });
        }

        var mailbox = impersonated ?? _state.Mailbox(user);
        var context = new OperationContext(mailbox, timeZone, busy?.BackOffMs);
        var responseMessages = operation.Name.LocalName switch
        {
            "GetFolder" => GetFolder(context, operation),
            "CreateItem" => CreateItem(context, operation),
            "GetItem" => GetItem(context, operation),
            "UpdateItem" => UpdateItem(context, operation),
            "DeleteItem" => DeleteItem(context, operation),
            "SyncFolderItems" => SyncFolderItems(context, operation),
            "FindItem" => FindItem(context, operation),
            "FindFolder" => FindFolder(context, operation),
            _ => throw new EwsFaultException("ErrorInvalidRequest", $"The operation '{operation.Name.LocalName}' is not supported by this server."),
        };

        return Envelope(new XElement(EwsNames.M + operation.Name.LocalName + "Response",
            new XElement(EwsNames.M + "ResponseMessages", responseMessages)));
    }

    /// <summary>
    /// Resolves the <c>ExchangeImpersonation</c> SOAP header, as Exchange does: the caller needs the
    /// ApplicationImpersonation role (else <c>ErrorImpersonateUserDenied</c>), the ConnectingSID must name someone
    /// (else <c>ErrorInvalidExchangeImpersonationHeaderData</c>) and that address must have a mailbox (else
    /// <c>ErrorNonExistentMailbox</c>); all are SOAP faults. SIDs are not modelled: no mailbox has one.
    /// </summary>
    /// <returns>The mailbox to act on, or <see langword="null"/> without the header.</returns>
    private FakeMailbox? ImpersonatedMailbox(string user, XElement? header, string anchorMailbox)
    {
        var impersonation = header?.Element(EwsNames.T + "ExchangeImpersonation");
        if (impersonation is null)
        {
            return null;
        }

        if (!_state.MayImpersonate(user))
        {
            throw new EwsFaultException("ErrorImpersonateUserDenied", "The account does not have permission to impersonate the requested user.");
        }

        var identifier = impersonation.Element(EwsNames.T + "ConnectingSID")?.Elements()
            .FirstOrDefault(e => e.Name.Namespace == EwsNames.T && e.Name.LocalName is "PrimarySmtpAddress" or "SmtpAddress" or "PrincipalName" or "SID");
        var value = identifier?.Value.Trim();
        if (string.IsNullOrEmpty(value))
        {
            throw new EwsFaultException("ErrorInvalidExchangeImpersonationHeaderData",
                "The impersonation header must name the account to impersonate: a PrincipalName, SID, PrimarySmtpAddress or SmtpAddress that is not empty.");
        }

        var target = identifier!.Name.LocalName == "SID" ? null : _state.UserBySmtpAddress(value);
        if (target is null)
        {
            throw new EwsFaultException("ErrorNonExistentMailbox", "The SMTP address has no mailbox associated with it.");
        }

        var mailbox = _state.Mailbox(target);
        var anchor = anchorMailbox.Trim();
        mailbox.CountImpersonated(anchored: anchor.Length > 0 &&
            (string.Equals(anchor, value, StringComparison.OrdinalIgnoreCase) ||
             string.Equals(_state.UserBySmtpAddress(anchor), target, StringComparison.OrdinalIgnoreCase)));
        return mailbox;
    }

    private static TimeZoneInfo? ParseTimeZoneContext(XElement? header)
    {
        var id = (string?)header?.Element(EwsNames.T + "TimeZoneContext")?.Element(EwsNames.T + "TimeZoneDefinition")?.Attribute("Id");
        return id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }

    private static XDocument Envelope(XElement body) => new(
        new XDeclaration("1.0", "utf-8", null),
        new XElement(EwsNames.Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "s", EwsNames.Soap),
            new XElement(EwsNames.Soap + "Header",
                new XElement(EwsNames.T + "ServerVersionInfo",
                    new XAttribute(XNamespace.Xmlns + "h", EwsNames.T),
                    new XAttribute("MajorVersion", "15"),
                    new XAttribute("MinorVersion", "2"),
                    new XAttribute("MajorBuildNumber", "1544"),
                    new XAttribute("MinorBuildNumber", "4"),
                    new XAttribute("Version", "V2017_07_11"))),
            new XElement(EwsNames.Soap + "Body",
                new XAttribute(XNamespace.Xmlns + "xsi", EwsNames.Xsi),
                new XAttribute(XNamespace.Xmlns + "xsd", "http://www.w3.org/2001/XMLSchema"),
                WithPrefixes(body))));

    private static XElement WithPrefixes(XElement body)
    {
        body.Add(new XAttribute(XNamespace.Xmlns + "m", EwsNames.M), new XAttribute(XNamespace.Xmlns + "t", EwsNames.T));
        return body;
    }

    private static XDocument Fault(string code, string message, IReadOnlyDictionary<string, string> messageXml)
    {
        var detail = new XElement("detail",
            new XElement(EwsNames.E + "ResponseCode", new XAttribute(XNamespace.Xmlns + "e", EwsNames.E), code),
            new XElement(EwsNames.E + "Message", new XAttribute(XNamespace.Xmlns + "e", EwsNames.E), message));
        if (messageXml.Count > 0)
        {
            detail.Add(new XElement(EwsNames.T + "MessageXml",
                new XAttribute(XNamespace.Xmlns + "t", EwsNames.T),
                messageXml.Select(p => p.Key == "BackOffMilliseconds"
                    ? new XElement(EwsNames.T + "Value", new XAttribute("Name", p.Key), p.Value)
                    : new XElement(EwsNames.T + p.Key, p.Value))));
        }

        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(EwsNames.Soap + "Envelope",
                new XAttribute(XNamespace.Xmlns + "s", EwsNames.Soap),
                new XElement(EwsNames.Soap + "Body",
                    new XElement(EwsNames.Soap + "Fault",
                        new XElement("faultcode", new XAttribute(XNamespace.Xmlns + "a", EwsNames.T), "a:" + code),
                        new XElement("faultstring", new XAttribute(XNamespace.Xml + "lang", "en-US"), message),
                        detail))));
    }

    /// <summary>Builds one response message: Success with its payload, or Error with code and text.</summary>
    private static XElement Message(string operation, OperationContext context, Func<IEnumerable<XElement>> payload, Func<IEnumerable<XElement>>? onError = null)
    {
        var name = EwsNames.M + operation + "ResponseMessage";
        if (context.BusyBackOffMs is { } backOff)
        {
            return new XElement(name,
                new XAttribute("ResponseClass", "Error"),
                new XElement(EwsNames.M + "MessageText",
                    $"The server cannot service this request right now. Try again later., This operation exceeds the throttling budget for policy part 'ConcurrentSyncCalls', policy value '5',  Budget type: 'Ews'.  Suggested backoff time {backOff} ms."),
                new XElement(EwsNames.M + "ResponseCode", "ErrorServerBusy"),
                new XElement(EwsNames.M + "DescriptiveLinkKey", "0"),
                new XElement(EwsNames.M + "MessageXml",
                    new XElement(EwsNames.T + "Value", new XAttribute("Name", "BackOffMilliseconds"), backOff.ToString(CultureInfo.InvariantCulture))),
                onError?.Invoke());
        }

        try
        {
            var content = payload().ToList();
            return new XElement(name, new XAttribute("ResponseClass", "Success"), new XElement(EwsNames.M + "ResponseCode", "NoError"), content);
        }
        catch (EwsItemException e)
        {
            return new XElement(name,
                new XAttribute("ResponseClass", "Error"),
                new XElement(EwsNames.M + "MessageText", e.Message),
                new XElement(EwsNames.M + "ResponseCode", e.ResponseCode),
                new XElement(EwsNames.M + "DescriptiveLinkKey", "0"),
                onError?.Invoke());
        }
    }

    private sealed record OperationContext(FakeMailbox Mailbox, TimeZoneInfo? TimeZone, int? BusyBackOffMs);
}
