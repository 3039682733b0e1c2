using System.Collections.Concurrent;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Connector;

namespace TeamsSafeguarding.Tests.Outbox;

/// <summary>An in-process Connector for outbox tests: records sends and fails on demand.</summary>
public sealed class RecordingConnector : IConnectorClient
{
    private int _nextId = 1000;
    public ConcurrentQueue<(string Op, string ServiceUrl, string ConversationId, string? ActivityId, Activity? Activity)> Calls { get; } = new();
    public Queue<Exception> Failures { get; } = new();
    /// <summary>Runs before every call and is awaited: a test can hold a call back.</summary>
    public Func<Activity?, Task> Before { get; set; } = _ => Task.CompletedTask;

    private void MaybeFail()
    {
        lock (Failures) if (Failures.Count > 0) throw Failures.Dequeue();
    }

    public async Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct)
    {
        await Before(activity);
        MaybeFail();
        var id = Interlocked.Increment(ref _nextId).ToString();
        Calls.Enqueue(("send", serviceUrl, conversationId, id, activity));
        return new ResourceResponse(id);
    }

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct) =>
        SendToConversationAsync(serviceUrl, conversationId, activity, ct);

    public async Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct)
    {
        await Before(activity);
        MaybeFail();
        Calls.Enqueue(("update", serviceUrl, conversationId, activityId, activity));
        return new ResourceResponse(activityId);
    }

    public Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken ct)
    {
        MaybeFail();
        Calls.Enqueue(("delete", serviceUrl, conversationId, activityId, null));
        return Task.CompletedTask;
    }

    /// <summary>The members a channel's roster lists (by conversation id), a page of two at a time.</summary>
    public ConcurrentDictionary<string, IReadOnlyList<TeamsMember>> Rosters { get; } = new();

    public Task<PagedMembers> GetPagedMembersAsync(string serviceUrl, string conversationId, string? continuationToken, CancellationToken ct)
    {
        MaybeFail();
        Calls.Enqueue(("members", serviceUrl, conversationId, continuationToken, null));
        var all = Rosters.GetValueOrDefault(conversationId) ?? [];
        var from = int.TryParse(continuationToken, out var n) ? n : 0;
        return Task.FromResult(new PagedMembers([.. all.Skip(from).Take(2)], from + 2 < all.Count ? (from + 2).ToString() : null));
    }

    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken ct)
    {
        await Before(parameters.Activity);
        MaybeFail();
        var id = Interlocked.Increment(ref _nextId).ToString();
        var channel = parameters.ChannelData?.Channel?.Id;
        var conversation = channel is null ? $"a:chat-{id}" : $"{channel};messageid={id}";
        Calls.Enqueue(("create", serviceUrl, conversation, id, parameters.Activity));
        return new ConversationResourceResponse(conversation, id, null);
    }
}
