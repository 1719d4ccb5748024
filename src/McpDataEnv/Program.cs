using McpDataEnv.Cli;

return await CliApp.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
