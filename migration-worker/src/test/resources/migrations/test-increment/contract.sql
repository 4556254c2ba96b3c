COMMENT ON COLUMN deals.touched IS 'contracted'
