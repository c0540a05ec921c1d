using ProadSync.Abstractions.Models;
using ProadSync.Plugin.Exchange.Ews;

namespace ProadSync.Plugin.Exchange;

/// <summary>Finds an item we created earlier by our identity tag, so an interrupted run never leaves a duplicate.</summary>
internal static class ExchangeAdoption
{
    public static async Task<ExternalItemRef?> FindByIdentityAsync(EwsClient client, string folder, string identity, CancellationToken cancellationToken)
    {
        var message = await client.SendOneAsync("FindItem", EwsRequests.FindItem(folder, 0, 1, identity), cancellationToken);
        if (!message.IsSuccess)
        {
            throw EwsResponses.ToException(message, null);
        }

        var first = message.Element.Element(EwsXml.M + "RootFolder")?.Element(EwsXml.T + "Items")?.Elements().FirstOrDefault();
        return first is null ? null : ExchangeCalendarTarget.Reference(first, null);
    }
}
