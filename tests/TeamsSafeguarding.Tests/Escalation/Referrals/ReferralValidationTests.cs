using TeamsSafeguarding.Escalation.Cases;
using Xunit;
using TeamsSafeguarding.Escalation.Referrals;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;
using static TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;

namespace TeamsSafeguarding.Tests.Escalation.Referrals;

public class ReferralValidationTests
{
    [Fact]
    public void A_complete_draft_has_no_errors_in_any_step()
    {
        var draft = Complete();
        foreach (var step in ReferralForm.Steps)
            Assert.Empty(ReferralValidation.Validate(draft, step.Id, Today));
        Assert.Empty(ReferralValidation.ValidateForSubmit(draft, Today));
    }

    [Fact]
    public void An_empty_person_step_lists_each_required_field_in_card_order()
    {
        var errors = ReferralValidation.Validate(ReferralDraft.Start(RouteOk), ReferralForm.PersonSection, Today);
        Assert.Equal([F.PersonName, F.PersonDateOfBirth, F.PersonAddress, F.PersonSystemReference], errors.Select(e => e.Field));
        Assert.Equal([F.ReferrerName, F.ReferrerRole, F.ReferrerAgency],
            ReferralValidation.Validate(ReferralDraft.Start(RouteOk), ReferralForm.ReferrerSection, Today).Select(e => e.Field));
        Assert.Equal("Enter the date of birth", errors.Single(e => e.Field == F.PersonDateOfBirth).Message);
    }

    [Fact]
    public void Optional_fields_may_be_left_blank()
    {
        var draft = Complete().With((F.PersonNhsNumber, null), (F.ReferrerEmail, null), (F.LatestMeetingOn, null), (F.DailyLifeOther, null), (F.Advocate, null));
        Assert.Empty(ReferralValidation.ValidateForSubmit(draft, Today));
    }

    // Today is 2026-03-27: someone born 2008-03-27 turns 18 today.
    [Theory]
    [InlineData("2008-03-27", null)]
    [InlineData("2008-03-26", null)]
    [InlineData("2008-03-28", "The date of birth must make the person 18 or over")]
    [InlineData("2020-01-01", "The date of birth must make the person 18 or over")]
    [InlineData("2026-03-28", "The date of birth cannot be in the future")]
    [InlineData("1900-01-01", "Check the date of birth: the person would be over 120")]
    [InlineData("2008-02-30", "Enter a real date")]
    [InlineData("not a date", "Enter a real date")]
    [InlineData("27/03/2008", null)]
    public void Date_of_birth_must_make_an_adult(string dob, string? expected)
    {
        var errors = ErrorsFor(Complete().With((F.PersonDateOfBirth, dob)), ReferralForm.PersonSection, F.PersonDateOfBirth);
        Assert.Equal(expected is null ? [] : [expected], errors);
    }

    [Theory]
    [InlineData("2026-02-28", false)]
    [InlineData("2026-03-01", true)]
    public void Someone_born_on_29_February_turns_18_on_1_March(string today, bool adult) =>
        Assert.Equal(adult, ReferralValidation.IsAdult(new DateOnly(2008, 2, 29), DateOnly.Parse(today)));

    [Theory]
    [InlineData("2026-03-27", null)]
    [InlineData("2026-03-28", "This date cannot be in the future")]
    [InlineData("garbage", "Enter a real date")]
    public void Senior_manager_agreement_date_cannot_be_in_the_future(string date, string? expected)
    {
        var errors = ErrorsFor(Complete().With((F.ManagerAgreedOn, date)), ReferralForm.SignOffSection, F.ManagerAgreedOn);
        Assert.Equal(expected is null ? [] : [expected], errors);
    }

    [Fact]
    public void Capacity_assessment_date_cannot_be_in_the_future() =>
        Assert.Equal(["This date cannot be in the future"],
            ErrorsFor(Complete().With((F.CapacityAssessedOn, "2027-01-01")), ReferralForm.CapacitySection, F.CapacityAssessedOn));

    [Theory]
    [InlineData("0", "Likelihood must be a whole number from 1 to 5")]
    [InlineData("1", null)]
    [InlineData("5", null)]
    [InlineData("6", "Likelihood must be a whole number from 1 to 5")]
    [InlineData("abc", "Likelihood must be a whole number from 1 to 5")]
    [InlineData("3.5", "Likelihood must be a whole number from 1 to 5")]
    [InlineData("-1", "Likelihood must be a whole number from 1 to 5")]
    [InlineData("99999999999999999999", "Likelihood must be a whole number from 1 to 5")]
    [InlineData("3.0", null)]
    [InlineData(" 4 ", null)]
    public void Likelihood_is_a_whole_number_from_1_to_5(string value, string? expected)
    {
        var id = F.Risk(1, F.RiskPart.LikelihoodBefore);
        Assert.Equal(expected is null ? [] : [expected], ErrorsFor(Complete().With((id, value)), ReferralForm.RisksSection, id));
    }

