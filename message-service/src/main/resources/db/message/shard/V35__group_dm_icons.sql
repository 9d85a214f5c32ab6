-- A group DM's icon (issue 11, ADR 231): the 256 px crop link of a claimed icon upload, as a server's icon_url;
-- NULL: clients show the recipients' avatars or initials.
ALTER TABLE message_group_dms ADD COLUMN icon_url VARCHAR(2048) NULL AFTER name;
