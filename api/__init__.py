"""BetFun Arena API: REST under /v1 and GraphQL at /graphql."""
