namespace TeamsSafeguarding.Cards.Onboarding;

/// <summary>The Action.Execute verbs on the onboarding cards; the bot routes adaptiveCard/action invokes on these.</summary>
public static class OnboardingVerbs
{
    public const string StartReferral = "referral.start";
    public const string ListReferrals = "referral.list";
    public const string ShowWelcome = "welcome.show";
    public const string HowItWorks = "welcome.howItWorks";
    public const string ShowHelp = "help.show";
}

/// <summary>What people type to the bot, as the help card lists them; the command parser should use these too.</summary>
public static class Commands
{
    public const string Refer = "refer";
    public const string NewReferral = "new referral";
    public const string MyReferrals = "my referrals";
    public const string Help = "help";
    /// <summary>Channels only, for coordinators.</summary>
    public const string Roles = "roles";
    /// <summary>Channels only, for board members: "case SAB-2026-0007" posts that case's current card again.</summary>
    public const string Case = "case";
    /// <summary>The deputy board manager's absence: the deputy records "I'm away", or a coordinator a cover period.</summary>
    public const string Away = "away";
}

/// <summary>Where a card is shown: it changes what can be typed (channels need an @mention) and what is safe to show.</summary>
public enum ConversationPlace { PersonalChat, GroupChat, Channel }
