"""The local SQLite store: the only package that speaks SQL (through sqlite-utils).

``db`` owns connections and transactions, ``migrations`` the numbered schema steps, and one repository module
per table family turns rows into plain values for the services above.
"""
