ALTER TABLE deals ADD COLUMN IF NOT EXISTS source text;
CREATE INDEX IF NOT EXISTS deals_source_idx ON deals (source);
ALTER TABLE contacts ADD COLUMN IF NOT EXISTS locale text;
CREATE INDEX IF NOT EXISTS contacts_locale_idx ON contacts (locale);
ALTER TABLE activities ADD COLUMN IF NOT EXISTS channel text;
CREATE INDEX IF NOT EXISTS activities_channel_idx ON activities (channel);
