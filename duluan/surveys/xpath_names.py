"""Which function names ODK has: a form calling another is refused at import.

Names only, read lexically (string literals aside): nothing is evaluated here.
The list is XPath 1.0's and the ODK XForms spec's
(https://getodk.github.io/xforms-spec/#xpath-functions), which ODK Collect
(JavaRosa) and the web engine evaluate. A name outside it breaks the form in
both; the few of SurveyCTO and CHT that have an ODK equivalent (``duration()``,
``choice-label()``, ``difference-in-months()``) are rewritten before this check
(dialects.py).
"""

from __future__ import annotations

import re

ODK_FUNCTIONS = frozenset(
    """last position count id local-name namespace-uri name string concat starts-with
    contains substring-before substring-after substring string-length normalize-space
    translate boolean not true false lang number sum floor ceiling round text node if
    selected selected-at count-selected choice-name jr:choice-name itext jr:itext
    indexed-repeat count-non-empty checklist weighted-checklist regex coalesce join
    substr ends-with uuid digest random randomize once boolean-from-string int pow log
    log10 abs sin cos tan asin acos atan atan2 sqrt exp exp10 pi min max today now date
    decimal-date decimal-date-time decimal-time date-time format-date format-date-time
    area distance geofence base64-decode extract-signed pulldata instance current
    jr:version position""".split()  # noqa: SIM905
)
OPERATORS = {"and", "or", "div", "mod"}
STRINGS = re.compile(r"'[^']*'|\"[^\"]*\"")
_CALLS = re.compile(r"(?<![\w$:{./-])([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*\(")


def unknown_functions(expression: str) -> list[str]:
    """Function names in ``expression`` that ODK does not have (string literals aside)."""
    bare = STRINGS.sub("''", expression)
    return [
        name
        for name in dict.fromkeys(_CALLS.findall(bare))
        if name.lower() not in OPERATORS and name not in ODK_FUNCTIONS
    ]
