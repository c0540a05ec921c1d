using System.Xml.Linq;

namespace ProadSync.Plugin.Exchange.Ews;

/// <summary>One m:…ResponseMessage: its class, code, text, back-off and the element itself (for the payload).</summary>
/// <param name="ResponseClass">Success, Warning or Error.</param>
/// <param name="ResponseCode">NoError or the error code.</param>
/// <param name="MessageText">The server's text, if any.</param>
/// <param name="BackOffMilliseconds">The BackOffMilliseconds value of an ErrorServerBusy, if any.</param>
/// <param name="Element">The response message element.</param>
internal sealed record EwsResponseMessage(string ResponseClass, string ResponseCode, string? MessageText, int? BackOffMilliseconds, XElement Element)
{
    public bool IsSuccess => ResponseClass != "Error";

    /// <summary>The item elements under m:Items (t:CalendarItem, t:Task, t:Contact, …).</summary>
    public IEnumerable<XElement> Items => Element.Element(EwsXml.M + "Items")?.Elements() ?? [];
}
