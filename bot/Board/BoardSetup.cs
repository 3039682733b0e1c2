using Microsoft.Extensions.Options;
using TeamsSafeguarding.Partners;

namespace TeamsSafeguarding.Board;

public static class BoardSetup
{
    /// <summary>
    /// Binds the "Board" section, supplies the default partners when none are configured, and refuses to start
    /// with a partners' configuration the decision rule cannot use (better than failing at the first triage).
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
        services.AddSingleton<BoardDirectory>();
        // Stores the roles as configured at each start (after TableStorage's table creator, which is registered first).
        services.AddSingleton<BoardRolesStore>();
        services.AddHostedService<BoardRolesRecorder>();
        return services;
    }

    private static string? Problems(BoardOptions board)
    {
        try
        {
            PartnerRules.From(board);
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
        var agencies = Escalation.Referrals.ReferringAgencies.Problems(board.ListedReferringAgencies().Listed);
        return agencies.Count == 0 ? null : "Board:ReferringAgencies: " + string.Join(" ", agencies);
    }

    /// <summary>Names the actual problem in the start-up failure.</summary>
    private sealed class DescribeBoardProblems : IValidateOptions<BoardOptions>
    {
        public ValidateOptionsResult Validate(string? name, BoardOptions options) =>
            Problems(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
