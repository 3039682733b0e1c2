using TeamsSafeguarding.Escalation.Cases;
using Xunit;
using TeamsSafeguarding.Escalation.Referrals;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;
using static TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;

namespace TeamsSafeguarding.Tests.Escalation.Referrals;

public class ReferralReviewTests
{
    private static ReviewLine Line(ReviewPage page, string fieldId) => page.Sections.SelectMany(s => s.Lines).Single(l => l.FieldId == fieldId);

    [Fact]
    public void Answers_read_in_words()
    {
        var page = ReferralReview.For(Complete(), Today);
        Assert.True(page.ReadyToSubmit);
        Assert.Equal(ReferralForm.Sections.Count, page.Sections.Count);
        Assert.Equal("Managing and maintaining nutrition; Maintaining a habitable home environment", Line(page, F.NeedsOutcomes).Value);
        Assert.Equal("Yes", Line(page, F.NeedsFromImpairment).Value);
        Assert.Equal("1 May 1960", Line(page, F.PersonDateOfBirth).Value);
        Assert.Equal(ReferralReview.NotAnswered, Line(page, F.ReferrerEmail).Value);
    }

    [Fact]
    public void Errors_sit_on_their_lines_and_general_errors_apart()
    {
        var draft = Complete().With((F.ManagerName, null)).WithRiskRemoved(1);
        var page = ReferralReview.For(draft, Today);
        Assert.False(page.ReadyToSubmit);
        Assert.Equal("Enter the senior manager's name", Line(page, F.ManagerName).Error);
        Assert.Equal(F.Risks, Assert.Single(page.GeneralErrors).Field);
    }
}
