SELECT 'never' WHERE false
