using System.Xml;
using System.Xml.Linq;
using ProadSync.Plugin.CalDav.Http;

namespace ProadSync.Plugin.CalDav.Xml;

/// <summary>Parses untrusted server XML: DTDs prohibited, no resolver, a character cap.</summary>
internal static class DavXml
{
    /// <summary>Parses a document.</summary>
    /// <param name="text">The XML text.</param>
    /// <param name="maxCharacters">The largest document accepted (0 = no cap beyond the response cap).</param>
    /// <param name="what">What the text is, for the error message ("the PROPFIND answer of …").</param>
    /// <returns>The document.</returns>
    /// <exception cref="DavProtocolException">The text is not well-formed XML, has a DTD or is too large.</exception>
    public static XDocument Parse(string text, long maxCharacters, string what)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            throw new DavProtocolException($"{what} is not valid XML ({ex.Message})", ex);
        }
    }

    /// <summary>Writes a request body (UTF-8, with declaration).</summary>
    /// <param name="root">The root element.</param>
    /// <returns>The text.</returns>
    public static string Serialize(XElement root) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + root.ToString(SaveOptions.DisableFormatting);
}
