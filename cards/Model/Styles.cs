namespace TeamsSafeguarding.Cards;

// The enum member names are written camelCase, so they match the Adaptive Card values exactly.

public enum TextWeight { Default, Lighter, Bolder }

public enum TextSize { Default, Small, Medium, Large, ExtraLarge }

public enum TextColor { Default, Dark, Light, Accent, Good, Warning, Attention }

public enum Spacing { None, Small, Default, Medium, Large, ExtraLarge, Padding }

/// <summary>Container background: emphasis is a grey panel; good/attention/warning are tinted.</summary>
public enum ContainerStyle { Default, Emphasis, Good, Attention, Warning, Accent }

/// <summary>Button style: positive is the highlighted (primary) button, destructive is red.</summary>
public enum ActionStyle { Default, Positive, Destructive }

/// <summary>Compact is a drop-down; expanded shows radio buttons or check boxes.</summary>
public enum ChoiceInputStyle { Compact, Expanded }

/// <summary>Which inputs an Action.Execute sends: auto = the card's inputs; none = only its data (e.g. Cancel).</summary>
public enum AssociatedInputs { Auto, None }
