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
    /// <summary>The board's view (coordinators' channel or a personal chat): the case register.</summary>
    public const string Cases = "cases";
    /// <summary>"log SAB-2026-0007": that case's log.</summary>
    public const string Log = "log";
    /// <summary>The quarter's measures.</summary>
    public const string Measures = "measures";
    /// <summary>Personal chat only, coordinators and auditors: the case log as a spreadsheet.</summary>
    public const string Export = "export";
    /// <summary>Board admins: "hold SAB-2026-0007" keeps a case beyond the retention period; "release" lets it go.</summary>
    public const string Hold = "hold";
    public const string Release = "release";
}

/// <summary>Where a card is shown: it changes what can be typed (channels need an @mention) and what is safe to show.</summary>
public enum ConversationPlace { PersonalChat, GroupChat, Channel }
