using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.Plugin.Graph.Targets;

namespace ProadSync.Plugin.Graph.Tests;

public sealed class CursorAndSettingsTests
{
    [Test]
    public void The_baseline_widens_the_window_to_whole_months()
    {
        var (start, end) = GraphCalendarTarget.Baseline(new DateRange(
            new DateTimeOffset(2025, 11, 27, 20, 0, 0, TimeSpan.FromHours(1)),
            new DateTimeOffset(2027, 11, 27, 20, 0, 0, TimeSpan.FromHours(1))));

        Assert.That(start, Is.EqualTo(new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(end, Is.EqualTo(new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("not json")]
    [TestCase("{\"V\":2,\"Kind\":\"task\",\"DeltaLink\":\"x\"}")]
    public void A_cursor_the_plugin_cannot_read_means_a_full_listing(string? value)
    {
        Assert.That(GraphCursor.Parse(value), Is.Null);
    }

    [Test]
    public void A_cursor_round_trips()
    {
        var cursor = new GraphCursor(1, "appointment", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), "http://127.0.0.1/x?$deltatoken=1");
        Assert.That(GraphCursor.Parse(cursor.Serialize()), Is.EqualTo(cursor));
    }

    [Test]
    public void Settings_default_to_the_public_Graph_and_read_options_case_insensitively()
    {
        var account = GraphAccount.FromSettings(new TargetSettings
        {
            Url = "",
            UserName = "anna@contoso.example",
            Password = "secret",
            Options = new Dictionary<string, string> { ["TENANTID"] = "t", ["clientid"] = "c", ["PageSize"] = "50" },
        });

        Assert.Multiple(() =>
        {
            Assert.That(account.GraphUrl, Is.EqualTo(new Uri("https://graph.microsoft.com/v1.0")));
            Assert.That(account.TenantId, Is.EqualTo("t"));
            Assert.That(account.ClientId, Is.EqualTo("c"));
            Assert.That(account.PageSize, Is.EqualTo(50));
            Assert.That(account.Authority, Is.Null, "Azure.Identity is used when no authority is given");
        });
    }

    [TestCase("pageSize", "0")]
    [TestCase("maxRetryAfterSeconds", "soon")]
    [TestCase("authority", "http://login.example")]
    public void Bad_options_are_refused_with_their_name(string option, string value)
    {
        var settings = new TargetSettings
        {
            Url = "https://graph.microsoft.com/v1.0",
            UserName = "anna@contoso.example",
            Password = "secret",
            Options = new Dictionary<string, string> { ["tenantId"] = "t", ["clientId"] = "c", [option] = value },
        };

        var ex = Assert.Throws<Abstractions.Errors.TargetConfigurationException>(() => GraphAccount.FromSettings(settings));
        Assert.That(ex!.Message, Does.Contain(option));
    }
}
