using ProadSync.Cli;

return await CliApp.RunAsync(args, CliEnvironment.FromConsole(), CancellationToken.None);
