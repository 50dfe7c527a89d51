"""``python -m betfun.client`` runs the ``betfun`` CLI."""

from betfun.client.cli import main

raise SystemExit(main())
