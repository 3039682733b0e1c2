namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>The ten eligibility outcomes (Care and Support (Eligibility Criteria) Regulations 2014, reg 2(2)).</summary>
public enum Outcome
{
    Nutrition,
    PersonalHygiene,
    ToiletNeeds,
    AppropriatelyClothed,
    UsingTheHomeSafely,
    HabitableHome,
    Relationships,
    WorkTrainingEducationVolunteering,
    CommunityFacilities,
    CaringForAChild,
}

public static class OutcomeNames
{
    public static string DisplayName(this Outcome outcome) => outcome switch
    {
        Outcome.Nutrition => "Managing and maintaining nutrition",
        Outcome.PersonalHygiene => "Maintaining personal hygiene",
        Outcome.ToiletNeeds => "Managing toilet needs",
        Outcome.AppropriatelyClothed => "Being appropriately clothed",
        Outcome.UsingTheHomeSafely => "Being able to make use of the home safely",
        Outcome.HabitableHome => "Maintaining a habitable home environment",
        Outcome.Relationships => "Developing and maintaining family or other personal relationships",
        Outcome.WorkTrainingEducationVolunteering => "Accessing and engaging in work, training, education or volunteering",
        Outcome.CommunityFacilities => "Making use of facilities or services in the local community, including public transport",
        Outcome.CaringForAChild => "Carrying out any caring responsibilities for a child",
        _ => outcome.ToString(),
    };
}
