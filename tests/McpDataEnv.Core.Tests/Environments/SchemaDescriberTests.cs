using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Tests.Backends.Sqlite;

namespace McpDataEnv.Core.Tests.Environments;

public sealed class SchemaDescriberTests(SeededDatabase db) : IClassFixture<SeededDatabase>
{
    private readonly EnvironmentDefinition _env = DemoEnvironmentTests.Retail();

    private Task<DescribedSchema> Describe(string table) =>
        new SchemaDescriber(_env, db.Backend, db.Backend.Dialect)
            .DescribeAsync(table, PolicyAccessScope.ForRole(_env.Policy, "analyst", "tester", _env.Schema), refresh: false, CancellationToken.None);

    [Fact]
    public async Task A_near_miss_is_named_back_with_the_visible_table_it_resembles()
    {
        var act = () => Describe("order");
        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.NotFound);
        error.Message.Should().StartWith("No table 'order' is visible to you (did you mean 'orders'?)");
    }

    [Fact]
    public async Task An_unknown_table_name_of_megabytes_is_named_back_shortened_with_its_length()
    {
        var name = new string('x', 5 * 1024 * 1024);
        var act = () => Describe(name);
        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.NotFound);
        error.Message.Should().Contain($"'{new string('x', 128)}… (5242880 characters)'").And.Contain("Visible tables: customers,");
        error.Message.Length.Should().BeLessThan(400);
    }
}
