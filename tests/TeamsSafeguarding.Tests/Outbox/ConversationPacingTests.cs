using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Outbox;
using Xunit;

namespace TeamsSafeguarding.Tests.Outbox;

/// <summary>Sends per thread stay within Teams' documented limits: 7 in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in an hour.</summary>
public sealed class ConversationPacingTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void Seven_go_at_once_the_eighth_a_second_later_the_ninth_two_seconds_later_and_other_threads_are_not_held_up()
    {
        var pacing = new ConversationPacing(time);
        for (var i = 0; i < 7; i++) Assert.Equal(TimeSpan.Zero, pacing.Reserve("chat"));

        Assert.Equal(TimeSpan.FromSeconds(1), pacing.Reserve("chat"));
        Assert.Equal(TimeSpan.FromSeconds(2), pacing.Reserve("chat")); // 8 in 2 s
        Assert.Equal(TimeSpan.Zero, pacing.Reserve("another chat"));

        time.Advance(TimeSpan.FromSeconds(2)); // the first seven have left both windows
        Assert.Equal(TimeSpan.Zero, pacing.Reserve("chat"));
    }

    [Fact]
    public void In_any_thirty_seconds_no_more_than_sixty_go()
    {
        var pacing = new ConversationPacing(time);
        var at = Enumerable.Range(0, 200).Select(_ => pacing.Reserve("channel")).ToList();

        for (var i = 60; i < at.Count; i++) Assert.True(at[i] - at[i - 60] >= TimeSpan.FromSeconds(30), $"send {i}");
        for (var i = 8; i < at.Count; i++) Assert.True(at[i] - at[i - 8] >= TimeSpan.FromSeconds(2), $"send {i}");
        for (var i = 7; i < at.Count; i++) Assert.True(at[i] - at[i - 7] >= TimeSpan.FromSeconds(1), $"send {i}");
        Assert.Equal(TimeSpan.FromSeconds(30), at[60]);
    }
}
