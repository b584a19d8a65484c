"""Who may do what in the nlp app (built on the org permissions, no new roles).

* read analyses: whoever may read the report (``report.view`` in scope);
* correct a prediction: ``report.view`` on the report's unit and ``matter.view``
  (officers, leaders, analysts: the people who sort opinion);
* see model versions and emerging issues: ``matter.view``;
* start a retrain: ``report.import`` (officers, analysts, admins: data stewards).
"""

from __future__ import annotations

from duluan.org.choices import Perm

CORRECT = Perm.MATTER_VIEW
VIEW_MODELS = Perm.MATTER_VIEW
VIEW_ISSUES = Perm.MATTER_VIEW
RETRAIN = Perm.REPORT_IMPORT
