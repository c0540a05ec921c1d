using Microsoft.Graph.Models;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.Plugin.Graph.Mapping;

namespace ProadSync.Plugin.Graph.Targets;

/// <summary>A mailbox's root Contacts folder, reached app-only through Microsoft Graph (SPEC section 8).</summary>
internal sealed class GraphContactTarget(GraphConnection connection) : IContactTarget
{
    public Task<ConnectionTestReport> TestConnectionAsync(CancellationToken cancellationToken) =>
        GraphConnectionTest.RunAsync(connection, calendar: false, tasks: false, contacts: true, cancellationToken);

    public async Task<IReadOnlyList<ExternalItemRef>> ListAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = new List<ExternalItemRef>();
            var builder = connection.Mailbox.Contacts;
            var page = await builder.GetAsync(
                c =>
                {
                    c.QueryParameters.Select = ["id"];
                    c.QueryParameters.Top = connection.Account.PageSize;
                },
                cancellationToken);
            while (page is not null)
            {
                result.AddRange((page.Value ?? []).Where(c => c.Id is not null).Select(GraphItems.RefOf));
                page = page.OdataNextLink is { } next ? await builder.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
            }

            return result;
        }
        catch (Exception ex)
        {
            throw GraphErrors.Map(ex, "listing contacts");
        }
    }

    public async Task<IReadOnlyList<FetchedContact>> GetAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var result = new List<FetchedContact>(ids.Count);
        foreach (var id in ids)
        {
            try
            {
                var contact = await connection.Mailbox.Contacts[id].GetAsync(
                    c => c.QueryParameters.Expand = [ExtendedProperties.Expand(GraphTags.SourceTagProperty, GraphTags.FaxProperty)], cancellationToken);
                if (contact is not null)
                {
                    result.Add(new FetchedContact(GraphItems.RefOf(contact), ContactMapper.FromGraph(contact)));
                }
            }
            catch (Exception ex) when (GraphErrors.IsNotFound(ex))
            {
                // Deleted externally: left out.
            }
            catch (Exception ex)
            {
                throw GraphErrors.Map(ex, "reading a contact", id);
            }
        }

        return result;
    }

    public async Task<CreateResult> CreateAsync(string identity, ContactData contact, CancellationToken cancellationToken)
    {
        try
        {
            var found = await connection.Mailbox.Contacts.GetAsync(
                c =>
                {
                    c.QueryParameters.Filter = ExtendedProperties.FilterByValue(GraphTags.IdentityProperty, identity);
                    c.QueryParameters.Select = ["id"];
                    c.QueryParameters.Top = 1;
                },
                cancellationToken);
            if (found?.Value?.FirstOrDefault() is { } existing)
            {
                return new CreateResult(GraphItems.RefOf(existing), Adopted: true);
            }

            var body = ContactMapper.ToGraph(contact);
            body.SingleValueExtendedProperties!.Add(new SingleValueLegacyExtendedProperty { Id = GraphTags.IdentityProperty, Value = identity });
            var created = await connection.Mailbox.Contacts.PostAsync(body, cancellationToken: cancellationToken);
            return new CreateResult(GraphItems.RefOf(created!), Adopted: false);
        }
        catch (Exception ex)
        {
            throw GraphErrors.Map(ex, "creating a contact", null, isWrite: true);
        }
    }

    public async Task<ExternalItemRef> UpdateAsync(ExternalItemRef item, ContactData contact, CancellationToken cancellationToken)
    {
        try
        {
            var updated = await connection.Mailbox.Contacts[item.Id].PatchAsync(
                ContactMapper.ToGraph(contact), c => c.Headers.Add("If-Match", item.Version.Value), cancellationToken);
            return updated is null ? item : GraphItems.RefOf(updated);
        }
        catch (Exception ex)
        {
            throw GraphErrors.Map(ex, "updating a contact", item.Id, isWrite: true);
        }
    }

    public ValueTask DisposeAsync()
    {
        connection.Dispose();
        return ValueTask.CompletedTask;
    }
}
