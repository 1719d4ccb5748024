using McpDataEnv.ScriptHost;

// Must precede the first Regex anywhere in the process: scripts' regexes then time out instead of hanging.
AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(1));

ParentWatch.Start();
var channel = HostChannel.FromConsole();
return new WorkerLoop(channel).Run();
