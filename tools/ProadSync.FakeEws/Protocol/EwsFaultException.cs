namespace ProadSync.FakeEws.Protocol;

/// <summary>A request-level failure answered with a SOAP fault (HTTP 500), as Exchange does for schema errors.</summary>
internal sealed class EwsFaultException : Exception
{
    public EwsFaultException(string responseCode, string message, IReadOnlyDictionary<string, string>? messageXml = null)
        : base(message)
    {
        ResponseCode = responseCode;
        MessageXmlValues = messageXml ?? new Dictionary<string, string>();
    }

    public string ResponseCode { get; }

    public IReadOnlyDictionary<string, string> MessageXmlValues { get; }

    public static EwsFaultException Schema(string violation) =>
        new("ErrorSchemaValidation", "The request failed schema validation: " + violation,
            new Dictionary<string, string> { ["LineNumber"] = "1", ["LinePosition"] = "1", ["Violation"] = violation });
}
