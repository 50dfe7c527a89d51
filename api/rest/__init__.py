"""REST under /v1: thin routes over the service layer."""
