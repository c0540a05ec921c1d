using ProadSync.Abstractions.Targets;
using ProadSync.FakeEws;

namespace ProadSync.Plugin.Exchange.Tests;

/// <summary>
/// A fresh service account with the ApplicationImpersonation right and a fresh mailbox it acts on, in a running fake
/// EWS server: the settings of a target that impersonates, and the check that nothing landed in the service account's
/// own mailbox and every impersonated request carried <c>X-AnchorMailbox</c>. Shared by the connector-kit fixtures
/// that rerun the kits with impersonation.
/// </summary>
internal sealed class ImpersonatedMailbox
{
    private const string Password = "svc-pass";
    private readonly FakeEwsServer _server;
    private readonly string _serviceAccount;

    /// <summary>Adds both accounts to <paramref name="server"/>, with unique names.</summary>
    /// <param name="server">The running fake.</param>
    public ImpersonatedMailbox(FakeEwsServer server)
    {
        _server = server;
        var suffix = Guid.NewGuid().ToString("N")[..10];
        _serviceAccount = "svc" + suffix;
        TargetUser = "boss" + suffix;
        server.State.AddUser(_serviceAccount, Password);
        server.State.GrantImpersonation(_serviceAccount);
        server.State.AddSmtpAddress(TargetUser, TargetUser + "@example.test");
    }

    /// <summary>The user whose mailbox is impersonated.</summary>
    public string TargetUser { get; }

    /// <summary>The mailbox the target acts on.</summary>
    public FakeMailbox Target => _server.State.Mailbox(TargetUser);

    /// <summary>Settings of a target that logs in as the service account and impersonates <see cref="TargetUser"/>.</summary>
    public TargetSettings Settings => new()
    {
        Url = _server.Endpoint.ToString(),
        UserName = _serviceAccount,
        Password = Password,
        Options = new Dictionary<string, string> { ["impersonate"] = TargetUser + "@example.test" },
    };

    /// <summary>Nothing in the service account's own folders; <c>X-AnchorMailbox</c> on every impersonated request.</summary>
    public void AssertServiceAccountUntouched()
    {
        var own = _server.State.Mailbox(_serviceAccount);
        Assert.Multiple(() =>
        {
            Assert.That(own.ItemIds("calendar").Concat(own.ItemIds("tasks")).Concat(own.ItemIds("contacts")), Is.Empty, "the service account's own mailbox stays empty");
            Assert.That(Target.ImpersonatedRequestsWithoutAnchorMailbox, Is.Zero, "X-AnchorMailbox on every impersonated request");
        });
    }
}
