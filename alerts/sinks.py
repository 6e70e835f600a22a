"""Where messages go: Slack's Web API (slack-sdk ``WebClient``), or the terminal plus files.

With no ``SLACK_BOT_TOKEN`` the same messages are printed and written under the data
directory (``outbox/alerts/<id>.md``, ``outbox/digests/<date>.md``), so the demo and a laptop run
show exactly what Slack would get. The ``WebClient`` is injected so tests point it at a
loopback fake of the Slack Web API via ``base_url``.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from rich.console import Console
from rich.markdown import Markdown
from rich.panel import Panel
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator

from alerts.slack_format import SlackMessage

log = logging.getLogger(__name__)


class DeliveryError(Exception):
    """A message could not be delivered; it stays in the outbox for the next attempt.

    ``ambiguous`` is true when the message may have been posted all the same (the connection
    broke after the request was sent): the next attempt checks before posting again.
    """

    def __init__(self, message: str, ambiguous: bool = False) -> None:
        super().__init__(message)
        self.ambiguous = ambiguous


class Sink(Protocol):
    name: str

    def post(self, key: str, message: SlackMessage, kind: str, channel: str | None = None) -> str:
        """Deliver ``message`` (to ``channel``, else the default); return a reference (Slack ts, file path)."""

    def find(self, key: str, kind: str, thread_ref: str | None = None) -> str | None:
        """The reference of a message already delivered under ``key`` (in the thread of
        ``thread_ref`` when given), if the sink can tell."""

    def find_upload(self, key: str, thread_ref: str | None, kind: str) -> str | None:
        """The reference of a file already uploaded under ``key``, if the sink can tell."""

    def reply(self, key: str, thread_ref: str, message: SlackMessage, kind: str) -> str:
        """Deliver ``message`` as a reply to the message ``thread_ref`` refers to."""

    def upload(self, key: str, path: Path, title: str, thread_ref: str | None, kind: str) -> str | None:
        """Attach an image (a chart) beside the message ``thread_ref`` refers to; None if it cannot."""


# Slack answers 429 with Retry-After when a method's rate limit is hit, and 5xx when it is
# unwell: slack-sdk's handlers wait (Retry-After, or exponential backoff) and try again before
# the delivery fails and the alert waits for the next run.
RETRY_HANDLERS = (
    RateLimitErrorRetryHandler(max_retry_count=4),
    ServerErrorRetryHandler(max_retry_count=3, interval_calculator=BackoffRetryIntervalCalculator(backoff_factor=0.5)),
    ConnectionErrorRetryHandler(max_retry_count=2),
)
HISTORY_PAGES = 5  # how far back (x 200 messages) a crashed delivery looks for its own message


class SlackSink:
    """Posts with ``chat.postMessage``; link and media unfurling off.

    Every message carries its outbox key in Slack message metadata, so a delivery interrupted
    between Slack's answer and the bookkeeping can find its message (``conversations.history``
    with metadata) instead of posting it twice.
    """

    def __init__(self, client: WebClient, channel: str) -> None:
        self.client = client
        for handler in RETRY_HANDLERS:
            if not any(type(h) is type(handler) for h in client.retry_handlers):
                client.retry_handlers.append(handler)
        self.channel = channel
        self._channel_id: str | None = None
        self.name = f"slack:{channel}"

    def channel_id(self) -> str:
        """The configured channel's ID: conversation methods take IDs, chat.postMessage either.

        A name (``#space-signals``) is looked up once with ``conversations.list``.
        """
        if self._channel_id is None:
            name = self.channel.lstrip("#")
            if re.fullmatch(r"[CGD][A-Z0-9]{6,}", name):
                self._channel_id = name
            else:
                cursor = None
                while self._channel_id is None:
                    response = self.client.conversations_list(types="public_channel,private_channel",
                                                              exclude_archived=True, limit=1000, cursor=cursor)
                    for channel in response.get("channels") or []:
                        if channel.get("name") == name:
                            self._channel_id = str(channel["id"])
                    cursor = (response.get("response_metadata") or {}).get("next_cursor")
                    if not cursor and self._channel_id is None:
                        raise DeliveryError(f"Slack has no channel named {self.channel} that this token can see")
        return self._channel_id

    def _messages(self, thread_ref: str | None) -> Iterator[dict]:
        """The channel's recent messages (newest first), or a thread's messages."""
        cursor = None
        for _ in range(HISTORY_PAGES):
            if thread_ref:
                response = self.client.conversations_replies(channel=self.channel_id(), ts=thread_ref, limit=200,
                                                             cursor=cursor, include_all_metadata=True)
            else:
                response = self.client.conversations_history(channel=self.channel_id(), limit=200, cursor=cursor,
                                                             include_all_metadata=True)
            yield from response.get("messages") or []
            cursor = (response.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return

    def _look_up(self, matches: Callable[[dict], str | None], thread_ref: str | None) -> str | None:
        try:
            for message in self._messages(thread_ref):
                found = matches(message)
                if found is not None:
                    return found
        except SlackApiError as exc:
            error = exc.response.get("error") if exc.response is not None else str(exc)
            raise DeliveryError(f"could not check Slack for an earlier delivery: {error}") from exc
        except DeliveryError:
            raise
        except Exception as exc:
            raise DeliveryError(f"could not reach Slack: {type(exc).__name__}: {exc}") from exc
        return None

    def find(self, key: str, kind: str, thread_ref: str | None = None) -> str | None:
        """Our message by the outbox key in its metadata (thread replies are not in the
        channel's history, so those are looked for in their thread)."""
        def matches(message: dict) -> str | None:
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == f"spacemine_{kind}" and \
                    (metadata.get("event_payload") or {}).get("key") == key:
                return str(message.get("ts"))
            return None

        return self._look_up(matches, thread_ref)

    def find_upload(self, key: str, thread_ref: str | None, kind: str) -> str | None:
        """Our file by its name, among the files shared in the thread (or the channel)."""
        name = self.upload_name(key)

        def matches(message: dict) -> str | None:
            for file in message.get("files") or []:
                if file.get("name") == name:
                    return str(file.get("id"))
            return None

        return self._look_up(matches, thread_ref)

    @staticmethod
    def upload_name(key: str) -> str:
        return f"spacemine-{key}.png"

    def reply(self, key: str, thread_ref: str, message: SlackMessage, kind: str) -> str:
        return self.post(key, message, kind, thread_ts=thread_ref)

    def upload(self, key: str, path: Path, title: str, thread_ref: str | None, kind: str) -> str | None:
        """``files_upload_v2`` (get an upload URL, send the bytes, complete into the channel or thread)."""
        try:
            response = self.client.files_upload_v2(file=str(path), filename=self.upload_name(key), title=title,
                                                   channel=self.channel, thread_ts=thread_ref)
        except SlackApiError as exc:
            error = exc.response.get("error") if exc.response is not None else str(exc)
            raise DeliveryError(f"Slack refused the {kind} chart: {error}") from exc
        except Exception as exc:
            raise DeliveryError(f"could not upload the {kind} chart: {type(exc).__name__}: {exc}",
                                ambiguous=True) from exc
        file = response.get("file") or {}
        return str(file.get("id") or key)

    def post(self, key: str, message: SlackMessage, kind: str, channel: str | None = None,
             thread_ts: str | None = None) -> str:
        try:
            response = self.client.chat_postMessage(
                channel=channel or self.channel,
                text=message.text,
                blocks=message.blocks or None,
                unfurl_links=False,
                unfurl_media=False,
                metadata={"event_type": f"spacemine_{kind}", "event_payload": {"key": key}},
                **({"thread_ts": thread_ts} if thread_ts else {}),
            )
        except SlackApiError as exc:
            error = exc.response.get("error") if exc.response is not None else str(exc)
            raise DeliveryError(f"Slack refused the {kind} message: {error}") from exc
        except Exception as exc:  # connection refused, timeout: retried on the next run
            raise DeliveryError(f"could not reach Slack: {type(exc).__name__}: {exc}", ambiguous=True) from exc
        return str(response.get("ts"))


class ConsoleFileSink:
    """Prints each message and writes it as Markdown under the data directory."""

    name = "console"

    def __init__(self, directory: Path, console: Console | None = None) -> None:
        self.directory = Path(directory)
        self.console = console or Console()

    def post(self, key: str, message: SlackMessage, kind: str, channel: str | None = None) -> str:
        folder = self.directory / kind
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{key}.md"
        path.write_text(message.markdown + "\n", encoding="utf-8")
        (folder / f"{key}.slack.json").write_text(
            json.dumps({"text": message.text, "blocks": message.blocks}, indent=2, ensure_ascii=False),
            encoding="utf-8",
        )
        self.console.print(Panel(Markdown(message.markdown), title=f"spacemine {kind}", expand=False))
        return str(path)

    def find(self, key: str, kind: str, thread_ref: str | None = None) -> str | None:
        path = self.directory / kind / (f"{key}.slack.json" if thread_ref else f"{key}.md")
        return str(path) if path.exists() else None

    def find_upload(self, key: str, thread_ref: str | None, kind: str) -> str | None:
        path = self.directory / kind / f"{key}.png"
        return str(path) if path.exists() else None

    def upload(self, key: str, path: Path, title: str, thread_ref: str | None, kind: str) -> str | None:
        target = self.directory / kind / f"{key}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(Path(path).read_bytes())
        return str(target)

    def reply(self, key: str, thread_ref: str, message: SlackMessage, kind: str) -> str:
        """A thread reply is the rest of the message: the Markdown file already holds it all."""
        path = self.directory / kind / f"{key}.slack.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"thread_of": thread_ref, "text": message.text, "blocks": message.blocks},
                                   indent=2, ensure_ascii=False), encoding="utf-8")
        return str(path)


