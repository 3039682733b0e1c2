using Microsoft.Extensions.Options;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Process;

namespace TeamsSafeguarding.Board;

public static class BoardSetup
{
    /// <summary>
    /// The board: its people and channels ("Board"), its process profile ("Board:Process") and the rules built from
    /// them (working-day calendar, risk bands, the partners' decision rule). Both sections are validated at start-up,
    /// naming the setting to fix, so a bad configuration stops the bot before anyone relies on it.
    /// </summary>
    public static IServiceCollection AddBoard(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<BoardOptions>()
            .Bind(config.GetSection(BoardOptions.Section))
            .PostConfigure(board =>
            {
                if (board.Partners.Count == 0) board.Partners = BoardOptions.DefaultPartners();
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BoardOptions>, DescribeBoardProblems>();
        services.AddOptions<ProcessOptions>().Bind(config.GetSection(ProcessOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProcessOptions>, DescribeProcessProblems>();

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ProcessOptions>>().Value.ToProfile());
        services.AddSingleton(sp => sp.GetRequiredService<ProcessProfile>().Calendar());
        services.AddSingleton(sp => sp.GetRequiredService<ProcessProfile>().RiskBands);
        services.AddSingleton(sp => DecisionRuleOf(sp.GetRequiredService<IOptions<BoardOptions>>().Value, sp.GetRequiredService<ProcessProfile>()));

        services.AddSingleton<BoardDirectory>();
        // Stores the roles as configured at each start (after TableStorage's table creator, which is registered first).
        services.AddSingleton<BoardRolesStore>();
        services.AddHostedService<BoardRolesRecorder>();
        return services;
    }

    /// <summary>The partners' decision rule: the configured agencies, with the profile's early decision and tie-break.</summary>
    public static DecisionRule DecisionRuleOf(BoardOptions board, ProcessProfile profile)
    {
        var rule = new DecisionRule(board.Partners.Select(a => new PartnerAgency(a.Id, a.Name)).ToList(), profile.EarlyDecision, profile.CastingBy);
        var problems = rule.Problems();
        if (problems.Count > 0)
            throw new InvalidOperationException("Board partners configuration is not usable: " + string.Join(" ", problems));
        return rule;
    }

    /// <summary>Names the actual problem in the start-up failure.</summary>
    private sealed class DescribeBoardProblems : IValidateOptions<BoardOptions>
    {
        public ValidateOptionsResult Validate(string? name, BoardOptions options)
        {
            try
            {
                DecisionRuleOf(options, ProcessProfile.Default);
            }
            catch (InvalidOperationException e)
            {
                return ValidateOptionsResult.Fail(e.Message);
            }
            var agencies = Escalation.Referrals.ReferringAgencies.Problems(options.ListedReferringAgencies().Listed);
            return agencies.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail("Board:ReferringAgencies: " + string.Join(" ", agencies));
        }
    }

    private sealed class DescribeProcessProblems : IValidateOptions<ProcessOptions>
    {
        public ValidateOptionsResult Validate(string? name, ProcessOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
