using Microsoft.Extensions.Options;
using TeamsSafeguarding.Teams;
using Xunit;

namespace TeamsSafeguarding.Tests.Endpoint;

/// <summary>Activities beyond the ones handled at once wait in line, oldest first; beyond the line they are turned away.</summary>
public sealed class InboundQueueTests
{
    [Fact]
    public async Task Two_are_handled_at_once_the_next_waits_in_line_and_one_more_is_turned_away()
    {
        var queue = new InboundQueue(Options.Create(new BotOptions { MaxConcurrentActivities = 2, MaxQueuedActivities = 1 }));
        var first = await queue.EnterAsync(default);
        var second = await queue.EnterAsync(default);
        var waiting = queue.EnterAsync(default);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.False(waiting.IsCompleted);
        Assert.Null(await queue.EnterAsync(default)); // the line is full

        first!.Dispose();
        Assert.NotNull(await waiting);       // the oldest in line goes next
        var next = queue.EnterAsync(default); // and its place in line is free again
        Assert.False(next.IsCompleted);
        Assert.Null(await queue.EnterAsync(default));

        second!.Dispose();
        Assert.NotNull(await next);
    }
}
