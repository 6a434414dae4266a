"""The link stage: mentions → entities. ``within`` resolves the mentions of one article."""

from kg.link.within import resolve_article

__all__ = ["resolve_article"]
