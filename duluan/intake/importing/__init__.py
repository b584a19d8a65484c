"""Spreadsheet import and export helpers.

The generic pieces (``cells``, ``files``, ``zipguard``, ``columns``, ``system``)
import nothing from the intake app, so other apps' imports and exports reuse
them; ``reports`` and ``template`` are the opinion-report import itself.
Nothing is imported here, so loading a generic piece never loads models.
"""
