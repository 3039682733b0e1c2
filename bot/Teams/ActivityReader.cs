using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Teams;

/// <summary>Why an inbound activity is refused: the HTTP status and a reason for the log (names fields, never values).</summary>
public sealed record ActivityRefusal(int Status, string Reason);

/// <summary>
/// An activity the bot may use, or why not. A card action whose value is of the wrong shape is still an activity (it is
/// authenticated like any other) but carries <see cref="CardActionProblem"/>: the clicker gets a friendly error.
/// </summary>
public sealed record ActivityRead(Activity? Activity, ActivityRefusal? Refusal, string? CardActionProblem = null)
{
    public static ActivityRead Refused(int status, string reason) => new(null, new ActivityRefusal(status, reason));
}

/// <summary>A mention entity: whom it mentions and the text that stands for them in activity.text.</summary>
public sealed record Mention(string MentionedId, string? Text);

/// <summary>
/// The one place an inbound activity is read from the wire. Every field the bot uses is checked for its type and
/// size here, before anything is stored: ids (<see cref="WireText.IdProblem"/>), the service URL, the tenant, mention
/// entities and, for card actions, <see cref="CardActionValue"/>. Nothing after this reads raw JSON.
/// </summary>
public static class ActivityReader
{
    public static ActivityRead Read(ReadOnlyMemory<byte> utf8)
    {
        Activity? activity;
        bool valueWellFormed;
        try
        {
            using var document = JsonDocument.Parse(utf8);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return ActivityRead.Refused(400, "the body is not a JSON object");
            // A card's data is checked with the card action, so that the clicker can be answered.
            valueWellFormed = true;
            foreach (var property in root.EnumerateObject())
            {
                var wellFormed = WireText.IsWellFormed(property);
                if (property.NameEquals("value")) valueWellFormed = wellFormed;
                else if (!wellFormed) return ActivityRead.Refused(400, "the activity has text that is not valid UTF-16");
            }
            activity = root.Deserialize<Activity>(ActivityJson.Options);
        }
        catch (JsonException)
        {
            return ActivityRead.Refused(400, "the body is not valid JSON, or a field has the wrong type");
        }
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type)) return ActivityRead.Refused(400, "the activity has no type");
        if (Problem(activity) is { } problem) return ActivityRead.Refused(400, problem);
        if (TenantsDisagree(activity))
            return ActivityRead.Refused(403, "channelData.tenant.id and conversation.tenantId name different tenants");
        if (!CardActionValue.IsCardAction(activity))
            return valueWellFormed ? new ActivityRead(activity, null) : ActivityRead.Refused(400, "the activity's value has text that is not valid UTF-16");
        string? actionProblem = null;
        if (!valueWellFormed) actionProblem = "the card's data has text that is not valid UTF-16";
        else CardActionValue.Read(activity.Value, out actionProblem);
        return new ActivityRead(activity, null, actionProblem);
    }

    /// <summary>
    /// The Bot Framework SDK fills conversation.tenantId from channelData.tenant.id: they are one tenant told twice.
    /// If they differ, which tenant the activity is from cannot be known, so it is refused rather than one picked.
    /// </summary>
    public static bool TenantsDisagree(Activity activity) =>
        activity.ChannelData?.Tenant?.Id is { Length: > 0 } fromChannelData
        && activity.Conversation?.TenantId is { Length: > 0 } fromConversation
        && !string.Equals(fromChannelData, fromConversation, StringComparison.OrdinalIgnoreCase);

    /// <summary>The activity's mention entities (the endpoint has refused any of the wrong shape).</summary>
    public static IEnumerable<Mention> Mentions(Activity activity)
    {
        foreach (var entity in activity.Entities ?? [])
        {
            if (WireText.StringOf(entity["type"]) != "mention") continue;
            if (WireText.StringOf(entity["mentioned"]?["id"]) is not { } id) continue;
            yield return new Mention(id, WireText.StringOf(entity["text"]));
        }
    }

    private static string? Problem(Activity a)
    {
        string? problem = null;
        void Id(string? value, string field) => problem ??= WireText.IdProblem(value, field);
        void Name(string? value, string field) => problem ??= WireText.NameProblem(value, field);
        void Account(ChannelAccount? account, string field)
        {
            Id(account?.Id, field + ".id");
            Id(account?.AadObjectId, field + ".aadObjectId");
            Name(account?.Name, field + ".name");
        }

        Id(a.Type, "type");
        Id(a.Id, "id");
        problem ??= WireText.OperationNameProblem(a.Name, "name");
        Id(a.Action, "action");
        Id(a.ChannelId, "channelId");
        Id(a.ReplyToId, "replyToId");
        Account(a.From, "from");
        Account(a.Recipient, "recipient");
        Id(a.Conversation?.Id, "conversation.id");
        Id(a.Conversation?.TenantId, "conversation.tenantId");
        Id(a.Conversation?.ConversationType, "conversation.conversationType");
        Name(a.Conversation?.Name, "conversation.name");
        Id(a.ChannelData?.Tenant?.Id, "channelData.tenant.id");
        Id(a.ChannelData?.Team?.Id, "channelData.team.id");
        Id(a.ChannelData?.Team?.AadGroupId, "channelData.team.aadGroupId");
        Name(a.ChannelData?.Team?.Name, "channelData.team.name");
        Name(a.ChannelData?.Channel?.Name, "channelData.channel.name");
        Id(a.ChannelData?.Channel?.Id, "channelData.channel.id");
        Id(a.ChannelData?.Settings?.SelectedChannel?.Id, "channelData.settings.selectedChannel.id");
        Id(a.ChannelData?.EventType, "channelData.eventType");
        foreach (var member in a.MembersAdded ?? []) Account(member, "membersAdded[]");
        foreach (var member in a.MembersRemoved ?? []) Account(member, "membersRemoved[]");
        problem ??= WireText.ServiceUrlProblem(a.ServiceUrl);
        problem ??= EntitiesProblem(a.Entities);
        if (a.Type is ActivityTypes.Message or ActivityTypes.Invoke)
        {
            // Teams always says who acted and where: without them there is nobody to answer.
            if (string.IsNullOrEmpty(a.From?.Id)) problem ??= "from.id is missing";
            if (string.IsNullOrEmpty(a.Conversation?.Id)) problem ??= "conversation.id is missing";
        }
        if (a.Type == ActivityTypes.Invoke && string.IsNullOrEmpty(a.Name)) problem ??= "an invoke without a name";
        return problem;
    }

    private static string? EntitiesProblem(List<JsonObject>? entities)
    {
        foreach (var entity in entities ?? [])
        {
            if (entity is null) return "entities[] has an entry that is not an object";
            if (NotAString(entity, "type")) return "entities[].type is not a string";
            if (NotAString(entity, "text")) return "entities[].text is not a string";
            if (entity.ContainsKey("mentioned"))
            {
                if (entity["mentioned"] is not JsonObject mentioned) return "entities[].mentioned is not an object";
                if (NotAString(mentioned, "id")) return "entities[].mentioned.id is not a string";
                if (WireText.IdProblem(WireText.StringOf(mentioned["id"]), "entities[].mentioned.id") is { } idProblem) return idProblem;
            }
        }
        return null;
    }

    // Present (and not null) but not a string.
    private static bool NotAString(JsonObject node, string property) =>
        node[property] is { } value && WireText.StringOf(value) is null;
}
