"""Screens for the jobs that were command-line only (issue 17): connecting and syncing, accounts, holidays."""
