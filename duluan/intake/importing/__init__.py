"""The opinion-report import (``reports``) and its template (``template``).

The generic spreadsheet pieces (size, zip and XML guards, cells, columns)
live in :mod:`duluan.core.sheets`, shared with the unit-tree import.
"""
