using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Outbox;
using Xunit;

namespace TeamsSafeguarding.Tests.Outbox;

/// <summary>Sends per thread stay within Teams' documented limits: 7 in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in an hour.</summary>
public sealed class ConversationPacingTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void Seven_go_in_a_second_the_eighth_waits_for_the_first_second_to_pass_and_the_ninth_for_two()
    {
        var pacing = new ConversationPacing(time);
        for (var i = 0; i < 7; i++) Assert.True(pacing.TryTake("chat", out _));

        Assert.False(pacing.TryTake("chat", out var wait));
        Assert.Equal(TimeSpan.FromSeconds(1), wait);
        Assert.True(pacing.TryTake("another chat", out _)); // each thread has its own limits

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(pacing.TryTake("chat", out _));
        Assert.False(pacing.TryTake("chat", out wait));     // 8 in 2 s
        Assert.Equal(TimeSpan.FromSeconds(1), wait);
        time.Advance(wait);
        Assert.True(pacing.TryTake("chat", out _));
    }

    [Fact]
    public void Over_thirty_seconds_no_more_than_sixty_go()
    {
        var pacing = new ConversationPacing(time);
        var sent = 0;
        for (var step = 0; step < 300; step++) // 30 s in tenths
        {
            while (pacing.TryTake("channel thread", out _)) sent++;
            time.Advance(TimeSpan.FromMilliseconds(100));
        }
        Assert.Equal(60, sent);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(pacing.TryTake("channel thread", out _));
    }
}
