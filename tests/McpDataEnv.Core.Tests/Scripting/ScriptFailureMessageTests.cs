using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Scripting;

namespace McpDataEnv.Core.Tests.Scripting;

/// <summary>A script's error message reaches the model capped, marked as cut, with its original length.</summary>
public sealed class ScriptFailureMessageTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_megabyte_error_message_comes_back_as_its_first_4000_characters_marked_as_cut_with_its_length()
    {
        var act = () => sandbox.RunAsync("var s = 'x'; for (var i = 0; i < 20; i++) { s += s; } throw new Error(s);");

        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.ScriptError);
        error.Message.Length.Should().BeLessThan(ScriptFailureMessage.MaxChars + 200);
        error.Message.Should().StartWith("Error: xxxx").And.EndWith("[cut: the message was 1,048,583 characters; only the first 4,000 are shown]");
    }

    [Fact]
    public async Task A_short_error_message_comes_back_whole()
    {
        var act = () => sandbox.RunAsync("throw new Error('no rows for 2027');");

        (await act.Should().ThrowAsync<DataEnvException>()).Which.Message.Should().Be("Error: no rows for 2027");
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var message = new string('x', ScriptFailureMessage.MaxChars - 1) + "\U0001F600" + new string('y', 10);

        var capped = ScriptFailureMessage.Capped(message);

        capped.Should().StartWith(new string('x', ScriptFailureMessage.MaxChars - 1) + "...");
        capped.Should().Contain("only the first 3,999 are shown");
    }
}
