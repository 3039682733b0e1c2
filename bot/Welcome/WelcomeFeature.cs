using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Onboarding;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Welcome;

/// <summary>
/// First contact: a welcome card when someone installs the bot personally, a short introduction when it is
/// added to a team, the help card, and a friendly hint for anything the bot does not understand.
/// </summary>
public sealed class WelcomeFeature(Transactions transactions, ConversationStore conversations, TableClient table,
    Replies replies, IOptions<BoardOptions> board, IEnumerable<IChatHint> hints, ILogger<WelcomeFeature> log) : IBotFeature, IChatReplies
{
    public void Map(BotRoutes routes)
    {
        routes.Command(Commands.Help, (m, ct) => replies.SendAsync(m.ConversationId, Replies.Card(HelpCard.Build(new HelpCardInput(PlaceOf(m.Activity))).ToJson()), ct));
        routes.Verb(OnboardingVerbs.ShowWelcome, (_, _) => Task.FromResult(InvokeResponse.Card(WelcomeCard.Build(new WelcomeCardInput(board.Value.Name)).ToJson())));
        routes.Verb(OnboardingVerbs.HowItWorks, (_, _) => Task.FromResult(InvokeResponse.Card(WelcomeCard.HowItWorks().ToJson())));
        routes.Verb(OnboardingVerbs.ShowHelp, (a, _) => Task.FromResult(InvokeResponse.Card(HelpCard.Build(new HelpCardInput(PlaceOf(a.Activity))).ToJson())));
        routes.OnConversationEvent(OnConversationEventAsync);
    }

    public async Task HintAsync(ChatMessage message, CancellationToken ct)
    {
        foreach (var hint in hints)
            if (await hint.CardForAsync(message, ct) is { } card)
            {
                await replies.SendAsync(message.ConversationId, Replies.Card(card), ct);
                return;
            }
        await replies.SendAsync(message.ConversationId, Replies.Card(HintCard.Build(PlaceOf(message.Activity)).ToJson()), ct);
    }

    private async Task OnConversationEventAsync(Activity activity, CancellationToken ct)
    {
        var removed = ConversationTracker.IsRemoval(activity);
        if (!removed && !ConversationTracker.IsBotAdded(activity)) return;
        switch (activity.Conversation?.ConversationType)
        {
            case "personal" when Actor.From(activity) is { } actor:
                await OnPersonalInstallAsync(activity, actor, installed: !removed, ct);
                break;
            case "channel" when activity.ChannelData?.Team?.Id is { } teamId:
                await OnTeamInstallAsync(activity, teamId, installed: !removed, ct);
                break;
        }
    }

    /// <summary>
    /// Teams sends both installationUpdate and conversationUpdate for one install: only the delivery that
    /// flips the personal chat to "installed" sends the welcome (the other loses the ETag race).
    /// </summary>
    private async Task OnPersonalInstallAsync(Activity activity, Actor actor, bool installed, CancellationToken ct)
    {
        var conversationId = activity.Conversation!.Id!;
        var (existing, etag) = await conversations.FindPersonalChatAsync(actor.UserKey, ct, fresh: true);
        if (existing?.Installed == installed && existing.ConversationId == conversationId) return;

        var chat = new PersonalChat(actor.UserKey, conversationId, activity.ServiceUrl!, activity.TenantId, actor.TeamsUserId, installed);
        var tx = transactions.Begin(PersonalChat.PartitionOf(actor.UserKey));
        if (existing is null) tx.Add(chat.ToEntity()); else tx.Replace(chat.ToEntity(), etag);
        if (installed)
            tx.Send(new OutboundMessage(DeliveryTarget.ToConversation(conversationId),
                Replies.Card(WelcomeCard.Build(new WelcomeCardInput(board.Value.Name)).ToJson())));
        await CommitOnceAsync(tx, ct);
        conversations.Forget(PersonalChat.PartitionOf(actor.UserKey), PersonalChat.Row); // written here, not through the store
        log.LogInformation("Personal chat {Change}", installed ? "installed" : "removed");
    }

    private async Task OnTeamInstallAsync(Activity activity, string teamId, bool installed, CancellationToken ct)
    {
        var partition = "team|" + Keys.Escape(teamId);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, "team", cancellationToken: ct);
        var wasInstalled = existing.HasValue && existing.Value!.GetBoolean("Installed") == true;
        if (wasInstalled == installed) return;

        // Team names are not personal data; the team's Graph id is needed later to schedule meetings.
        var team = new TableEntity(partition, "team")
        {
            ["TeamId"] = teamId,
            ["Name"] = activity.ChannelData?.Team?.Name,
            ["AadGroupId"] = activity.ChannelData?.Team?.AadGroupId,
            ["ServiceUrl"] = activity.ServiceUrl,
            ["Installed"] = installed,
        };
        var tx = transactions.Begin(partition);
        if (existing.HasValue) tx.Replace(team, existing.Value!.ETag); else tx.Add(team);
        if (installed)
        {
            var channelId = activity.ChannelData?.Settings?.SelectedChannel?.Id ?? activity.Conversation?.Id ?? teamId;
            tx.Send(new OutboundMessage(DeliveryTarget.ToConversation(channelId),
                Replies.Card(TeamIntroductionCard.Build(new TeamIntroductionInput(
                    DescribeChannel(board.Value.CoordinatorsChannelId, channelId),
                    DescribeChannel(board.Value.PartnersChannelId, channelId))).ToJson())));
        }
        await CommitOnceAsync(tx, ct);
        log.LogInformation("Team {Change}", installed ? "installed" : "removed");
    }

    private static string? DescribeChannel(string? configured, string thisChannel) =>
        string.IsNullOrEmpty(configured) ? null
        : string.Equals(configured, thisChannel, StringComparison.OrdinalIgnoreCase) ? "this channel" : "a channel of this team";

    private static async Task CommitOnceAsync(PartitionTransaction tx, CancellationToken ct)
    {
        try { await tx.CommitAsync(ct); }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            // The twin event (installationUpdate vs conversationUpdate) got there first.
        }
    }

    private static ConversationPlace PlaceOf(Activity activity) => activity.Conversation?.ConversationType switch
    {
        "channel" => ConversationPlace.Channel,
        "groupChat" => ConversationPlace.GroupChat,
        _ => ConversationPlace.PersonalChat,
    };
}
