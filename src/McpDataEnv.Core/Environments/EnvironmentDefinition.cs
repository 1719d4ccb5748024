using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Metrics;

namespace McpDataEnv.Core.Environments;

/// <summary>A loaded, validated environment folder: its physics, geography and constitution.</summary>
/// <param name="RootPath">Absolute path of the environment folder.</param>
public sealed record EnvironmentDefinition(
    string Name,
    string Description,
    string RootPath,
    DatabaseSettings Database,
    LimitSettings Limits,
    IReadOnlyList<string> EnabledTools,
    ScriptSettings Scripts,
    MemorySettings Memory,
    GovernanceSettings Governance,
    SchemaAnnotations Schema,
    SafetyPolicy Policy,
    BusinessRules Rules)
{
    /// <summary>Path of the environment's data folder (generated databases, audit log, memory store).</summary>
    public string DataPath => Path.Combine(RootPath, "data");

    /// <summary>How the environment is served over HTTP.</summary>
    public HttpSettings Http { get; init; } = HttpSettings.Defaults;

    /// <summary>Callers that may authenticate over HTTP with an API key.</summary>
    public IReadOnlyList<PrincipalSettings> Principals { get; init; } = [];

    /// <summary>Where the schema annotations, safety policy and business rules were read from.</summary>
    public EnvironmentFiles Files { get; init; } = EnvironmentFiles.Defaults;

    public bool IsToolEnabled(string tool) => EnabledTools.Contains(tool, StringComparer.Ordinal);
}

/// <param name="Provider"><c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="Path">SQLite: absolute path of the database file (resolved against the folder).</param>
/// <param name="ConnectionString">PostgreSQL: Npgsql connection string after <c>${VAR}</c> substitution. Secret: never log it.</param>
/// <param name="Schema">PostgreSQL: the schema holding the environment's tables (search_path is pinned to it).</param>
/// <param name="ReaderRole">PostgreSQL: a least-privilege role queries run under (<c>SET LOCAL ROLE</c>), or null.</param>
public sealed record DatabaseSettings(string Provider, string? Path, string? ConnectionString, string Schema, string? ReaderRole)
{
    public override string ToString() => $"{Provider} database"; // never the connection string
}

/// <param name="DefaultRows">Rows returned when the caller gives no max_rows.</param>
/// <param name="MaxRows">Hard cap on max_rows.</param>
/// <param name="StatementTimeoutMs">Engine is interrupted after this.</param>
/// <param name="MaxResultBytes">Cap on a result's serialized size.</param>
/// <param name="MaxSqlLength">Cap on SQL text length, in characters.</param>
public sealed record LimitSettings(int DefaultRows, int MaxRows, int StatementTimeoutMs, long MaxResultBytes, int MaxSqlLength)
{
    public static LimitSettings Defaults { get; } = new(100, 10_000, 5_000, 4 * 1024 * 1024, 20_000);
}

/// <summary>Sandbox limits for run_script (enforced outside the interpreter).</summary>
public sealed record ScriptSettings(
    int TimeoutMs,
    int MemoryMb,
    int MaxSourceChars,
    int MaxOutputBytes,
    int MaxLogLines,
    int MaxSqlCalls,
    int MaxSqlRowsPerCall,
    int Workers,
    int MaxConcurrent)
{
    public static ScriptSettings Defaults { get; } = new(5_000, 256, 100_000, 1024 * 1024, 200, 100, 100_000, 2, 4);
}

/// <summary>Tiered memory settings.</summary>
public sealed record MemorySettings(int CoreBlockLimit, int MaxCoreBlocks, int MaxPassageChars, int WritesPerMinute, int SearchDefaultLimit, int SearchMaxLimit)
{
    public static MemorySettings Defaults { get; } = new(2_000, 20, 8_000, 120, 5, 50);
}

/// <param name="RequirePlan">Execution tools need a valid plan_id from check_request.</param>
/// <param name="PlanTtlSeconds">How long a plan_id stays valid.</param>
public sealed record GovernanceSettings(bool RequirePlan, int PlanTtlSeconds)
{
    public static GovernanceSettings Defaults { get; } = new(false, 900);
}
