"""BetFun Arena indexer: follows the programs over PubSub into PostgreSQL and Redis."""
