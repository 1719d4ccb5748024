using System.Text.Json.Nodes;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Hosting;

/// <summary>
/// Request parameters the SDK cannot read are answered -32602 with what is wrong and what to send, over stdio and HTTP
/// alike, instead of the SDK's -32603 "An error occurred.".
/// </summary>
public sealed class RequestParamsCheckTests : IClassFixture<SeededEnvironment>
{
    private readonly SeededEnvironment _env;

    public RequestParamsCheckTests(SeededEnvironment env) => _env = env;

    private static readonly (string Parameters, string Expected)[] Malformed =
    [
        ("""{"name":"run_readonly_sql","arguments":{"sql":"SELECT '\ud800'"}}""", "unpaired UTF-16 surrogate at argument 'sql'; send valid Unicode"),
        ("""{"name":"run_readonly_sql","arguments":{"sql":"SELECT 1","max_rows":"\udc00x"}}""", "unpaired UTF-16 surrogate at argument 'max_rows'"),
        ("""{"name":"run_script","arguments":{"code":"1","inputs":{"a":[1,"\ud800"]}}}""", "unpaired UTF-16 surrogate at argument 'inputs' (inputs.a[1])"),
        ("""{"name":"run_readonly_sql","arguments":{"sql":"SELECT 1","\udc00":1}}""", "unpaired UTF-16 surrogate at params.arguments;"),
        ("""{"name":5}""", "name must be a string naming a tool (see tools/list); got a number"),
        ("""{"name":"run_script","arguments":[1]}""", "arguments must be a JSON object of argument names to values"),
        ("""{"name":"run_script","arguments":"x"}""", "arguments must be a JSON object of argument names to values (see the tool's inputSchema in tools/list); got a string"),
    ];

    [Fact]
    public async Task A_tools_call_whose_parameters_cannot_be_read_is_invalid_params_saying_why_and_is_not_audited()
    {
        var folder = _env.Variant("unreadable-params", yaml => yaml + "\n# a fresh audit trail\n");
        await using var server = await RawMcpStdio.StartAsync(folder);

        foreach (var (parameters, expected) in Malformed)
        {
            var answer = await server.SendAsync($$"""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{{parameters}}}""", 7);

            answer["error"]?["code"]?.GetValue<int>().Should().Be(-32602, parameters + " -> " + answer.ToJsonString());
            answer["error"]!["message"]!.GetValue<string>().Should().Contain(expected);
        }

        var audit = Path.Combine(folder, "data", "audit.jsonl");
        (File.Exists(audit) ? File.ReadAllText(audit) : "").Should().BeEmpty("a request that is not a readable tool call is a protocol error, like an unknown tool");
    }

    [Fact]
    public async Task Resource_reads_prompts_and_log_levels_the_SDK_cannot_read_are_invalid_params_saying_why()
    {
        await using var server = await RawMcpStdio.StartAsync(_env.Folder);

        var resource = await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"memory://history/\ud800"}}""", 1);
        var prompt = await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"prompts/get","params":{"name":"analyze","arguments":{"question":"\ud800"}}}""", 2);
        var level = await server.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"logging/setLevel","params":{"level":"junk"}}""", 3);
        var numeric = await server.SendAsync("""{"jsonrpc":"2.0","id":4,"method":"logging/setLevel","params":{"level":3}}""", 4);
        var valid = await server.SendAsync("""{"jsonrpc":"2.0","id":5,"method":"logging/setLevel","params":{"level":"warning"}}""", 5);
        var paired = await server.SendAsync("""{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"run_readonly_sql","arguments":{"sql":"SELECT '\ud83d\ude00' AS smile"}}}""", 6);

        Error(resource).Should().Be("-32602 text contains an unpaired UTF-16 surrogate at params.uri; send valid Unicode (a \\uD800-\\uDFFF escape must be half of a pair).");
        Error(prompt).Should().StartWith("-32602 text contains an unpaired UTF-16 surrogate at argument 'question'");
        Error(level).Should().Be("-32602 level must be one of debug, info, notice, warning, error, critical, alert, emergency; got \"junk\".");
        Error(numeric).Should().EndWith("got a number.");
        valid["result"].Should().NotBeNull();
        paired["result"]!["structuredContent"]!["rows"]![0]![0]!.GetValue<string>().Should().Be("\U0001F600", "a surrogate pair is valid Unicode");
    }

    [Fact]
    public async Task Over_HTTP_the_same_parameters_are_invalid_params_saying_why()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Variant("unreadable-params-http", yaml => yaml + HttpTestServer.Principals));
        var session = await RawMcpHttp.OpenSessionAsync(server.McpUrl, HttpTestServer.AliceKey);

        using var response = await RawMcpHttp.PostAsync(server.McpUrl, """{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"run_readonly_sql","arguments":{"sql":"SELECT '\ud800'"}}}""", HttpTestServer.AliceKey, session);

        var body = await response.Content.ReadAsStringAsync();
        var answer = JsonNode.Parse(body.Split('\n').Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..])!.AsObject();
        Error(answer).Should().StartWith("-32602 text contains an unpaired UTF-16 surrogate at argument 'sql'");
    }

    private static string Error(JsonObject answer) =>
        $"{answer["error"]?["code"]} {answer["error"]?["message"]}";
}
