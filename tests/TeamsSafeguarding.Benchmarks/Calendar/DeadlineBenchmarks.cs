using BenchmarkDotNet.Attributes;
using TeamsSafeguarding.Escalation.Calendar;

namespace TeamsSafeguarding.Benchmarks.Calendar;

/// <summary>
/// The partner stage's two working-day clocks (views by day 5, decision by day 10), worked out every time a referral
/// goes to partners and every time a card shows a due date or its RAG.
/// </summary>
public class DeadlineBenchmarks
{
    // A Friday afternoon in London, one working day before Christmas week and the New Year bank holiday.
    private static readonly DateTimeOffset SentBeforeChristmas = new(2026, 12, 18, 15, 30, 0, TimeSpan.Zero);
    // An ordinary Tuesday in March.
    private static readonly DateTimeOffset SentInMarch = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    private WorkingDayCalendar calendar = null!;
    private Deadline decisionDue = null!;

    [GlobalSetup]
    public void Setup()
    {
        calendar = new WorkingDayCalendar(BankHolidayRegion.EnglandAndWales, [new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 31)]);
        // Warm: a running bot has worked out this year's and next year's bank holidays already.
        decisionDue = WorkingDayDeadlines.FromSent(SentBeforeChristmas, calendar).DecisionDue;
        WorkingDayDeadlines.FromSent(SentInMarch, calendar);
    }

    [Benchmark(Baseline = true)]
    public WorkingDayDeadlines PartnerDeadlines_March() => WorkingDayDeadlines.FromSent(SentInMarch, calendar);

    /// <summary>Crosses a weekend, two closure days, three bank holidays and a year end.</summary>
    [Benchmark]
    public WorkingDayDeadlines PartnerDeadlines_OverChristmas() => WorkingDayDeadlines.FromSent(SentBeforeChristmas, calendar);

    /// <summary>A calendar with nothing cached yet: works out both years' bank holidays (Easter included) first.</summary>
    [Benchmark]
    public WorkingDayDeadlines PartnerDeadlines_OverChristmas_ColdCalendar() =>
        WorkingDayDeadlines.FromSent(SentBeforeChristmas, new WorkingDayCalendar(BankHolidayRegion.EnglandAndWales));

    /// <summary>The RAG a card shows next to the decision deadline, two working days before it.</summary>
    [Benchmark]
    public DeadlineRag DecisionDueRag() => decisionDue.RagAt(new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero), calendar);
}
