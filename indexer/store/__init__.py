"""PostgreSQL: the migrations, the events with their projections and cursors (written in one
transaction), and one projection module per program."""