class WebhookSink:
    """Posts through a Slack incoming webhook (``SLACK_WEBHOOK_URL``): no bot token needed.

    A webhook posts to the one channel it was made for and cannot read history, so an
    interrupted delivery cannot be looked up (``find`` answers None) and thread replies are
    posted as messages of their own. Prefer a bot token when exactly-once matters most.
    """

    name = "slack-webhook"

    def __init__(self, client: WebhookClient) -> None:
        self.client = client
        for handler in RETRY_HANDLERS:
            if not any(type(h) is type(handler) for h in client.retry_handlers):
                client.retry_handlers.append(handler)

    def post(self, key: str, message: SlackMessage, kind: str, channel: str | None = None) -> str:
        try:
            response = self.client.send(text=message.text, blocks=message.blocks or None, unfurl_links=False,
                                        unfurl_media=False)
        except Exception as exc:
            raise DeliveryError(f"could not reach the Slack webhook: {type(exc).__name__}", ambiguous=True) from exc
        if response.status_code != 200:
            raise DeliveryError(f"the Slack webhook refused the {kind} message: HTTP {response.status_code} "
                                f"{response.body[:200]}")
        return f"webhook:{key}"

    def find(self, key: str, kind: str, thread_ref: str | None = None) -> str | None:
        return None

    def find_upload(self, key: str, thread_ref: str | None, kind: str) -> str | None:
        return None

    def reply(self, key: str, thread_ref: str, message: SlackMessage, kind: str) -> str:
        return self.post(key, message, kind)

    def upload(self, key: str, path: Path, title: str, thread_ref: str | None, kind: str) -> str | None:
        return None  # incoming webhooks cannot carry files


