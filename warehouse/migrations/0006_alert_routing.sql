-- 0006: alerts from forecast and source-health rules, routing to a channel, cooldowns, grouping.
ALTER TABLE alert_outbox ADD COLUMN channel VARCHAR;        -- Slack channel for this alert (NULL: the default)
ALTER TABLE alert_outbox ADD COLUMN subject VARCHAR;        -- organisation or source the cooldown applies to
ALTER TABLE alert_outbox ADD COLUMN group_ref VARCHAR;      -- the grouped message an alert was delivered in
