using McpDataEnv.Core.Environments;

namespace McpDataEnv.Core.Scripting;

/// <summary>One <c>run_script</c> call.</summary>
/// <param name="Code">ES5.1 JavaScript; its completion value (last expression statement) is the result.</param>
/// <param name="InputsJson">JSON text exposed to the script as the global <c>inputs</c>, or null for <c>{}</c>.</param>
/// <param name="Limits">Per-run limits (timeout, output, logs, sql calls and rows). Process-wide limits (memory,
/// workers, concurrency) come from the settings the <see cref="ScriptSandbox"/> was created with.</param>
public sealed record ScriptRunRequest(string Code, string? InputsJson, ScriptSettings Limits);
