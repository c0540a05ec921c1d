using ProadSync.FakeEws;

// Usage: ProadSync.FakeEws --urls http://127.0.0.1:PORT --user name:password [--user …]
//        [--smtp user:address …] [--impersonator user …]
// Users may also come from FAKEEWS_USERS ("name:password;name2:password2").
var users = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
var smtpAddresses = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
var impersonators = new List<string>();
var url = "http://127.0.0.1:5080";
var rest = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--user" && i + 1 < args.Length)
    {
        AddUser(args[++i]);
    }
    else if (args[i] == "--smtp" && i + 1 < args.Length)
    {
        // --smtp user:address gives the user's mailbox an SMTP address (for ExchangeImpersonation).
        var pair = args[++i];
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            smtpAddresses[pair[(colon + 1)..]] = pair[..colon];
        }
    }
    else if (args[i] == "--impersonator" && i + 1 < args.Length)
    {
        // --impersonator user gives the user the ApplicationImpersonation role.
        impersonators.Add(args[++i]);
    }
    else if (args[i] == "--urls" && i + 1 < args.Length)
    {
        url = args[++i];
    }
    else
    {
        rest.Add(args[i]);
    }
}

foreach (var pair in (Environment.GetEnvironmentVariable("FAKEEWS_USERS") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
{
    AddUser(pair);
}

if (users.Count == 0)
{
    await Console.Error.WriteLineAsync("No users: pass --user name:password (or FAKEEWS_USERS).");
    return 2;
}

var app = FakeEwsServer.Build(new FakeEwsOptions { Users = users, Url = url, SmtpAddresses = smtpAddresses, Impersonators = impersonators }, [.. rest], out _);
await app.StartAsync();
Console.WriteLine($"FakeEws listening on {string.Join(", ", app.Urls)}");
await app.WaitForShutdownAsync();
return 0;

void AddUser(string pair)
{
    var colon = pair.IndexOf(':', StringComparison.Ordinal);
    if (colon > 0)
    {
        users[pair[..colon]] = pair[(colon + 1)..];
    }
}