def airflow_slack_connection(conn_id: str = "slack_api_default") -> tuple[str | None, str | None]:
    """(token, channel) from an Airflow Connection, when running where Airflow can read one.

    The Slack provider's convention: the token in the password, the channel in the extras.
    Outside Airflow, or without such a connection, (None, None).
    """
    try:
        from airflow.sdk import BaseHook

        connection = BaseHook.get_connection(conn_id)
    except Exception:  # no Airflow, no connection, no metadata database: not configured
        return None, None
    extras = connection.extra_dejson or {}
    return connection.password or None, extras.get("channel") or extras.get("default_channel")


def make_sink(settings, client: WebClient | None = None, console: Console | None = None) -> Sink:  # noqa: ANN001
    """Slack when configured (a bot token and channel from the environment or the Airflow
    Connection ``slack_api_default``, or an incoming webhook), otherwise the terminal and files."""
    token = settings.slack.token.reveal() if settings.slack.enabled else None
    channel = settings.slack.channel
    if token is None and not settings.slack.webhook_url:
        token, connection_channel = airflow_slack_connection()
        channel = channel or connection_channel
    if token:
        if not channel:
            raise DeliveryError("a Slack token is set but no channel: set SLACK_CHANNEL (or the connection's "
                                "`channel` extra)")
        client = client or WebClient(token=token, base_url=settings.slack.api_url, timeout=30)
        return SlackSink(client, channel)
    if settings.slack.webhook_url:
        return WebhookSink(WebhookClient(settings.slack.webhook_url.reveal(), timeout=30))
    return ConsoleFileSink(settings.outbox_dir, console)
