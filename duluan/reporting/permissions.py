"""Who may do what with periodic reports, in terms of the org permissions.

The org app's permission set has no reporting entries; rather than widen it
(every app would edit the same enum), reporting maps its three acts onto the
closest existing ones: reading follows ``report.view`` (all staff), writing a
draft and sending it follow ``matter.handle`` (officers and leaders: the
people who synthesise), approving follows ``matter.direct`` (the standing
committee, Ban Thường vụ, who sign).
"""

from duluan.org.choices import Perm

VIEW = Perm.REPORT_VIEW
EDIT = Perm.MATTER_HANDLE
APPROVE = Perm.MATTER_DIRECT
SUBMIT = Perm.MATTER_HANDLE
