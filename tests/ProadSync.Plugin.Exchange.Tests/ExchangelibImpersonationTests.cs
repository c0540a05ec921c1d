using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.FakeEws;
using ProadSync.Tests.Shared;

namespace ProadSync.Plugin.Exchange.Tests;

/// <summary>
/// Issue 5, cross-checked with an independent client: Debian's python3-exchangelib impersonates a mailbox
/// (<c>access_type=IMPERSONATION</c>) and creates a calendar item there; the plugin, impersonating the same mailbox
/// with the option <c>impersonate</c>, sees it, and the plugin without the option (the service account's own
/// mailbox) does not. Needs <c>apt-get install -y python3-exchangelib</c>; without it the test fails (never skipped).
/// </summary>
public sealed class ExchangelibImpersonationTests
{
    private static readonly DateRange Window = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Test]
    [Description("issue 5: an item exchangelib created by impersonation is seen by the plugin impersonating the same mailbox")]
    public async Task Plugin_sees_what_exchangelib_created_by_impersonation()
    {
        await using var server = await FakeEwsServer.StartAsync(new FakeEwsOptions
        {
            Users = new Dictionary<string, string> { ["svc"] = "s3cret", ["plain"] = "pw" },
            SmtpAddresses = new Dictionary<string, string> { ["boss@example.test"] = "boss" },
            Impersonators = ["svc"],
        }, CancellationToken.None);
        var output = await ExchangelibScript.RunAsync("check_impersonation.py", server.Endpoint.ToString(), "svc", "s3cret", "boss@example.test", "Board meeting", "plain", "pw");
        Assert.That(output, Does.Contain("exchangelib impersonation check passed"));
        var id = ExchangelibScript.CreatedId(output);

        ICalendarTargetFactory factory = new ExchangeTargetFactory();
        TargetSettings Settings(Dictionary<string, string> options) => new()
        {
            Url = server.Endpoint.ToString(),
            UserName = "svc",
            Password = "s3cret",
            Options = options,
        };

        await using (var impersonating = await factory.CreateAsync(Settings(new() { ["impersonate"] = "boss@example.test" }), CancellationToken.None))
        {
            var changes = await impersonating.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None);
            Assert.That(changes.Items.Select(i => i.Id), Is.EqualTo(new[] { id }));
            var fetched = (await impersonating.GetAsync(TodoKind.Appointment, [id], CancellationToken.None)).Single();
            Assert.That(fetched.Content!.Subject, Is.EqualTo("Board meeting"));
            Assert.That(fetched.Content.Location, Is.EqualTo("Board room"));
        }

        await using (var own = await factory.CreateAsync(Settings([]), CancellationToken.None))
        {
            var changes = await own.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None);
            Assert.That(changes.Items, Is.Empty, "the service account's own calendar does not have it");
        }

        Assert.That(server.State.Mailbox("boss").ImpersonatedRequestsWithoutAnchorMailbox, Is.Zero, "both clients sent X-AnchorMailbox");
    }
}
