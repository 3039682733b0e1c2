namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>Whether the person agreed to this referral being shared.</summary>
public enum ConsentToShare
{
    Yes,
    No,
    NotSought,
}

/// <summary>The grounds for sharing without consent (domain.md section 2).</summary>
public enum SharingWithoutConsentGround
{
    LacksCapacityBestInterests,
    RiskToOthers,
    PreventOrDetectCrime,
    PublicInterest,
    AskingWouldPrejudiceEnquiry,
}

/// <summary>
/// UK GDPR Article 6 bases that fit multi-agency safeguarding. Consent (6(1)(a)) is left out on purpose:
/// it rarely fits a statutory safeguarding share and offering it invites the wrong choice.
/// </summary>
public enum Article6Basis
{
    PublicTask,
    LegalObligation,
    VitalInterests,
    RecognisedLegitimateInterestSafeguarding,
}

/// <summary>UK GDPR Article 9 conditions with their DPA 2018 Schedule 1 paragraphs.</summary>
public enum Article9Condition
{
    SafeguardingIndividualsAtRisk,
    HealthOrSocialCare,
    SocialProtection,
}

public enum CapacityConclusion
{
    HasCapacity,
    LacksCapacity,
}

public static class InformationSharingNames
{
    public static string DisplayName(this ConsentToShare consent) => consent switch
    {
        ConsentToShare.Yes => "Yes, the person consents",
        ConsentToShare.No => "No, the person does not consent",
        ConsentToShare.NotSought => "Consent was not sought",
        _ => consent.ToString(),
    };

    public static string DisplayName(this SharingWithoutConsentGround ground) => ground switch
    {
        SharingWithoutConsentGround.LacksCapacityBestInterests => "The person lacks capacity to consent to sharing and it is in their best interests",
        SharingWithoutConsentGround.RiskToOthers => "There is a risk to other people",
        SharingWithoutConsentGround.PreventOrDetectCrime => "To prevent or detect a crime",
        SharingWithoutConsentGround.PublicInterest => "It is in the public interest, including where coercion or control is suspected",
        SharingWithoutConsentGround.AskingWouldPrejudiceEnquiry => "Asking would prejudice a crime enquiry or delay an enquiry into harm",
        _ => ground.ToString(),
    };

    /// <summary>The basis in plain words; its legal reference is <see cref="LegalReference(Article6Basis)"/>, shown in small print.</summary>
    public static string DisplayName(this Article6Basis basis) => basis switch
    {
        Article6Basis.PublicTask => "Public task: work our organisation does by law",
        Article6Basis.LegalObligation => "Legal obligation: the law requires us to share it",
        Article6Basis.VitalInterests => "Vital interests: someone's life is at risk",
        Article6Basis.RecognisedLegitimateInterestSafeguarding => "Safeguarding, for organisations that are not public bodies",
        _ => basis.ToString(),
    };

    public static string LegalReference(this Article6Basis basis) => basis switch
    {
        Article6Basis.PublicTask => "UK GDPR Article 6(1)(e)",
        Article6Basis.LegalObligation => "UK GDPR Article 6(1)(c)",
        Article6Basis.VitalInterests => "UK GDPR Article 6(1)(d)",
        Article6Basis.RecognisedLegitimateInterestSafeguarding => "UK GDPR Article 6(1)(ea), recognised legitimate interest: safeguarding",
        _ => basis.ToString(),
    };

    public static string DisplayName(this Article9Condition condition) => condition switch
    {
        Article9Condition.SafeguardingIndividualsAtRisk => "Safeguarding: protecting a person at risk from harm or neglect",
        Article9Condition.HealthOrSocialCare => "Providing health or social care",
        Article9Condition.SocialProtection => "Social protection (for example, social security or employment law)",
        _ => condition.ToString(),
    };

    public static string LegalReference(this Article9Condition condition) => condition switch
    {
        Article9Condition.SafeguardingIndividualsAtRisk => "UK GDPR Article 9(2)(g) with DPA 2018 Schedule 1 paragraph 18",
        Article9Condition.HealthOrSocialCare => "UK GDPR Article 9(2)(h) with DPA 2018 Schedule 1 paragraph 2",
        Article9Condition.SocialProtection => "UK GDPR Article 9(2)(b) with DPA 2018 Schedule 1 paragraph 1",
        _ => condition.ToString(),
    };

    /// <summary>The small print under the lawful basis: each choice's legal reference, and who may use which.</summary>
    public static string Article6References { get; } =
        "Public bodies usually rely on public task; the safeguarding interest is for organisations that are not public bodies. The law: " +
        string.Join("; ", Enum.GetValues<Article6Basis>().Select(b => $"{b.DisplayName().Split(':')[0]}, {b.LegalReference()}")) + ".";

    public static string Article9References { get; } =
        "The law: " + string.Join("; ", Enum.GetValues<Article9Condition>().Select(c => $"{c.DisplayName().Split(':')[0].Split(" (")[0]}, {c.LegalReference()}")) + ".";

    public static string DisplayName(this CapacityConclusion conclusion) => conclusion switch
    {
        CapacityConclusion.HasCapacity => "Has capacity for this decision",
        CapacityConclusion.LacksCapacity => "Lacks capacity for this decision",
        _ => conclusion.ToString(),
    };
}
