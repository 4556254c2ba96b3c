SELECT 'deals.source is missing' WHERE NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('deals') AND attname = 'source' AND NOT attisdropped)
