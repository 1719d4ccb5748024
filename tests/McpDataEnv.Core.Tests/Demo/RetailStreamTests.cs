using McpDataEnv.Core.Demo;

namespace McpDataEnv.Core.Tests.Demo;

public sealed class RetailStreamTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Streamed_dataset_holds_exactly_the_generated_rows(int scale) =>
        RetailDatasetChecksum.Of(RetailGenerator.Stream(scale)).Should().Be(RetailDatasetChecksum.Of(RetailGenerator.Generate(scale)));

    [Fact]
    public void Streamed_dataset_counts_and_indexes_without_holding_rows()
    {
        var generated = RetailGenerator.Generate(2);
        var streamed = RetailGenerator.Stream(2);

        streamed.Orders.Should().HaveCount(120_000);
        streamed.Orders[0].Should().Be(generated.Orders[0]);
        streamed.Orders[119_999].Should().Be(generated.Orders[119_999]);
        streamed.OrderItems.Count().Should().Be(generated.OrderItems.Count());
        FluentActions.Invoking(() => streamed.Orders[120_000]).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Streamed_dataset_yields_the_same_rows_on_every_pass()
    {
        var streamed = RetailGenerator.Stream();

        streamed.OrderItems.Take(1_000).Should().Equal(streamed.OrderItems.Take(1_000));
        streamed.Orders.Skip(59_000).Should().Equal(streamed.Orders.Skip(59_000));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Stream_refuses_a_scale_below_one(int scale) =>
        FluentActions.Invoking(() => RetailGenerator.Stream(scale)).Should().Throw<ArgumentOutOfRangeException>();
}
