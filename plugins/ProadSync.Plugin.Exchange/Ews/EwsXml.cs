using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ProadSync.Plugin.Exchange.Ews;

/// <summary>EWS namespaces and the SOAP envelope every request shares.</summary>
internal static class EwsXml
{
    public const string SoapNs = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string TypesNs = "http://schemas.microsoft.com/exchange/services/2006/types";
    public const string MessagesNs = "http://schemas.microsoft.com/exchange/services/2006/messages";
    public const string ErrorsNs = "http://schemas.microsoft.com/exchange/services/2006/errors";

    /// <summary>The schema version we request: Exchange 2013 SP1 covers everything we use and every on-premises server since.</summary>
    public const string RequestServerVersion = "Exchange2013_SP1";

    public static readonly XNamespace Soap = SoapNs;
    public static readonly XNamespace T = TypesNs;
    public static readonly XNamespace M = MessagesNs;
    public static readonly XNamespace E = ErrorsNs;

    /// <summary>Writes a complete request: envelope, RequestServerVersion header and the operation written by <paramref name="body"/>.</summary>
    public static string Envelope(Action<XmlWriter> body)
    {
        var builder = new StringBuilder();
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false, Encoding = new UTF8Encoding(false) };
        using (var writer = XmlWriter.Create(builder, settings))
        {
            writer.WriteStartElement("soap", "Envelope", SoapNs);
            writer.WriteAttributeString("xmlns", "t", null, TypesNs);
            writer.WriteAttributeString("xmlns", "m", null, MessagesNs);
            writer.WriteStartElement("Header", SoapNs);
            writer.WriteStartElement("RequestServerVersion", TypesNs);
            writer.WriteAttributeString("Version", RequestServerVersion);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteStartElement("Body", SoapNs);
            body(writer);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + builder;
    }

    /// <summary>
    /// Adds the <c>ExchangeImpersonation</c> SOAP header to a request written by <see cref="Envelope"/>: a
    /// <c>ConnectingSID</c> with the <c>SmtpAddress</c> of the mailbox to act on, placed after
    /// <c>RequestServerVersion</c> (and after <c>TimeZoneContext</c>, if any), the header order of Microsoft's
    /// impersonation example.
    /// </summary>
    /// <param name="requestXml">A request from <see cref="Envelope"/>.</param>
    /// <param name="smtpAddress">The SMTP address of the mailbox to impersonate.</param>
    /// <returns>The request with the impersonation header.</returns>
    public static string Impersonate(string requestXml, string smtpAddress)
    {
        var document = XDocument.Parse(requestXml);
        var header = document.Root!.Element(Soap + "Header")!;
        var impersonation = new XElement(T + "ExchangeImpersonation",
            new XElement(T + "ConnectingSID",
                new XElement(T + "SmtpAddress", smtpAddress)));
        var anchor = header.Elements().LastOrDefault(e => e.Name == T + "RequestServerVersion" || e.Name == T + "TimeZoneContext");
        if (anchor is null)
        {
            header.AddFirst(impersonation);
        }
        else
        {
            anchor.AddAfterSelf(impersonation);
        }

        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + document.Root.ToString(SaveOptions.DisableFormatting);
    }

    public static void StartT(this XmlWriter writer, string name) => writer.WriteStartElement(name, TypesNs);

    public static void StartM(this XmlWriter writer, string name) => writer.WriteStartElement(name, MessagesNs);

    public static void ElementT(this XmlWriter writer, string name, string value) => writer.WriteElementString(name, TypesNs, value);

    public static void ElementM(this XmlWriter writer, string name, string value) => writer.WriteElementString(name, MessagesNs, value);

    public static void DistinguishedFolder(this XmlWriter writer, string id)
    {
        writer.StartT("DistinguishedFolderId");
        writer.WriteAttributeString("Id", id);
        writer.WriteEndElement();
    }

    public static void ItemId(this XmlWriter writer, string id, string? changeKey)
    {
        writer.StartT("ItemId");
        writer.WriteAttributeString("Id", id);
        if (changeKey is not null)
        {
            writer.WriteAttributeString("ChangeKey", changeKey);
        }

        writer.WriteEndElement();
    }
}
