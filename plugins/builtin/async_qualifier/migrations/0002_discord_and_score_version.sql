-- Runs in Discord: the channel where a qualifier's start button was posted (runs open their
-- private threads there), and each run's thread and its racer's Discord account.
ALTER TABLE async_qualifiers ADD COLUMN discord_channel_id BIGINT;
ALTER TABLE async_runs ADD COLUMN discord_thread_id BIGINT;
ALTER TABLE async_runs ADD COLUMN discord_user_id BIGINT;
-- Bumped by every rescoring, in its write: the leaderboard kept by an instance is valid while
-- it holds.
ALTER TABLE async_qualifiers ADD COLUMN score_version BIGINT NOT NULL DEFAULT 0;
