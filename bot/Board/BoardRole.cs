namespace TeamsSafeguarding.Board;

/// <summary>The bot's roles (domain.md section 7); a person may hold several.</summary>
public enum BoardRole
{
    Referrer,
    Coordinator,
    DeputyBoardManager,
    PartnerRep,
    Chair,
    BoardAdmin,
    Auditor,
}
