using System.Diagnostics;

namespace McpDataEnv.Tests.Support;

/// <summary>Runs a child process to completion with a deadline, capturing stdout and stderr.</summary>
public static class ProcessRunner
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static async Task<Outcome> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null, IDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? TestPaths.RepoRoot,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout}. stderr: {await stderr}");
        }

        return new Outcome(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs the built server's CLI (<c>dotnet McpDataEnv.dll ...</c>).</summary>
    public static Task<Outcome> RunCliAsync(params string[] args) =>
        RunAsync("dotnet", new[] { TestPaths.ServerDll }.Concat(args), TimeSpan.FromMinutes(2));
}
