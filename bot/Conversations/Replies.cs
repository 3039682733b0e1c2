using System.Text.Json.Nodes;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Conversations;

/// <summary>Answers in a conversation go through the outbox too, so a Connector hiccup is retried, not lost.</summary>
public sealed class Replies(Transactions transactions)
{
    public Task SendAsync(string conversationId, Activity activity, CancellationToken ct)
    {
        var tx = transactions.Begin(ConversationReference.PartitionOf(ConversationReference.BaseConversationId(conversationId)));
        tx.Send(new OutboundMessage(DeliveryTarget.ToConversation(conversationId), activity));
        return tx.CommitAsync(ct);
    }

    public static Activity Card(JsonObject card) => new()
    {
        Type = ActivityTypes.Message,
        Attachments = [new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = card }],
    };

    public static Activity Text(string text) => new() { Type = ActivityTypes.Message, Text = text, TextFormat = "plain" };
}
