"""Live activity for subscriptions: ONE Redis subscription per API process, fanned out to
its subscribers.

The process subscribes to the indexer's platform channel, which carries every event, and
routes each message to local subscribers by the channel names the indexer's publisher
gives it (:func:`betfun.indexer.publish.channels`): a thousand subscribers to a thousand
arenas cost one Redis connection and one JSON decode per event. Several API processes
behind a load balancer each hold their own subscription.

A subscriber that does not keep up (its queue full) is dropped with
:class:`SubscriberTooSlowError` rather than slowing the others or growing without bound;
Redis pub/sub keeps nothing for absent subscribers, so after a reconnection, or a drop, a
client reads what it missed from the activity listing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from betfun.api.service.activity import from_message
from betfun.api.service.models import Activity
from betfun.indexer.publish import PLATFORM_CHANNEL, channels
from betfun.indexer.source.backoff import Backoff

log = logging.getLogger(__name__)

# Messages a subscriber may have waiting before it is dropped.
QUEUE_LIMIT = 1_000


class SubscriberTooSlowError(Exception):
    """The subscriber fell QUEUE_LIMIT messages behind and was dropped."""


class Subscription:
    def __init__(self) -> None:
        self._queue: asyncio.Queue[Activity | None] = asyncio.Queue(QUEUE_LIMIT)
        self.dropped = False

    def offer(self, item: Activity) -> None:
        if self.dropped:
            return
        try:
            self._queue.put_nowait(item)
        except asyncio.QueueFull:
            self.dropped = True
            self._queue = asyncio.Queue(1)
            self._queue.put_nowait(None)

    def __aiter__(self) -> AsyncIterator[Activity]:
        return self._items()

    async def _items(self) -> AsyncIterator[Activity]:
        while True:
            item = await self._queue.get()
            if item is None:
                raise SubscriberTooSlowError(
                    f"the subscriber fell {QUEUE_LIMIT} messages behind and was dropped; "
                    "read what it missed from the activity listing and subscribe again"
                )
            yield item


class LiveFeed:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._subscribers: defaultdict[str, set[Subscription]] = defaultdict(set)
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()
        self.delivered = 0

    @property
    def subscriber_count(self) -> int:
        return sum(len(s) for s in self._subscribers.values())

    def start(self) -> None:
        self._task = asyncio.create_task(self._follow(), name="live-feed")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    @contextlib.contextmanager
    def subscribe(self, channel: str) -> Iterator[Subscription]:
        """A :class:`Subscription` to ``channel`` (``arena:<address>``,
        ``wallet:<address>`` or the platform channel) for the ``with`` block."""
        subscription = Subscription()
        self._subscribers[channel].add(subscription)
        try:
            yield subscription
        finally:
            subscribers = self._subscribers.get(channel)
            if subscribers is not None:
                subscribers.discard(subscription)
                if not subscribers:
                    del self._subscribers[channel]

    async def _follow(self) -> None:
        backoff = Backoff()
        while True:
            pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(PLATFORM_CHANNEL)
                self.connected.set()
                backoff.reset()
                async for message in pubsub.listen():
                    if message["type"] == "message":
                        self.dispatch(message["data"])
            except (RedisError, OSError) as exc:
                self.connected.clear()
                delay = backoff.next_delay()
                log.warning("Redis subscription lost (%s); again in %.1f s", exc, delay)
                await asyncio.sleep(delay)
            finally:
                with contextlib.suppress(RedisError, OSError):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]

    def dispatch(self, raw: bytes) -> None:
        """Hand a message of the platform channel to its subscribers."""
        try:
            message: dict[str, Any] = json.loads(raw)
            targets = [s for c in channels(message["data"]) for s in self._subscribers.get(c, ())]
            if not targets:
                return
            item = from_message(message)
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("ignored a malformed message on %s", PLATFORM_CHANNEL)
            return
        for subscription in targets:
            subscription.offer(item)
        self.delivered += len(targets)
