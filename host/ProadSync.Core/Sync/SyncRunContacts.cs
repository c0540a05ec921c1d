using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;

namespace ProadSync.Core.Sync;

/// <summary>The contacts export of a run (SPEC section 8, D-7).</summary>
internal sealed partial class SyncRun
{
    private async Task<ContactPlan> ReadContactsAsync(CancellationToken ct)
    {
        var target = _request.Contacts!;
        var contacts = (await _leading.ListContactsAsync(activeOnly: false, ct)).ToDictionary(c => c.Id);
        var links = await _leading.ListLinksAsync(_account.Id, LinkKind.Contact, ct);
        var listed = (await target.ListAsync(ct)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var plan = new ContactPlan();
        var live = links.Count(l => l.Active);
        var suspicious = listed.Count == 0 && live > 0;
        if (suspicious)
        {
            _report.Warn($"The address book listed no contacts at all although {live} are exported; the listing was treated as no information.");
        }

        var linked = new HashSet<long>();
        foreach (var link in links)
        {
            linked.Add(link.LeadingId);
            if (!link.Active)
            {
                plan.Skips.Add((link.LeadingId, link.ExternalId, "Taken out of the export: " + (link.InactiveReason ?? "link deactivated") + " (R-CON-5)."));
                continue;
            }

            contacts.TryGetValue(link.LeadingId, out var contact);
            if (!listed.TryGetValue(link.ExternalId, out var external))
            {
                if (!suspicious)
                {
                    plan.Items.Add(new ContactWork(contact, link, null, PlanAction.DeactivateLink, "Deleted externally: taken out of the export, not re-created (R-CON-5)."));
                }

                continue;
            }

            if (contact is null)
            {
                plan.Skips.Add((link.LeadingId, link.ExternalId, "Deleted in the leading system; the exported copy stays (R-CON-6)."));
            }
            else if (!contact.Active)
            {
                plan.Skips.Add((link.LeadingId, link.ExternalId, "Inactive: no longer updated, not removed (D-7)."));
            }
            else if (contact.Revision != link.LeadingRevision)
            {
                plan.Items.Add(new ContactWork(contact, link, external, PlanAction.UpdateContact, "Changed in the leading system (R-CON-4)."));
            }
        }

        foreach (var contact in contacts.Values.Where(c => c.Active && !linked.Contains(c.Id)).OrderBy(c => c.Id))
        {
            plan.Items.Add(new ContactWork(contact, null, null, PlanAction.CreateContact, "Active contact not yet exported (R-CON-1, R-CON-3)."));
        }

        return plan;
    }

    private async Task ExecuteContactsAsync(ContactPlan plan, CancellationToken ct)
    {
        foreach (var skip in plan.Skips)
        {
            _ = skip;
            _report.Count(RunReportBuilder.Counters.ContactsSkipped);
        }

        foreach (var work in plan.Items)
        {
            try
            {
                await ExecuteContactAsync(work, ct);
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or TargetAuthenticationException or TargetConfigurationException))
            {
                _report.Fail(LinkKind.Contact, work.Contact?.Id ?? work.Link?.LeadingId, work.Link?.ExternalId, ex.Message);
            }
        }
    }

    private async Task ExecuteContactAsync(ContactWork work, CancellationToken ct)
    {
        var target = _request.Contacts!;
        switch (work.Action)
        {
            case PlanAction.DeactivateLink:
                await SaveLinkAsync(work.Link! with { Active = false, InactiveReason = "externally deleted" }, ct);
                _report.Count(RunReportBuilder.Counters.LinksDeactivated);
                return;
            case PlanAction.CreateContact:
            {
                var contact = work.Contact!;
                var identity = SyncIdentity.ForContact(_database, contact.Id);
                var created = await target.CreateAsync(identity, ContactContent(contact), ct);
                var item = created.Item;
                if (created.Adopted)
                {
                    item = await target.UpdateAsync(item, ContactContent(contact), ct);
                }

                await SaveLinkAsync(
                    new SyncLink
                    {
                        AccountId = _account.Id,
                        Kind = LinkKind.Contact,
                        LeadingId = contact.Id,
                        Identity = identity,
                        ExternalId = item.Id,
                        ExternalVersion = item.Version.Value,
                        LeadingRevision = contact.Revision,
                    },
                    ct);
                _report.Count(RunReportBuilder.Counters.ContactsCreated);
                return;
            }

            case PlanAction.UpdateContact:
            {
                var contact = work.Contact!;
                var current = work.External!;
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        var written = await target.UpdateAsync(current, ContactContent(contact), ct);
                        await SaveLinkAsync(work.Link! with { ExternalVersion = written.Version.Value, LeadingRevision = contact.Revision }, ct);
                        _report.Count(RunReportBuilder.Counters.ContactsUpdated);
                        return;
                    }
                    catch (VersionConflictException) when (attempt < _options.MaxConflictRetries)
                    {
                        // One way only (R-CON-4): the external edit is not taken back; write over the fresh version.
                        var read = await target.GetAsync([current.Id], ct);
                        var fresh = read.Count > 0 ? read[0] : null;
                        if (fresh is null)
                        {
                            throw new ItemNotFoundException(current.Id);
                        }

                        current = fresh.Item;
                    }
                    catch (ItemNotFoundException)
                    {
                        await SaveLinkAsync(work.Link! with { Active = false, InactiveReason = "externally deleted" }, ct);
                        _report.Count(RunReportBuilder.Counters.LinksDeactivated);
                        return;
                    }
                }
            }

            default:
                return;
        }
    }

    private ContactData ContactContent(Contact contact) =>
        contact.Data with { SourceTag = SyncIdentity.ContactSourceTag(_database, contact.Id) };

    /// <summary>The contacts part of a run's plan.</summary>
    private sealed class ContactPlan
    {
        public List<ContactWork> Items { get; } = [];

        public List<(long LeadingId, string ExternalId, string Reason)> Skips { get; } = [];

        public void AddToPlan(RunReportBuilder report)
        {
            foreach (var item in Items)
            {
                report.Plan(new PlanEntry(LinkKind.Contact, item.Contact?.Id ?? item.Link?.LeadingId, item.Link?.ExternalId, item.Action, item.Reason));
            }

            foreach (var (leadingId, externalId, reason) in Skips)
            {
                report.Skip(LinkKind.Contact, leadingId, externalId, reason);
            }
        }
    }

    private sealed record ContactWork(Contact? Contact, SyncLink? Link, ExternalItemRef? External, PlanAction Action, string Reason);
}