    [Fact]
    public void Impact_errors_name_impact()
    {
        var id = F.Risk(1, F.RiskPart.ImpactAfter);
        Assert.Equal(["Impact must be a whole number from 1 to 5"], ErrorsFor(Complete().With((id, "7")), ReferralForm.RisksSection, id));
    }

    [Fact]
    public void Every_score_of_every_added_risk_is_required()
    {
        var draft = Complete().WithRiskAdded();
        var errors = ReferralValidation.Validate(draft, ReferralForm.RisksSection, Today).Select(e => e.Field).ToArray();
        Assert.Equal(F.RiskPart.All.Select(p => F.Risk(2, p)).Order(), errors.Order());
        Assert.Equal("Enter the likelihood from 1 to 5",
            ErrorsFor(draft, ReferralForm.RisksSection, F.Risk(2, F.RiskPart.LikelihoodBefore)).Single());
    }

    [Fact]
    public void Removing_every_risk_asks_for_at_least_one()
    {
        var draft = Complete().WithRiskRemoved(1);
        Assert.Equal(0, draft.RiskCount);
        Assert.Equal(["Add at least one risk"], ErrorsFor(draft, ReferralForm.RisksSection, F.Risks));
        Assert.Contains(ReferralValidation.ValidateForSubmit(draft, Today), e => e.Field == F.Risks);
    }

    [Theory]
    [InlineData("Nutrition", "Choose at least two outcomes the person cannot achieve")]
    [InlineData("Nutrition,Nutrition", "Choose at least two outcomes the person cannot achieve")]
    [InlineData("Nutrition,ToiletNeeds", null)]
    [InlineData("", "Choose at least two outcomes the person cannot achieve")]
    [InlineData("Nutrition,Flying", "Choose from the options listed")]
    [InlineData("0,1", "Choose from the options listed")]
    public void At_least_two_outcomes_must_be_ticked(string outcomes, string? expected) =>
        Assert.Equal(expected is null ? [] : [expected],
            ErrorsFor(Complete().With((F.NeedsOutcomes, outcomes)), ReferralForm.NeedsSection, F.NeedsOutcomes));

    [Theory]
    [InlineData("false", "Confirm the needs arise from a physical or mental impairment or illness")]
    [InlineData(null, "Confirm the needs arise from a physical or mental impairment or illness")]
    [InlineData("perhaps", "Tick or untick this box")]
    [InlineData("TRUE", null)]
    public void Needs_must_arise_from_an_impairment_or_illness(string? value, string? expected) =>
        Assert.Equal(expected is null ? [] : [expected],
            ErrorsFor(Complete().With((F.NeedsFromImpairment, value)), ReferralForm.NeedsSection, F.NeedsFromImpairment));

    [Theory]
    [InlineData("Physical", null)]
    [InlineData("physical", null)]
    [InlineData("3", "Choose one of the options")]
    [InlineData("Burglary", "Choose one of the options")]
    public void Most_significant_harm_is_one_of_the_ten_categories(string value, string? expected) =>
        Assert.Equal(expected is null ? [] : [expected],
            ErrorsFor(Complete().With((F.NeedsMostSignificantHarm, value)), ReferralForm.NeedsSection, F.NeedsMostSignificantHarm));

    [Theory]
    [InlineData(2000, null)]
    [InlineData(2001, "Keep this to 2,000 characters or fewer")]
    public void Long_answers_are_bounded(int length, string? expected) =>
        Assert.Equal(expected is null ? [] : [expected],
            ErrorsFor(Complete().With((F.NeedsDescription, new string('x', length))), ReferralForm.NeedsSection, F.NeedsDescription));

    [Fact]
    public void Short_answers_are_bounded_more_tightly() =>
        Assert.Equal(["Keep this to 200 characters or fewer"],
            ErrorsFor(Complete().With((F.PersonName, new string('x', 201))), ReferralForm.PersonSection, F.PersonName));

