namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>The Action.Execute verbs of the referral journey. Every button's data carries {"caseId": "…"}.</summary>
public static class ReferralVerbs
{
    public const string Start = Onboarding.OnboardingVerbs.StartReferral;
    public const string List = Onboarding.OnboardingVerbs.ListReferrals;
    public const string Route = "referral.route";
    public const string Next = "referral.next";
    public const string Back = "referral.back";
    public const string Save = "referral.save";
    public const string Submit = "referral.submit";
    public const string Resume = "referral.resume";
    public const string Discard = "referral.discard";
    public const string DiscardConfirm = "referral.discardConfirm";
    /// <summary>"Edit: &lt;step&gt;" on a step's answers: opens that step of the draft to edit (data: caseId, step).</summary>
    public const string Edit = "referral.edit";
    /// <summary>"Check your answers": the overview of every step (data: caseId).</summary>
    public const string Review = "referral.review";
    /// <summary>A step's row on "Check your answers": that step's answers (data: caseId, step).</summary>
    public const string ReviewStep = "referral.reviewStep";
    /// <summary>A row of "My referrals": that referral or draft, with what can be done with it (data: caseId).</summary>
    public const string Open = "referral.open";
    /// <summary>"Show details" and the details card's own page buttons (data: caseId, and page naming the page; none = the contents).</summary>
    public const string ShowDetails = "case.details";
    /// <summary>On the risks section: reveal the next risk, remove the open one, or open another for editing.
    /// Each sends the card's inputs, which are stored before the list changes.</summary>
    public const string AddRisk = "referral.addRisk";
    public const string RemoveRisk = "referral.removeRisk";
    public const string OpenRisk = "referral.openRisk";

    /// <summary>The data key naming the case a button belongs to.</summary>
    public const string CaseIdKey = "caseId";
    /// <summary>The data key naming the form section a button was on.</summary>
    public const string StepKey = "step";
    /// <summary>The data key naming the risk (1-based) a risk button acts on, or the risk open on the card.</summary>
    public const string RiskKey = "risk";
    /// <summary>The data key naming a page of the case details (1-based; absent = the contents).</summary>
    public const string PageKey = "page";
}
