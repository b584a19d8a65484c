"""Writes and reads of the network app, by concern (roster, meetings, petitions, outreach)."""
