using System.Diagnostics;
using System.Globalization;
using System.Text;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Scripting;

/// <summary>Builds the start information of a worker: which binary, and a minimal environment without the server's secrets.</summary>
internal sealed class WorkerLaunch(ScriptSandboxOptions options, int memoryMb)
{
    private const string WorkerDll = "McpDataEnv.ScriptHost.dll";

    public ProcessStartInfo Create()
    {
        var dll = options.WorkerAssemblyPath ?? Path.Combine(AppContext.BaseDirectory, WorkerDll);
        if (!File.Exists(dll))
            throw new DataEnvException(ErrorCodes.ToolDisabled, "run_script is unavailable: the script worker is not installed next to the server.");
        var muxer = FindMuxer();
        var apphost = Path.Combine(Path.GetDirectoryName(dll)!, Path.GetFileNameWithoutExtension(dll));
        var info = muxer is not null ? new ProcessStartInfo(muxer) : new ProcessStartInfo(apphost);
        if (muxer is not null) info.ArgumentList.Add(dll);
        info.RedirectStandardInput = info.RedirectStandardOutput = info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.StandardInputEncoding = info.StandardOutputEncoding = info.StandardErrorEncoding = new UTF8Encoding(false);
        info.WorkingDirectory = ScratchDirectory();
        SetMinimalEnvironment(info, muxer);
        return info;
    }

    private void SetMinimalEnvironment(ProcessStartInfo info, string? muxer)
    {
        // Nothing inherited: the server's environment may hold connection strings and tokens (MCPDATAENV_PG...).
        info.Environment.Clear();
        info.Environment["DOTNET_GCHeapHardLimit"] = "0x" + ((long)memoryMb * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_EnableDiagnostics"] = "0";
        // Recompile the interpreter's hot methods as soon as the warm-up has called them, not 100 ms later.
        info.Environment["DOTNET_TC_CallCountingDelayMs"] = "0";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["HOME"] = info.WorkingDirectory;
        info.Environment["TMPDIR"] = info.WorkingDirectory;
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? (muxer is null ? null : Path.GetDirectoryName(ResolveLink(muxer)));
        if (root is not null) info.Environment["DOTNET_ROOT"] = root;
    }

    private string? FindMuxer()
    {
        if (options.DotnetHostPath is { } configured) return configured;
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)) return hostPath;
        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, exe))
            .FirstOrDefault(File.Exists);
    }

    private static string ResolveLink(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    private static string ScratchDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mcpdataenv-scripthost");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
