"""A request's time limit, checked between the stages of an answer.

The HTTP API gives up on a request after `settings.request_timeout_s` and answers 504, but a
Python worker thread cannot be killed: without a check the abandoned work would go on burning a
core (measured before this check: 45 abandoned 24-turn chats made normal requests 16-23x slower).
`QAService.ask` checks the deadline after each stage (follow-up rewrite, retrieval) and on every
streamed token, and stops with `DeadlineExceeded` once it has passed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from qa.errors import QAError


class DeadlineExceeded(QAError):
    """The request's time limit passed; its remaining work was stopped."""

    exit_code = 1


@dataclass(frozen=True)
class Deadline:
    """A point on the monotonic clock (`time.monotonic()`) after which work stops."""

    at: float

    @classmethod
    def after(cls, seconds: float) -> "Deadline":
        return cls(time.monotonic() + seconds)

    @property
    def remaining_s(self) -> float:
        return self.at - time.monotonic()

    def check(self, stage: str) -> None:
        """Raise `DeadlineExceeded` when the time limit has passed (`stage` names what was about to run)."""
        if time.monotonic() >= self.at:
            raise DeadlineExceeded(f"the time limit passed before {stage}", hint="ask a shorter question, "
                                   "send fewer earlier turns, or raise QA_REQUEST_TIMEOUT_S")
