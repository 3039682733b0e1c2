namespace TeamsSafeguarding.Tests.EndToEnd;

/// <summary>
/// The mock Teams data (infra/playground/mock.yml) and the board roles bot/appsettings.Development.json gives its
/// people, as the end-to-end tests use them.
/// </summary>
public static class MockBoard
{
    // Playground ids (who clicks).
    public const string Alex = "user-id-0";   // coordinator and deputy board manager; the referrer in these tests
    public const string Megan = "user-id-1";  // local authority
    public const string Adele = "user-id-2";  // police
    public const string Isaiah = "user-id-3"; // NHS integrated care board
    public const string Patti = "user-id-4";  // chair
    public const string Lynne = "user-id-5";  // local authority

    // Entra object ids (how the board configuration and the case log name them).
    public const string MeganKey = "00000000-0000-0000-0000-0000000000021";
    public const string AdeleKey = "00000000-0000-0000-0000-0000000000022";
    public const string IsaiahKey = "00000000-0000-0000-0000-0000000000023";
    public const string PattiKey = "00000000-0000-0000-0000-0000000000024";
    public const string LynneKey = "00000000-0000-0000-0000-0000000000025";

    /// <summary>The channels the Development settings name (General's conversation id is the team id).</summary>
    public const string CoordinatorsChannel = "team-id";
    public const string PartnersChannel = "channel-partners-id";

    /// <summary>The test referral's personal details (Drafts.Complete()): none may appear in any channel.</summary>
    public static readonly string[] PersonalDetails =
        ["Alex Example", "1960-05-01", "1 May 1960", "1 Test Street", "Testtown", "LAS-12345", "943 476 5919",
         "Fire risk from hoarding", "Long-standing self-neglect", "Refuses home care visits", "Whether to accept care"];
}
