"""Alert rules, Slack delivery through an outbox, and the daily digest."""