    [Theory]
    [InlineData("9434765919", null)]
    [InlineData("943-476-5919", null)]
    [InlineData("9434765918", "Enter a valid 10-digit NHS number, or leave it blank")]
    [InlineData("12345", "Enter a valid 10-digit NHS number, or leave it blank")]
    [InlineData("abcdefghij", "Enter a valid 10-digit NHS number, or leave it blank")]
    public void Nhs_number_is_optional_but_checked_when_given(string value, string? expected) =>
        Assert.Equal(expected is null ? [] : [expected],
            ErrorsFor(Complete().With((F.PersonNhsNumber, value)), ReferralForm.PersonSection, F.PersonNhsNumber));

    [Fact]
    public void Capacity_must_have_been_assessed_with_when_who_and_conclusion()
    {
        var draft = Complete().With((F.CapacityAssessedOn, null), (F.CapacityAssessedBy, null), (F.CapacityConclusion, null));
        var errors = ReferralValidation.Validate(draft, ReferralForm.CapacitySection, Today);
        Assert.Equal([F.CapacityAssessedOn, F.CapacityAssessedBy, F.CapacityConclusion], errors.Select(e => e.Field));

        // "Not assessed" is not a way round it: the procedure needs the assessment first.
        var notAssessed = Complete().With((F.CapacityAssessed, "no"));
        var refused = Assert.Single(ReferralValidation.Validate(notAssessed, ReferralForm.CapacitySection, Today));
        Assert.Equal(F.CapacityAssessed, refused.Field);
        Assert.Contains("assessed first", refused.Message);
        Assert.False(ReferralReader.Read(notAssessed, Today).Ready);
    }

    [Fact]
    public void The_entry_criteria_must_each_be_confirmed_and_the_senior_manager_must_confirm_their_agency_has_done_all_it_can()
    {
        foreach (var id in new[] { F.CriteriaSignificantHarm, F.CriteriaWellKnown, F.CriteriaNoPlan, F.CriteriaPartnerBelieves })
        {
            var message = Assert.Single(ErrorsFor(Complete().With((id, "false")), ReferralForm.CriteriaSection, id));
            Assert.Contains("only for cases that meet every criterion", message);
        }
        Assert.Contains("done all it can", Assert.Single(ErrorsFor(Complete().With((F.ManagerTriedEverything, "false")), ReferralForm.SignOffSection, F.ManagerTriedEverything)));
    }

    [Fact]
    public void Multi_agency_work_needs_the_meetings_held_or_why_there_has_been_none()
    {
        var none = Complete().With((F.MeetingsHeld, null));
        Assert.Contains("explain below why there has been no multi-agency work",
            Assert.Single(ErrorsFor(none, ReferralForm.MultiAgencySection, F.MeetingsHeld)));
        Assert.Empty(ReferralValidation.Validate(none.With((F.NoMultiAgencyWorkReason, "The person refused every meeting.")), ReferralForm.MultiAgencySection, Today));
        Assert.Equal(["Enter the lead professional"], ErrorsFor(Complete().With((F.LeadProfessional, null)), ReferralForm.MultiAgencySection, F.LeadProfessional));
    }

    [Fact]
    public void The_persons_views_and_the_harm_are_required()
    {
        Assert.Single(ErrorsFor(Complete().With((F.PersonsViews, null)), ReferralForm.ViewsSection, F.PersonsViews));
        Assert.Single(ErrorsFor(Complete().With((F.HarmDescription, null)), ReferralForm.NeedsSection, F.HarmDescription));
    }

    [Fact]
    public void A_conclusion_that_the_person_lacks_capacity_points_to_best_interests()
    {
        var message = Assert.Single(ErrorsFor(Complete().With((F.CapacityConclusion, "LacksCapacity")), ReferralForm.CapacitySection, F.CapacityConclusion));
        Assert.Contains("best-interests", message);
    }

    [Fact]
    public void The_route_needs_consistent_refusal_of_essential_services()
    {
        Assert.Contains("consistently refuse",
            ErrorsFor(Complete().With((F.RefusesEssentialServices, "no")), ReferralForm.ViewsSection, F.RefusesEssentialServices).Single());
        Assert.Equal(["Describe which services are refused, and how"],
            ErrorsFor(Complete().With((F.RefusedServices, null)), ReferralForm.ViewsSection, F.RefusedServices));
    }

