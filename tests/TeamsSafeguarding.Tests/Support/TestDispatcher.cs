using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Connector;

namespace TeamsSafeguarding.Tests.Support;

/// <summary>An outbox dispatcher on a test's table, run by hand rather than as a hosted service: built as the bot builds it, with the test's connector and clock.</summary>
internal static class TestDispatcher
{
    public static OutboxDispatcher For(TableClient table, IConnectorClient connector, TimeProvider clock, ConversationStore? store = null,
        OutboxOptions? outbox = null, OutboxSignal? signal = null, BotOptions? bot = null) =>
        new(table, new DeliveryTargets(connector, store ?? new ConversationStore(table), Options.Create(bot ?? new BotOptions())),
            signal ?? new OutboxSignal(), clock, Options.Create(outbox ?? new OutboxOptions()), NullLogger<OutboxDispatcher>.Instance);
}
