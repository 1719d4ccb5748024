using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.EndToEnd;

/// <summary>
/// A memory resource URI the server will not serve is a protocol error with the actionable message: a key that is
/// not a key is invalid params (-32602), a scope the role may not read is resource-not-found (-32002).
/// </summary>
public sealed class MemoryResourceErrorTests : IClassFixture<SeededEnvironment>
{
    private readonly SeededEnvironment _env;

    public MemoryResourceErrorTests(SeededEnvironment env) => _env = env;

    [Fact]
    public async Task A_malformed_history_key_is_invalid_params_and_an_unreadable_scope_is_resource_not_found()
    {
        await using var server = await RawMcpStdio.StartAsync(_env.Folder);

        var empty = await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"memory://history/"}}""", 1);
        var nul = await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"resources/read","params":{"uri":"memory://history/%00"}}""", 2);
        var scope = await server.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"resources/read","params":{"uri":"memory://shared/nope/history/k"}}""", 3);
        var fine = await server.SendAsync("""{"jsonrpc":"2.0","id":4,"method":"resources/read","params":{"uri":"memory://history/never_written"}}""", 4);

        foreach (var answer in new[] { empty, nul })
        {
            answer["error"]!["code"]!.GetValue<int>().Should().Be(-32602);
            answer["error"]!["message"]!.GetValue<string>().Should().StartWith("invalid_argument: A core block key must be 1-64 characters");
        }

        scope["error"]!["code"]!.GetValue<int>().Should().Be(-32002);
        scope["error"]!["message"]!.GetValue<string>().Should().StartWith("access_denied: Your role may not read memory scope 'shared:nope'");
        fine["result"].Should().NotBeNull("a well-formed key with no revisions is an empty history, not an error");
    }
}
