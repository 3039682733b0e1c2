using TeamsSafeguarding.Escalation.Cases;
using Xunit;
using TeamsSafeguarding.Escalation.Referrals;

namespace TeamsSafeguarding.Tests.Escalation.Referrals;

public class RouteCheckTests
{
    [Fact]
    public void No_to_all_three_proceeds()
    {
        var result = RouteCheck.Evaluate(new RouteAnswers(false, false, false));
        Assert.True(result.Proceed);
        Assert.Empty(result.Redirects);
    }

    [Fact]
    public void Urgent_risk_redirects_to_local_procedures_and_999()
    {
        var result = RouteCheck.Evaluate(new RouteAnswers(UrgentRisk: true, false, false));
        Assert.False(result.Proceed);
        var redirect = Assert.Single(result.Redirects);
        Assert.Equal(RedirectReason.UrgentRisk, redirect.Reason);
        Assert.Contains("999", redirect.Advice);
        Assert.Contains("long-term chronic risk", redirect.Advice);
        Assert.Contains("local safeguarding procedures", redirect.Advice);
    }

    [Fact]
    public void Professional_disagreement_redirects_to_managing_professional_difficulties()
    {
        var redirect = Assert.Single(RouteCheck.Evaluate(new RouteAnswers(false, ProfessionalDisagreement: true, false)).Redirects);
        Assert.Equal(RedirectReason.ProfessionalDisagreement, redirect.Reason);
        Assert.Contains("professional difficulties", redirect.Title + redirect.Advice, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Lacking_capacity_redirects_to_best_interests()
    {
        var redirect = Assert.Single(RouteCheck.Evaluate(new RouteAnswers(false, false, LacksCapacityForDecision: true)).Redirects);
        Assert.Equal(RedirectReason.LacksCapacity, redirect.Reason);
        Assert.Contains("best-interests", redirect.Title + redirect.Advice);
    }

    [Fact]
    public void Several_gates_give_every_redirect_with_urgent_risk_first()
    {
        var result = RouteCheck.Evaluate(new RouteAnswers(true, true, true));
        Assert.Equal(
            [RedirectReason.UrgentRisk, RedirectReason.LacksCapacity, RedirectReason.ProfessionalDisagreement],
            result.Redirects.Select(r => r.Reason));
    }

    [Fact]
    public void Note_says_meeting_attendance_is_not_a_reason_to_escalate() =>
        Assert.Contains("not, by itself, a reason to escalate", RouteCheck.Note);

    [Theory]
    [InlineData("no", "No", "false", false)]
    [InlineData("yes", "no", "no", true)]
    [InlineData("no", "true", " NO ", true)]
    public void Reads_yes_no_and_toggle_answers(string urgent, string disagreement, string capacity, bool expectRedirect)
    {
        var (answers, errors) = RouteCheck.Read(new Dictionary<string, string?>
        {
            [RouteCheck.UrgentRiskFieldId] = urgent,
            [RouteCheck.ProfessionalDisagreementFieldId] = disagreement,
            [RouteCheck.LacksCapacityFieldId] = capacity,
        });
        Assert.Empty(errors);
        Assert.NotNull(answers);
        Assert.Equal(expectRedirect, !RouteCheck.Evaluate(answers).Proceed);
    }

    [Fact]
    public void Unanswered_or_garbage_answers_are_field_errors_not_a_guess()
    {
        var (answers, errors) = RouteCheck.Read(new Dictionary<string, string?>
        {
            [RouteCheck.UrgentRiskFieldId] = "maybe",
            [RouteCheck.ProfessionalDisagreementFieldId] = null,
        });
        Assert.Null(answers);
        Assert.Equal(
            [RouteCheck.UrgentRiskFieldId, RouteCheck.ProfessionalDisagreementFieldId, RouteCheck.LacksCapacityFieldId],
            errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal("Answer yes or no", e.Message));
    }

    [Fact]
    public void Questions_cover_the_three_gates_with_the_ids_read_uses()
    {
        Assert.Equal(
            [RouteCheck.UrgentRiskFieldId, RouteCheck.ProfessionalDisagreementFieldId, RouteCheck.LacksCapacityFieldId],
            RouteCheck.Questions.Select(q => q.FieldId));
    }
}
