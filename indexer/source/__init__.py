"""Where transactions come from: the PubSub stream, the JSON-RPC history, and the follower
that joins them into one gapless, ordered, de-duplicated feed per program."""
