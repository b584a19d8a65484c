"""Models of the network app: roster, evaluation, training, briefings, dialogues,
counter-messaging and declarations."""

from .meetings import (
    Briefing,
    BriefingAttendance,
    BriefingOpinion,
    TrainingAttendance,
    TrainingClass,
)
from .outreach import Article, Declaration, DeclaredPage
from .petitions import Dialogue, DialogueObligation, Petition, PetitionUpdate
from .roster import Commendation, Evaluation, MediaGroup, NetworkMember, RosterEvent

__all__ = [
    "Article",
    "Briefing",
    "BriefingAttendance",
    "BriefingOpinion",
    "Commendation",
    "Declaration",
    "DeclaredPage",
    "Dialogue",
    "DialogueObligation",
    "Evaluation",
    "MediaGroup",
    "NetworkMember",
    "Petition",
    "PetitionUpdate",
    "RosterEvent",
    "TrainingAttendance",
    "TrainingClass",
]
