using ProadSync.Tests.Shared;

namespace ProadSync.FakeEws.Tests;

/// <summary>
/// Runs an independent EWS client, Debian's python3-exchangelib, against the fake: create, read, update, delete and
/// sync calendar items, tasks and contacts, and Exchange impersonation. Needs
/// <c>apt-get install -y python3-exchangelib</c>; without it the tests fail (they are never skipped).
/// </summary>
public sealed class ExchangelibCrossCheckTests
{

    [Test]
    public async Task Exchangelib_can_create_read_update_delete_and_sync_against_the_fake()
    {
        await using var server = await FakeEwsServer.StartAsync(
            new FakeEwsOptions { Users = new Dictionary<string, string> { ["alice"] = "s3cret" } }, CancellationToken.None);
        var output = await ExchangelibScript.RunAsync("check_fake_ews.py", server.Endpoint.ToString(), "alice", "s3cret");
        Assert.That(output, Does.Contain("exchangelib cross-check passed"));
    }

    [Test]
    [Description("issue 5: exchangelib with access_type=IMPERSONATION acts on the target mailbox; without the role it gets ErrorImpersonateUserDenied")]
    public async Task Exchangelib_impersonation_acts_on_the_target_mailbox_only()
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
        var boss = server.State.Mailbox("boss");
        Assert.Multiple(() =>
        {
            Assert.That(boss.ItemIds("calendar"), Is.EqualTo(new[] { id }), "the item is in the target's calendar");
            Assert.That(boss.Find(id)!.GetValue("Subject"), Is.EqualTo("Board meeting"));
            Assert.That(server.State.Mailbox("svc").ItemIds("calendar"), Is.Empty, "not in the service account's");
            Assert.That(server.State.Mailbox("plain").ItemIds("calendar"), Is.Empty);
            Assert.That(boss.ImpersonatedRequests, Is.GreaterThan(0));
            Assert.That(boss.ImpersonatedRequestsWithoutAnchorMailbox, Is.Zero, "exchangelib sends X-AnchorMailbox, and the fake recognises it");
        });
    }
}
