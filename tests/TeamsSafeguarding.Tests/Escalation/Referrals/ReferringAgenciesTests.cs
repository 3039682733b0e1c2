using TeamsSafeguarding.Escalation.Referrals;
using Xunit;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Tests.Escalation.Referrals;

public class ReferringAgenciesTests
{
    private static readonly ReferringAgencies Board = new([new("harbour-housing", "Harbour Housing"), new("city-asc", "City Adult Social Care")]);

    [Theory]
    [InlineData("harbour-housing", "Harbour Housing")]
    [InlineData("HARBOUR-HOUSING", "Harbour Housing")]
    [InlineData("other", "Other")]
    [InlineData("Jane Doe, 4 Privet Drive", "Other")] // typed into a forged card: never shown as typed
    [InlineData("adult-social-care", "Other")]        // on the standard list, not this board's
    public void Only_a_listed_name_or_Other_is_ever_shown(string value, string shown) =>
        Assert.Equal(shown, Board.Words(value));

    [Fact]
    public void The_form_offers_the_listed_agencies_then_another_agency()
    {
        var field = ReferralForm.SectionsFor(Board).SelectMany(s => s.Fields).Single(f => f.Id == F.ReferrerAgency);

        Assert.Equal(FieldKind.Choice, field.Kind);
        Assert.Equal(["harbour-housing", "city-asc", ReferringAgencies.OtherValue], field.Choices.Select(c => c.Value));
    }

    [Fact]
    public void A_value_not_on_the_boards_list_is_refused_and_another_agency_needs_its_name()
    {
        var listed = Drafts.Complete().With((F.ReferrerAgency, "harbour-housing"));
        var forged = listed.With((F.ReferrerAgency, "Jane Doe, 4 Privet Drive"));
        var other = listed.With((F.ReferrerAgency, ReferringAgencies.OtherValue));

        Assert.Empty(ReferralValidation.Validate(listed, ReferralForm.PersonSection, Drafts.Today, Board));
        Assert.Equal("Choose one of the options",
            Assert.Single(ReferralValidation.Validate(forged, ReferralForm.PersonSection, Drafts.Today, Board)).Message);
        var missing = Assert.Single(ReferralValidation.Validate(other, ReferralForm.PersonSection, Drafts.Today, Board));
        Assert.Equal(F.ReferrerAgencyOther, missing.Field);
        Assert.Empty(ReferralValidation.Validate(other.With((F.ReferrerAgencyOther, "Harbour Trust")), ReferralForm.PersonSection, Drafts.Today, Board));
    }

    [Fact]
    public void The_referral_carries_the_listed_name_or_Other_and_keeps_the_typed_name_apart()
    {
        var listed = ReferralReader.Read(Drafts.Complete().With((F.ReferrerAgency, "city-asc"), (F.ReferrerAgencyOther, "ignored")), Drafts.Today, Board).Referral!;
        var other = ReferralReader.Read(Drafts.Complete().With((F.ReferrerAgency, "other"), (F.ReferrerAgencyOther, "Harbour Trust")), Drafts.Today, Board).Referral!;

        Assert.Equal("City Adult Social Care", listed.Referrer.Agency);
        Assert.Null(listed.Referrer.AgencyNotListed);
        Assert.Equal(ReferringAgencies.OtherWords, other.Referrer.Agency);
        Assert.Equal("Harbour Trust", other.Referrer.AgencyNotListed);
    }

    [Fact]
    public void The_standard_list_is_usable() => Assert.Empty(ReferringAgencies.Problems(ReferringAgencies.Standard.Listed));

    public static TheoryData<string, FieldChoice[]> BadLists => new()
    {
        { "must be 1-40 lower-case letters", [new("Harbour Housing", "Harbour Housing")] },
        { "needs a name", [new("harbour", "")] },
        { "needs a name", [new("harbour", new string('x', 61))] },
        { "kept for agencies that are not listed", [new("other", "Somewhere")] },
        { "kept for agencies that are not listed", [new("elsewhere", "Other")] },
        { "id 'harbour' is listed more than once", [new("harbour", "Harbour A"), new("HARBOUR", "Harbour B")] },
        { "name 'Harbour' is listed more than once", [new("a", "Harbour"), new("b", "harbour ")] },
        { "at most 50", [.. Enumerable.Range(1, 51).Select(i => new FieldChoice($"a{i}", $"Agency {i}"))] },
    };

    [Theory]
    [MemberData(nameof(BadLists))]
    public void A_list_the_form_cannot_offer_is_named_for_the_start_up_failure(string problem, FieldChoice[] listed) =>
        Assert.Contains(ReferringAgencies.Problems(listed), p => p.Contains(problem, StringComparison.Ordinal));
}
