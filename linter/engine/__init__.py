"""The engine: runs a rule set's checks on a recognised report and makes the findings."""