    [Fact]
    public void Risk_assessment_needs_tool_and_link_or_a_reason_there_is_none()
    {
        var none = Complete().With((F.RiskAssessmentTool, null), (F.RiskAssessmentLink, null));
        var errors = ReferralValidation.Validate(none, ReferralForm.AssessmentSection, Today);
        Assert.Equal([F.RiskAssessmentTool, F.RiskAssessmentLink], errors.Select(e => e.Field));

        var withReason = none.With((F.NoRiskAssessmentReason, "The person declined every assessment."));
        Assert.Empty(ReferralValidation.Validate(withReason, ReferralForm.AssessmentSection, Today));

        var toolOnly = Complete().With((F.RiskAssessmentLink, null));
        Assert.Equal([F.RiskAssessmentLink], ReferralValidation.Validate(toolOnly, ReferralForm.AssessmentSection, Today).Select(e => e.Field));
    }

    [Theory]
    [InlineData("https://records.example.org/x", null)]
    [InlineData("http://records.example.org/x", "Enter a full link starting with https:// (a secure link)")]
    [InlineData("javascript:alert(1)", "Enter a full link starting with https:// (a secure link)")]
    [InlineData("records/ra/1", "Enter a full link starting with https:// (a secure link)")]
    public void Risk_assessment_link_must_be_an_https_link(string link, string? expected) =>
        Assert.Equal(expected is null ? [] : [expected],
            ErrorsFor(Complete().With((F.RiskAssessmentLink, link)), ReferralForm.AssessmentSection, F.RiskAssessmentLink));

    [Theory]
    [InlineData("Yes", null, null, new string[0])]
    [InlineData("No", null, null, new[] { F.SharingGround, F.SharingRationale })]
    [InlineData("NotSought", "RiskToOthers", null, new[] { F.SharingRationale })]
    [InlineData("NotSought", null, "Would alert the abuser.", new[] { F.SharingGround })]
    [InlineData("No", "PublicInterest", "Coercive control suspected.", new string[0])]
    [InlineData(null, null, null, new[] { F.Consent })]
    [InlineData("Maybe", null, null, new[] { F.Consent })]
    public void Sharing_needs_consent_or_a_ground_and_rationale(string? consent, string? ground, string? rationale, string[] expectedFields)
    {
        var draft = Complete().With((F.Consent, consent), (F.SharingGround, ground), (F.SharingRationale, rationale));
        var fields = ReferralValidation.Validate(draft, ReferralForm.SharingSection, Today).Select(e => e.Field);
        Assert.Equal(expectedFields, fields);
    }

    [Fact]
    public void Article_6_basis_and_article_9_condition_are_recorded_even_with_consent()
    {
        var draft = Complete().With((F.Article6, null), (F.Article9, "Whatever"));
        var errors = ReferralValidation.Validate(draft, ReferralForm.SharingSection, Today);
        Assert.Equal([(F.Article6, "Choose the lawful basis for sharing"), (F.Article9, "Choose one of the options")],
            errors.Select(e => (e.Field, e.Message)));
    }

    [Fact]
    public void Senior_manager_is_required()
    {
        var draft = Complete().With((F.ManagerName, null), (F.ManagerRole, null), (F.ManagerAgency, null), (F.ManagerAgreedOn, null), (F.ManagerTriedEverything, null));
        var errors = ReferralValidation.ValidateForSubmit(draft, Today);
        Assert.Equal([F.ManagerName, F.ManagerRole, F.ManagerAgency, F.ManagerAgreedOn, F.ManagerTriedEverything], errors.Select(e => e.Field));
        Assert.Equal("Enter the senior manager's name", errors[0].Message);
    }

    [Fact]
    public void Submit_covers_every_section()
    {
        var errors = ReferralValidation.ValidateForSubmit(ReferralDraft.Start(RouteOk), Today);
        var sectionsWithErrors = ReferralForm.Sections
            .Where(s => s.Fields.Any(f => errors.Any(e => e.Field == f.Id))).Select(s => s.Id);
        Assert.Equal(ReferralForm.Sections.Select(s => s.Id), sectionsWithErrors);
    }

    [Fact]
    public void Submit_refuses_a_draft_whose_route_check_said_go_elsewhere()
    {
        var draft = Complete() with { Route = new RouteAnswers(UrgentRisk: true, false, false) };
        var error = Assert.Single(ReferralValidation.ValidateForSubmit(draft, Today));
        Assert.Equal(F.Route, error.Field);
    }

    [Fact]
    public void The_review_step_validates_like_submit()
    {
        var draft = Complete().With((F.PersonName, null), (F.ManagerName, null));
        Assert.Equal(ReferralValidation.ValidateForSubmit(draft, Today), ReferralValidation.Validate(draft, ReferralForm.ReviewStep, Today));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("section99")]
    public void An_unknown_step_is_an_error_not_an_exception(string? step) =>
        Assert.Single(ReferralValidation.Validate(Complete(), step, Today));
}
