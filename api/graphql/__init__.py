"""GraphQL at /graphql (strawberry): queries over the service layer with DataLoader
batching, and subscriptions fed by the process's live feed."""
