using System.Globalization;
using System.Xml.Linq;
using ProadSync.Abstractions.Errors;

namespace ProadSync.Plugin.Exchange.Ews;

/// <summary>Reads EWS responses: response messages, SOAP faults, and the error each code means for the host.</summary>
internal static class EwsResponses
{
    /// <summary>Returns the response messages of an operation's response.</summary>
    /// <exception cref="TargetConfigurationException">The document is not an EWS response for the operation.</exception>
    public static IReadOnlyList<EwsResponseMessage> Messages(XDocument document, string operation)
    {
        var response = document.Root?.Element(EwsXml.Soap + "Body")?.Element(EwsXml.M + operation + "Response")
            ?? throw new TargetConfigurationException($"The Exchange server's answer to {operation} is not an EWS {operation}Response.");
        var messages = response.Element(EwsXml.M + "ResponseMessages")?.Elements().ToList()
            ?? throw new TargetConfigurationException($"The Exchange server's answer to {operation} has no ResponseMessages.");
        return messages.Select(Parse).ToList();
    }

    /// <summary>Reads one response message.</summary>
    public static EwsResponseMessage Parse(XElement message)
    {
        var responseClass = (string?)message.Attribute("ResponseClass") ?? "Error";
        var code = message.Element(EwsXml.M + "ResponseCode")?.Value ?? (responseClass == "Success" ? "NoError" : "ErrorUnknown");
        var text = message.Element(EwsXml.M + "MessageText")?.Value;
        return new EwsResponseMessage(responseClass, code, text, BackOff(message.Element(EwsXml.M + "MessageXml")), message);
    }

    /// <summary>Reads a SOAP fault: its response code, message and back-off, or <see langword="null"/> when the document has none.</summary>
    public static (string Code, string Message, int? BackOffMilliseconds)? Fault(XDocument document)
    {
        var fault = document.Root?.Element(EwsXml.Soap + "Body")?.Element(EwsXml.Soap + "Fault");
        if (fault is null)
        {
            return null;
        }

        var detail = fault.Element("detail");
        var code = detail?.Element(EwsXml.E + "ResponseCode")?.Value;
        if (code is null)
        {
            var faultCode = fault.Element("faultcode")?.Value ?? "ErrorUnknown";
            code = faultCode[(faultCode.IndexOf(':', StringComparison.Ordinal) + 1)..];
        }

        var message = detail?.Element(EwsXml.E + "Message")?.Value ?? fault.Element("faultstring")?.Value ?? string.Empty;
        return (code, message, BackOff(detail?.Element(EwsXml.T + "MessageXml")));
    }

    /// <summary>The exception a failed response message means for the item <paramref name="itemId"/>.</summary>
    public static TargetException ToException(EwsResponseMessage message, string? itemId) => message.ResponseCode switch
    {
        "ErrorServerBusy" or "ErrorExceededConnectionCount" or "ErrorInternalServerTransientError" or "ErrorMailboxStoreUnavailable"
            or "ErrorMailboxMoveInProgress" or "ErrorTimeoutExpired" or "ErrorTooManyObjectsOpened" =>
            new TransientTargetException($"The Exchange server is busy ({message.ResponseCode}); try again later.",
                message.BackOffMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null),
        "ErrorIrresolvableConflict" or "ErrorStaleObject" or "ErrorChangeKeyRequiredForWriteOperations" => new VersionConflictException(itemId ?? "?"),
        "ErrorItemNotFound" or "ErrorInvalidIdMalformed" => new ItemNotFoundException(itemId ?? "?"),
        "ErrorImpersonateUserDenied" or "ErrorImpersonationDenied" =>
            new TargetAuthenticationException($"The Exchange account may not impersonate the mailbox: {message.ResponseCode}: {message.MessageText}"),
        "ErrorAccessDenied" or "ErrorFolderNotFound" or "ErrorNonExistentMailbox" =>
            new TargetConfigurationException($"The Exchange mailbox cannot be used: {message.ResponseCode}: {message.MessageText}"),
        _ => new ItemRejectedException($"Exchange refused the item{(itemId is null ? string.Empty : " '" + itemId + "'")}: {message.ResponseCode}: {message.MessageText}"),
    };

    private static int? BackOff(XElement? messageXml)
    {
        var value = messageXml?.Elements(EwsXml.T + "Value").FirstOrDefault(v => (string?)v.Attribute("Name") == "BackOffMilliseconds")?.Value;
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= 0 ? ms : null;
    }
}
