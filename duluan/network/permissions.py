"""Who may do what in the network app, on top of the one access rule (org.scope).

The app adds no permission of its own; it maps its actions onto the existing ones:

* ``VIEW``: lists of meetings, classes, dialogues, articles (the unit's work):
  ``report.view`` (officers, leaders, analysts, admins);
* ``MANAGE``: recording that work and reading staff data (roster, activity,
  evaluations): ``matter.handle`` (officers and leaders), on their unit and
  its descendants; a member always sees their own record;
* ``SIGN``: signing off an evaluation: ``matter.direct`` (leaders).

Inactive lists and declarations are narrower still: the officers of the
person's own unit (``org.scope.own_unit_ids``), never ancestors nor siblings.
Every object is loaded through an ``access_<thing>`` helper of
:mod:`duluan.network.selectors`.
"""

from __future__ import annotations

from duluan.org.choices import Perm

VIEW = Perm.REPORT_VIEW
MANAGE = Perm.MATTER_HANDLE
SIGN = Perm.MATTER_DIRECT

# Missing and out of reach answer the same (org.scope.access_object's default).
NOT_FOUND = "Không tìm thấy hoặc bạn không có quyền xem mục này."
