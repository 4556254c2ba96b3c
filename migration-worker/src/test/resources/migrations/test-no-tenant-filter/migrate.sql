-- Deliberately wrong: no tenant filter and no key bounds. Row-level security must still confine it to one tenant.
UPDATE deals SET name = name || ' (touched)'
