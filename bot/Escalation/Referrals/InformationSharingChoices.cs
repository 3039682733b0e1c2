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

    public static string DisplayName(this Article6Basis basis) => basis switch
    {
        Article6Basis.PublicTask => "Article 6(1)(e) public task",
        Article6Basis.LegalObligation => "Article 6(1)(c) legal obligation",
        Article6Basis.VitalInterests => "Article 6(1)(d) vital interests (life at risk)",
        Article6Basis.RecognisedLegitimateInterestSafeguarding => "Recognised legitimate interest: safeguarding (not for public authorities' own tasks)",
        _ => basis.ToString(),
    };

    public static string DisplayName(this Article9Condition condition) => condition switch
    {
        Article9Condition.SafeguardingIndividualsAtRisk => "Article 9(2)(g) with DPA 2018 Sch 1 para 18: safeguarding of individuals at risk",
        Article9Condition.HealthOrSocialCare => "Article 9(2)(h) with DPA 2018 Sch 1 para 2: health or social care",
        Article9Condition.SocialProtection => "Article 9(2)(b) with DPA 2018 Sch 1 para 1: social protection",
        _ => condition.ToString(),
    };

    public static string DisplayName(this CapacityConclusion conclusion) => conclusion switch
    {
        CapacityConclusion.HasCapacity => "Has capacity for this decision",
        CapacityConclusion.LacksCapacity => "Lacks capacity for this decision",
        _ => conclusion.ToString(),
    };
}
