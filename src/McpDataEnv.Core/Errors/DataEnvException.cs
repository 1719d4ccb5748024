namespace McpDataEnv.Core.Errors;

/// <summary>
/// A refusal or usage error the model can act on: it carries a stable machine-readable
/// <see cref="Code"/> (see <see cref="ErrorCodes"/>) and an actionable message.
/// </summary>
/// <remarks>
/// The message text reaches the model verbatim, so it must never contain connection strings,
/// secrets, stack traces or host paths. Internal faults are other exception types, which the
/// tool layer logs and reports generically.
/// </remarks>
public sealed class DataEnvException : Exception
{
    public DataEnvException(string code, string message, IReadOnlyDictionary<string, object?>? details = null)
        : base(message)
    {
        Code = code;
        Details = details ?? new Dictionary<string, object?>();
    }

    /// <summary>Stable snake_case code, for example <c>sql_rejected</c>.</summary>
    public string Code { get; }

    /// <summary>Extra structured facts (for example the rule id, the limit that was hit).</summary>
    public IReadOnlyDictionary<string, object?> Details { get; }
}
