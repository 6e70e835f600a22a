"""Logging set-up with secret redaction.

Every handler the process installs gets :class:`RedactingFilter`, so a Slack token or an API
key that ends up in a log record (an exception message, a debug dump of request headers) is
masked before any handler writes it.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable

_TOKEN_PATTERNS = [
    re.compile(r"xox[abposre]-[A-Za-z0-9-]{6,}"),  # Slack bot/user/app tokens
    re.compile(r"(?i)(authorization:\s*bearer\s+)[^\s'\"]+"),
    re.compile(r"(?i)(api_key=)[^&\s'\"]+"),
]
_known_secrets: set[str] = set()


def register_secret(value: str | None) -> None:
    """Remember a secret value so that it is masked wherever it appears in log output.

    Inside an Airflow task the value is also handed to Airflow's own secrets masker, which
    guards the task logs (they do not go through our handlers).
    """
    if value and len(value) >= 4:
        _known_secrets.add(value)
        if "airflow.sdk" in sys.modules:
            try:
                from airflow.sdk.log import mask_secret

                mask_secret(value)
            except Exception:  # masking is best effort outside a task context
                pass


def redact(text: str, extra: Iterable[str] = ()) -> str:
    """Mask known secrets and anything shaped like a token in ``text``."""
    for secret in [*_known_secrets, *extra]:
        if secret:
            text = text.replace(secret, "***")
    for pattern in _TOKEN_PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + "***", text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record's final message with secrets masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not kill logging
            return True
        masked = redact(message)
        if masked != message or record.args:
            record.msg, record.args = masked, None
        if record.exc_info and record.exc_info[1] is not None:
            exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact(exc_text)
        return True


def install_redaction(logger: logging.Logger | None = None) -> None:
    """Attach the redacting filter to every handler of ``logger`` (root by default)."""
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())


def configure(level: int = logging.INFO) -> None:
    """Console logging for the CLI; idempotent."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    install_redaction(root)
