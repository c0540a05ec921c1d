using System.Xml.Linq;

namespace ProadSync.FakeEws.Protocol;

/// <summary>The XML namespaces of EWS.</summary>
internal static class EwsNames
{
    public static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace T = "http://schemas.microsoft.com/exchange/services/2006/types";
    public static readonly XNamespace M = "http://schemas.microsoft.com/exchange/services/2006/messages";
    public static readonly XNamespace E = "http://schemas.microsoft.com/exchange/services/2006/errors";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
}
