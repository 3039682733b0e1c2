using Xunit;
using TeamsSafeguarding.Escalation.Referrals;

namespace TeamsSafeguarding.Tests.Escalation.Referrals;

public class CaseReferenceTests
{
    [Theory]
    [InlineData("SAB", 2026, 7, "SAB-2026-0007")]
    [InlineData("SAB", 2026, 1234, "SAB-2026-1234")]
    [InlineData("SAB", 2027, 12345, "SAB-2027-12345")]
    [InlineData("wsab", 2026, 1, "WSAB-2026-0001")]
    public void Formats_as_prefix_year_and_padded_sequence(string prefix, int year, int sequence, string expected) =>
        Assert.Equal(expected, CaseReference.Create(prefix, year, sequence).ToString());

    [Theory]
    [InlineData("SAB-2026-0007", "SAB", 2026, 7)]
    [InlineData(" sab-2026-0007 ", "SAB", 2026, 7)]
    [InlineData("SAB-2026-7", "SAB", 2026, 7)]
    [InlineData("KSAB2-2030-12345", "KSAB2", 2030, 12345)]
    public void Parses_what_people_type(string text, string prefix, int year, int sequence)
    {
        Assert.True(CaseReference.TryParse(text, out var reference));
        Assert.Equal((prefix, year, sequence), (reference.Prefix, reference.Year, reference.Sequence));
        Assert.Equal(CaseReference.Create(prefix, year, sequence), reference);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("SAB-2026")]
    [InlineData("SAB-26-0007")]
    [InlineData("SAB-2026-0000")]
    [InlineData("SAB-2026-00x7")]
    [InlineData("SAB-2026-0007-1")]
    [InlineData("S-2026-0007")]
    [InlineData("1AB-2026-0007")]
    [InlineData("SAB-1999-0007")]
    [InlineData("SAB-2026-1234567")]
    [InlineData("SAB-２０２６-0007")]
    [InlineData("SA B-2026-0007")]
    public void Refuses_anything_else_without_throwing(string? text) =>
        Assert.False(CaseReference.TryParse(text, out _));

    [Fact]
    public void Can_insist_on_this_boards_prefix()
    {
        Assert.True(CaseReference.TryParse("SAB-2026-0007", out _, expectedPrefix: "SAB"));
        Assert.False(CaseReference.TryParse("XSAB-2026-0007", out _, expectedPrefix: "SAB"));
    }

    [Fact]
    public void Round_trips_through_its_text()
    {
        var reference = CaseReference.Create("SAB", 2026, 42);
        Assert.Equal(reference, CaseReference.Parse(reference.ToString()));
        Assert.Throws<FormatException>(() => CaseReference.Parse("nonsense"));
    }

    [Fact]
    public void The_prefix_is_configurable()
    {
        Assert.Equal("SAB-2026-0003", new CaseReferenceOptions().For(2026, 3).ToString());
        Assert.Equal("LSAB-2026-0003", new CaseReferenceOptions { Prefix = "LSAB" }.For(2026, 3).ToString());
        Assert.Throws<ArgumentException>(() => new CaseReferenceOptions { Prefix = "S-AB" }.For(2026, 3));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_000)]
    public void Create_refuses_impossible_sequences(int sequence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseReference.Create("SAB", 2026, sequence));
}
