-- Which tenants live in a database: the placement check before every tenant write reads them (PlacementRule: a
-- SCHEMA tenant's schema and a DATABASE tenant's database belong to that tenant alone). Not a unique index: a catalog
-- that already holds two tenants in one place must still start, and show the conflict on the next write of either.
CREATE INDEX tenants_placement ON tenants (cluster, database_name, schema_name);
