using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Escalation.Partners;

/// <summary>A further action agreed with a no-meeting decision. Owner is who will do it (a person or agency).</summary>
public sealed record FurtherAction(string Description, string Owner, DateOnly? Due);

/// <summary>
/// The partners' agreed response when no meeting is required: the rationale fed back to the referrer and any
/// further actions. Free text throughout: cards may show it to the right people, logs must not.
/// </summary>
public sealed record AgreedResponse(string Rationale, IReadOnlyList<FurtherAction> Actions, string RecordedBy, DateTimeOffset RecordedAt)
{
    // Fed back to the referrer on one card, which must fit a phone: a rationale of a long paragraph or two, and each
    // action in a sentence or two.
    public const int MaxRationaleLength = 2000;
    public const int MaxActionLength = 300;
    public const int MaxOwnerLength = 100;
    public const string RationaleField = "responseRationale";

    public static string ActionField(int index, string part) => $"actions[{index}].{part}";

    /// <summary>
    /// Checks the response can be recorded: the partners must have decided "no meeting", and every field must be
    /// complete. <paramref name="today"/> is the board's local date, given by the caller.
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(AgreedResponse response, PartnerDecisionState decision, DateOnly today)
    {
        if (decision.Status != DecisionStatus.Decided || decision.Outcome != PartnerChoice.NoMeeting)
            return [new(FieldError.Form, "An agreed response is recorded only once the partners have decided that no meeting is required.")];

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(response.RecordedBy))
            errors.Add(new(FieldError.Form, "We could not tell who is recording the response. Please open the card again."));
        if (string.IsNullOrWhiteSpace(response.Rationale))
            errors.Add(new(RationaleField, "Please give the rationale for the decision; it is fed back to the referrer."));
        else if (response.Rationale.Trim().Length > MaxRationaleLength)
            errors.Add(new(RationaleField, $"Please keep the rationale to {MaxRationaleLength} characters."));

        for (var i = 0; i < response.Actions.Count; i++)
        {
            var action = response.Actions[i];
            var n = i + 1;
            if (string.IsNullOrWhiteSpace(action.Description))
                errors.Add(new(ActionField(i, "description"), $"Please describe action {n}."));
            else if (action.Description.Trim().Length > MaxActionLength)
                errors.Add(new(ActionField(i, "description"), $"Please keep action {n} to {MaxActionLength} characters."));
            if (string.IsNullOrWhiteSpace(action.Owner))
                errors.Add(new(ActionField(i, "owner"), $"Please say who owns action {n}."));
            else if (action.Owner.Trim().Length > MaxOwnerLength)
                errors.Add(new(ActionField(i, "owner"), $"Please keep the owner of action {n} to {MaxOwnerLength} characters."));
            if (action.Due is null)
                errors.Add(new(ActionField(i, "due"), $"Please give a date for action {n}."));
            else if (action.Due < today)
                errors.Add(new(ActionField(i, "due"), $"The date for action {n} is in the past. Please choose today or a later date."));
        }
        return errors;
    }
}
