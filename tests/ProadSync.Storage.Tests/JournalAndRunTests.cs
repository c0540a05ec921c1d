using ProadSync.Core.Leading;

namespace ProadSync.Storage.Tests;

public class JournalAndRunTests : StoreTestBase
{
    [Test, Category("R-GEN-1")]
    public async Task R_GEN_1_journal_keeps_overwritten_external_versions_newest_first()
    {
        var user = await UserAsync();
        var account = await AccountAsync(user);
        var todo = await Store.AddTodoAsync(new TodoDraft(user.Id, Task("t", T0)), Ct);
        var other = await Store.AddTodoAsync(new TodoDraft(user.Id, Task("o", T0)), Ct);
        var oldest = new JournalEntry(todo.Id, account.Id, T0, "both sides changed; the leading version was written out", "/t/1.ics", "\"e1\"", "{\"subject\":\"ä\"}");
        var newest = oldest with { At = T0.AddHours(2), ExternalVersion = "\"e3\"" };
        // Same instant as "newest" but written later, in another offset: the later entry comes first.
        var sameInstant = oldest with { At = T0.AddHours(2).ToOffset(TimeSpan.FromHours(1)), ExternalVersion = "\"e4\"" };
        var middle = oldest with { At = T0.AddHours(1), ExternalVersion = "\"e2\"" };

        await Store.AppendJournalAsync(oldest, Ct);
        await Store.AppendJournalAsync(newest, Ct);
        await Store.AppendJournalAsync(middle, Ct);
        await Store.AppendJournalAsync(sameInstant, Ct);
        await Store.AppendJournalAsync(oldest with { TodoId = other.Id }, Ct);

        var journal = await Store.ListJournalAsync(todo.Id, Ct);

        Assert.That(journal.Select(j => j.ExternalVersion), Is.EqualTo(new[] { "\"e4\"", "\"e3\"", "\"e2\"", "\"e1\"" }));
        Assert.That(journal[^1] with { Id = 0 }, Is.EqualTo(oldest));
        Assert.That(journal[0].At.Offset, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(journal.Select(j => j.Id), Is.All.GreaterThan(0));
    }

    [Test]
    public async Task Journal_needs_an_existing_to_do_and_account_and_goes_with_its_to_do()
    {
        var user = await UserAsync();
        var account = await AccountAsync(user);
        var todo = await Store.AddTodoAsync(new TodoDraft(user.Id, Task("t", T0)), Ct);
        var entry = new JournalEntry(todo.Id, account.Id, T0, "r", "x", "v", "{}");

        Assert.ThrowsAsync<LeadingValidationException>(() => Store.AppendJournalAsync(entry with { TodoId = 999 }, Ct));
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.AppendJournalAsync(entry with { AccountId = 999 }, Ct));
        await Store.AppendJournalAsync(entry, Ct);
        await Store.DeleteTodoAsync(todo.Id, Ct);

        Assert.That(await Store.ListJournalAsync(todo.Id, Ct), Is.Empty);
    }

    [Test]
    public async Task Runs_are_recorded_updated_and_listed_newest_first_with_a_limit()
    {
        var user = await UserAsync();
        var account = await AccountAsync(user);
        var other = await AccountAsync(await UserAsync("bob"), "https://127.0.0.1/bob/");

        var first = await Store.SaveRunAsync(new RunRecord { AccountId = account.Id, StartedAt = T0 }, Ct);
        var second = await Store.SaveRunAsync(new RunRecord { AccountId = account.Id, StartedAt = T0.AddMinutes(5) }, Ct);
        var third = await Store.SaveRunAsync(new RunRecord { AccountId = account.Id, StartedAt = T0.AddMinutes(10) }, Ct);
        await Store.SaveRunAsync(new RunRecord { AccountId = other.Id, StartedAt = T0.AddMinutes(20) }, Ct);
        var finished = second with { FinishedAt = T0.AddMinutes(6), Outcome = "partial", SummaryJson = "{\"created\":3}", Error = "1 item refused — ü" };
        await Store.SaveRunAsync(finished, Ct);

        var latestTwo = await Store.ListRunsAsync(account.Id, 2, Ct);
        var all = await Store.ListRunsAsync(account.Id, 10, Ct);

        Assert.That(first.Id, Is.GreaterThan(0));
        Assert.That(latestTwo.Select(r => r.Id), Is.EqualTo(new[] { third.Id, second.Id }));
        Assert.That(latestTwo[1], Is.EqualTo(finished));
        Assert.That(all.Select(r => r.Id), Is.EqualTo(new[] { third.Id, second.Id, first.Id }));
        Assert.That(all[2].Outcome, Is.EqualTo("running"));
        Assert.That(all[2].FinishedAt, Is.Null);
    }

    [Test]
    public async Task Bad_runs_are_refused()
    {
        var account = await AccountAsync(await UserAsync());
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.SaveRunAsync(new RunRecord { AccountId = account.Id, StartedAt = T0, Outcome = "great" }, Ct));
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.SaveRunAsync(new RunRecord { AccountId = 999, StartedAt = T0 }, Ct));
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.SaveRunAsync(new RunRecord { Id = 999, AccountId = account.Id, StartedAt = T0 }, Ct));
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.SaveRunAsync(new RunRecord { AccountId = account.Id, StartedAt = T0, FinishedAt = T0.AddSeconds(-1) }, Ct));
        Assert.That(await Store.ListRunsAsync(account.Id, 10, Ct), Is.Empty);
    }
}
