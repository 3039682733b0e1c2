using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;
using Xunit;

namespace TeamsSafeguarding.Tests.Routing;

public sealed class MessageTextTests
{
    [Theory]
    [InlineData("message-channel-mention.json", "card")]
    [InlineData("message-channel-mention-announcements.json", "hello other channel")]
    [InlineData("message-groupchat-mention.json", "hello group")]
    [InlineData("message-personal.json", "hello")]
    public void The_bots_mention_is_removed_from_real_playground_messages(string fixture, string expected) =>
        Assert.Equal(expected, MessageText.Normalize(PlaygroundFixtures.Activity(fixture)));

    [Fact]
    public void Only_the_bots_own_mention_is_removed_and_entities_and_spaces_are_tidied()
    {
        var activity = PlaygroundFixtures.Activity("message-channel-mention.json");
        activity.Text = "<at>Test Bot</at>&nbsp; help\n  <at>Megan</at>  ";
        activity.Entities!.Add(System.Text.Json.Nodes.JsonNode.Parse(
            """{"type":"mention","text":"<at>Megan</at>","mentioned":{"id":"user-id-1","name":"Megan"}}""")!.AsObject());
        Assert.Equal("help Megan", MessageText.Normalize(activity));
    }
}
