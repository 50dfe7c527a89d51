"""Live activity: ONE Redis subscription per API process, fanned out to its subscribers.

The process subscribes to the indexer's platform channel, which carries every event, and
routes each message to local subscribers by the channel names the indexer's publisher
gives it (:func:`betfun.indexer.publish.channels`): a thousand subscribers to a thousand
arenas cost one Redis connection, and each message is decoded and converted (``parse``)
once, however many receive it. Several API processes behind a load balancer each hold their
own subscription.

Watchers (the arena cache) see every event's data before any subscriber gets the message,
and ``None`` when the feed was lost: events may have been missed.

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
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, Generic, TypeVar

from redis.asyncio import Redis
from redis.exceptions import RedisError

from betfun.indexer.publish import PLATFORM_CHANNEL, channels
from betfun.indexer.source.backoff import Backoff

log = logging.getLogger(__name__)

# Messages a subscriber may have waiting before it is dropped.
QUEUE_LIMIT = 1_000
# Redis pub/sub connections are checked with a PING this often, so a dead one is noticed.
HEALTH_CHECK_S = 5

T = TypeVar("T")
Watcher = Callable[[dict[str, Any] | None], None]


class SubscriberTooSlowError(Exception):
    """The subscriber fell QUEUE_LIMIT messages behind and was dropped."""


class Subscription(Generic[T]):
    def __init__(self) -> None:
        self._queue: asyncio.Queue[T | None] = asyncio.Queue(QUEUE_LIMIT)
        self.dropped = False

    def offer(self, item: T) -> None:
        if self.dropped:
            return
        try:
            self._queue.put_nowait(item)
        except asyncio.QueueFull:
            self.dropped = True
            self._queue = asyncio.Queue(1)
            self._queue.put_nowait(None)

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    async def _items(self) -> AsyncIterator[T]:
        while True:
            item = await self._queue.get()
            if item is None:
                raise SubscriberTooSlowError(
                    f"the subscriber fell {QUEUE_LIMIT} messages behind and was dropped; "
                    "read what it missed from the activity listing and subscribe again"
                )
            yield item


class LiveFeed(Generic[T]):
    def __init__(self, redis: Redis, parse: Callable[[dict[str, Any]], T]) -> None:
        self._redis = redis
        self._parse = parse
        self._subscribers: defaultdict[str, set[Subscription[T]]] = defaultdict(set)
        self._watchers: list[Watcher] = []
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()
        self.delivered = 0

    @property
    def subscriber_count(self) -> int:
        return sum(len(s) for s in self._subscribers.values())

    def watch(self, watcher: Watcher) -> None:
        self._watchers.append(watcher)

    def start(self) -> None:
        self._task = asyncio.create_task(self._follow(), name="live-feed")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    @contextlib.contextmanager
    def subscribe(self, channel: str) -> Iterator[Subscription[T]]:
        """A :class:`Subscription` to ``channel`` (``arena:<address>``,
        ``wallet:<address>`` or the platform channel) for the ``with`` block."""
        subscription: Subscription[T] = Subscription()
        self._subscribers[channel].add(subscription)
        try:
            yield subscription
        finally:
            subscribers = self._subscribers.get(channel)
            if subscribers is not None:
                subscribers.discard(subscription)
                if not subscribers:
                    del self._subscribers[channel]

    def _lost(self) -> None:
        self.connected.clear()
        for watcher in self._watchers:
            watcher(None)

    async def _follow(self) -> None:
        backoff = Backoff()
        while True:
            pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(PLATFORM_CHANNEL)
                self.connected.set()
                backoff.reset()
                while True:
                    # A timeout, not listen(): each return lets the client PING an idle
                    # connection (health_check_interval), so a dead one raises.
                    message = await pubsub.get_message(timeout=HEALTH_CHECK_S)
                    if message is not None and message["type"] == "message":
                        self.dispatch(message["data"])
            except (RedisError, OSError) as exc:
                self._lost()
                delay = backoff.next_delay()
                log.warning("Redis subscription lost (%s); again in %.1f s", exc, delay)
                await asyncio.sleep(delay)
            finally:
                with contextlib.suppress(RedisError, OSError):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]

    def dispatch(self, raw: bytes) -> None:
        """Hand a message of the platform channel to the watchers and its subscribers."""
        try:
            message: dict[str, Any] = json.loads(raw)
            data: dict[str, Any] = message["data"]
            targets = [s for c in channels(data) for s in self._subscribers.get(c, ())]
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("ignored a malformed message on %s", PLATFORM_CHANNEL)
            return
        for watcher in self._watchers:
            watcher(data)
        if not targets:
            return
        try:
            item = self._parse(message)
        except (ValueError, KeyError, TypeError):
            log.warning("ignored a malformed message on %s", PLATFORM_CHANNEL)
            return
        for subscription in targets:
            subscription.offer(item)
        self.delivered += len(targets)
