SELECT 'deals.source is missing' WHERE NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'deals' AND column_name = 'source')
