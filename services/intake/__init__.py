"""Intake: the HTTP front door CAD systems post calls to; publishes CallReceived."""
