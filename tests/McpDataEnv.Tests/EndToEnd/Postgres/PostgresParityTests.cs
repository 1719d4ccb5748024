using System.Text.Json.Nodes;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.EndToEnd.Postgres;

/// <summary>
/// The same data on both backends (seeded by the same CLI from the same generator): every question asked in
/// SQLite syntax of environments/retail and in PostgreSQL syntax of environments/retail-postgres, both through
/// the real server and the official client, must get the same rows.
/// </summary>
public sealed class PostgresParityTests : IClassFixture<SeededEnvironment>, IClassFixture<PostgresRetailEnvironment>
{
    private readonly SeededEnvironment _sqlite;
    private readonly PostgresRetailEnvironment _postgres;

    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public PostgresParityTests(SeededEnvironment sqlite, PostgresRetailEnvironment postgres, Xunit.Abstractions.ITestOutputHelper output)
    {
        _output = output;
        _sqlite = sqlite;
        _postgres = postgres;
    }

    [Fact]
    public async Task Fifty_analytical_questions_answer_the_same_on_SQLite_and_PostgreSQL()
    {
        var questions = ParityQuestions.All;
        questions.Count.Should().BeGreaterThanOrEqualTo(50);

        var sqliteRun = McpDriver.RunAsync(McpDriver.StdioServer(_sqlite.Folder), Calls(questions.Select(q => q.Sqlite)));
        var postgresRun = McpDriver.RunAsync(_postgres.Server(), Calls(questions.Select(q => q.Postgres)));
        var (sqlite, postgres) = (await sqliteRun, await postgresRun);

        var slowest = Enumerable.Range(0, questions.Count)
            .Select(i => (Question: questions[i].Question, Sqlite: sqlite.Step(i)["ms"]!.GetValue<double>(), Postgres: postgres.Step(i)["ms"]!.GetValue<double>()))
            .OrderByDescending(x => Math.Max(x.Sqlite, x.Postgres)).Take(5);
        _output.WriteLine("slowest: " + string.Join("; ", slowest.Select(x => $"{x.Question} sqlite {x.Sqlite:0} ms, postgres {x.Postgres:0} ms")));
        var differences = new List<string>();
        for (var i = 0; i < questions.Count; i++)
        {
            var expected = sqlite.Result(i).Structured()["rows"]!.AsArray();
            var actualResult = postgres.Result(i);
            if (actualResult.IsError())
            {
                differences.Add($"{questions[i].Question}: PostgreSQL refused it: {actualResult.Text()}");
                continue;
            }
            expected.Count.Should().BeGreaterThan(0, $"'{questions[i].Question}' must have an answer to compare");
            var difference = ResultParity.FirstDifference(expected, actualResult.Structured()["rows"]!.AsArray());
            if (difference is not null) differences.Add($"{questions[i].Question}: {difference}");
        }
        differences.Should().BeEmpty();
    }

    [Theory]
    [InlineData("1", "1", true)]
    [InlineData("1", "2", false)]
    [InlineData("389.26", "389.26000000000005", true)]
    [InlineData("389.26", "389.27", false)]
    [InlineData("\"EMEA\"", "\"emea\"", false)]
    [InlineData("null", "0", false)]
    public void Cells_agree_only_when_integers_and_text_are_identical_and_other_numbers_within_1e_9(string a, string b, bool agree) =>
        ResultParity.CellsAgree(JsonNode.Parse(a), JsonNode.Parse(b)).Should().Be(agree);

    private static JsonObject[] Calls(IEnumerable<string> sqls) =>
        sqls.Select(sql => McpDriver.Call("run_readonly_sql", new { sql, max_rows = 1000 })).ToArray();
}
