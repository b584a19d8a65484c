"""Who may do what in the media app (org permissions, no new roles).

* read the aggregates (the media page, the dashboard panel, the issues block):
  ``matter.view``, as the emerging-issues page;
* add sources, switch them on, upload fanpage exports, open a matter from a
  spike: ``matter.handle`` (officers, leaders: the people who act on opinion).

Both on the source's unit or an ancestor of it.
"""

from __future__ import annotations

from duluan.org.choices import Perm

VIEW = Perm.MATTER_VIEW
MANAGE = Perm.MATTER_HANDLE
