"""The service layer: what REST and GraphQL both serve, read from the indexer's PostgreSQL
(with Redis for cached reads) and, for transaction builders, the RPC node."""
