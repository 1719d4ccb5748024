using System.Runtime.CompilerServices;
using Npgsql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Asks for every result column of a batch in text format, as <see cref="PostgresCursorReader"/> reads scalars
/// (exact <c>numeric</c>, the session's pinned date and time styles). Npgsql 10 has this switch on
/// <see cref="NpgsqlBatch"/> (documented, but not public); without it a batch's results come back in binary.
/// </summary>
/// <remarks>
/// Reached through <see cref="UnsafeAccessorAttribute"/> on the pinned Npgsql version. Should a later version drop
/// the member, <see cref="TryRequest"/> answers false and callers take the path of separate commands (slower, same
/// results), so nothing depends on it for correctness.
/// </remarks>
internal static class PostgresTextResults
{
    private static volatile bool unavailable;

    /// <summary>True when <paramref name="batch"/> will return all its results in text format.</summary>
    public static bool TryRequest(NpgsqlBatch batch)
    {
        if (unavailable) return false;
        try
        {
            SetAllResultTypesAreUnknown(batch, true);
            return true;
        }
        catch (MissingMethodException)
        {
            unavailable = true;
            return false;
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_AllResultTypesAreUnknown")]
    private static extern void SetAllResultTypesAreUnknown(NpgsqlBatch batch, bool value);
}
