"""JSON API of the network app (mounted under /api/ by duluan.api.router), by area.

Every page action has an operation here. Staff data (members, evaluations) follows
the same rule as the pages: the person themself, or ``matter.handle`` on their unit's
subtree; declarations only the person and their own unit's officers. Out of reach
answers 404, like something that does not exist. Routes read through
``duluan.network.selectors`` and write through ``duluan.network.services``.
"""

from __future__ import annotations

from . import dialogues, meetings, members, outreach
from .common import NetworkRouter

router = NetworkRouter()
# In this order in the OpenAPI document.
for area in (members, meetings, dialogues, outreach):
    router.add_router("", area.router)

__all__ = ["router"]
