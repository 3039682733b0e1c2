namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>The ten types of abuse and neglect in the Care and Support Statutory Guidance, ch.14.</summary>
public enum HarmCategory
{
    Physical,
    EmotionalOrPsychological,
    Financial,
    Sexual,
    Organisational,
    NeglectAndActsOfOmission,
    Discriminatory,
    Domestic,
    ModernSlaveryAndHumanTrafficking,
    SelfNeglectAndHoarding,
}

public static class HarmCategoryNames
{
    public static string DisplayName(this HarmCategory harm) => harm switch
    {
        HarmCategory.Physical => "Physical abuse",
        HarmCategory.EmotionalOrPsychological => "Emotional or psychological abuse",
        HarmCategory.Financial => "Financial or material abuse",
        HarmCategory.Sexual => "Sexual abuse",
        HarmCategory.Organisational => "Organisational abuse",
        HarmCategory.NeglectAndActsOfOmission => "Neglect and acts of omission",
        HarmCategory.Discriminatory => "Discriminatory abuse",
        HarmCategory.Domestic => "Domestic abuse",
        HarmCategory.ModernSlaveryAndHumanTrafficking => "Modern slavery and human trafficking",
        HarmCategory.SelfNeglectAndHoarding => "Self-neglect, including hoarding",
        _ => harm.ToString(),
    };
}
