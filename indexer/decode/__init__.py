"""From transactions to typed events: one decoder per program, keyed where each event was
emitted (signature, instruction index, event index)."""
