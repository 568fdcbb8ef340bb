"""The four RightResponse services: intake, triage, assignment, audit."""
