using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Tests.Cards;
using Xunit;

namespace TeamsSafeguarding.Tests.Triage;

[Collection("Azurite")]
public sealed class BoardRolesCommandTests(AzuriteFixture azurite)
{
    private readonly BoardHarness _board = new(azurite.NewTable("roles"));

    [Fact]
    public async Task Coordinators_get_the_roles_from_configuration()
    {
        var sent = Assert.Single(await _board.TypeAsync(BoardHarness.Coordinator, "roles", "19:chan-a"));
        var card = BoardHarness.CardOf(sent);
        CardSchema.AssertValid(card);
        var json = card.ToJsonString();
        Assert.Contains(BoardHarness.Dbm, json);
        Assert.Contains("Statutory partner: Police", json);
        Assert.Contains("police-1", json);
    }

    [Fact]
    public async Task Others_are_told_politely_it_is_for_coordinators()
    {
        var sent = Assert.Single(await _board.TypeAsync("police-1", "roles", "19:chan-b"));
        Assert.Equal("Only coordinators can list the board's roles.", sent.Activity.Text);
        Assert.Null(sent.Activity.Attachments);
    }
}
