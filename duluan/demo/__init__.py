"""The demo province: a fictional union tree, its people and a year of reports.

``duluan demo`` (management/commands/demo.py) calls :func:`loader.demo_load`:
orgspec + people (who) → timeline + reports + bursts (what, when: seasons,
waves, hot spots, rumours) → texts (how it is written: issues from the
``bank_*`` phrase banks, frames, slots, noise) → org_builder + loader (the
database). One ``random.Random(seed)`` drives it all; see README.md.
"""
