using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards;

/// <summary>Anything that can go in a card's body or a container's items (TextBlock, FactSet, Input.*, ...).</summary>
public interface ICardElement
{
    JsonObject ToJson();
}

/// <summary>A button: Action.Execute, Action.ShowCard or Action.OpenUrl.</summary>
public interface ICardAction
{
    JsonObject ToJson();
}
