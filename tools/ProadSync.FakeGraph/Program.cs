using ProadSync.FakeGraph;

// Standalone: dotnet ProadSync.FakeGraph.dll --urls http://127.0.0.1:5080 [--tenant T --client-id C --client-secret S]
var config = new ConfigurationBuilder().AddCommandLine(args).Build();
var options = new FakeGraphOptions
{
    TenantId = config["tenant"] ?? new FakeGraphOptions().TenantId,
    ClientId = config["client-id"] ?? new FakeGraphOptions().ClientId,
    ClientSecret = config["client-secret"] ?? new FakeGraphOptions().ClientSecret,
    CreateMailboxesOnDemand = true,
};
var app = FakeGraphServer.Build(args, new FakeGraphState(options, TimeProvider.System));
await app.RunAsync();
