"""Loopback fakes of the outside services (Slack Web API); the feed server is spacemine's replay server."""
