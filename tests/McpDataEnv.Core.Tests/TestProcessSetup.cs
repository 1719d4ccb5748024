using System.Runtime.CompilerServices;
using McpDataEnv.Core.Backends.Postgres;

namespace McpDataEnv.Core.Tests;

/// <summary>What the test process must set before any test runs, as the server process does before its first query.</summary>
internal static class TestProcessSetup
{
    /// <summary>
    /// Npgsql reads its SQL-rewriting switch once, on its first use in a process. The server's classes that open
    /// PostgreSQL connections set it off in their static constructors, so a server never opens one before; here,
    /// fixtures also open connections of their own, and which test class runs first is xunit's choice. Were a fixture
    /// first, rewriting would stay on for the whole run and every query would fail closed on the protocol check
    /// (<see cref="PostgresProtocolCheck"/>), as a real server would: so the switch is set as the test process loads.
    /// </summary>
#pragma warning disable CA2255 // A module initializer is the one hook that runs before xunit picks the first test class.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void DisableNpgsqlSqlRewriting() => PostgresTransactions.DisableSqlRewriting();
}
