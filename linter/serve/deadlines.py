"""Read deadlines, so that a client that sends slowly (or not at all) cannot hold the server.

uvicorn itself never closes a connection that is still sending its request line and headers,
however slowly (its only timer is the keep-alive one, armed after an answer), and hands the body
to the application as it comes, with no timer either. Two pieces close that gap:

- ``protocol(seconds)``: uvicorn's h11 protocol with one timer more. A connection must have sent
  a whole request head within ``seconds`` of opening, or of the previous answer; when the timer
  fires and no request is being handled, the connection is answered 408 and closed.
- ``ReadDeadline``: an ASGI middleware that times each read of the body. A read that waits more
  than ``seconds``, or a body that falls below ``min_rate`` bytes a second on average once its
  first ``seconds`` have passed, ends the request: the application sees the client go away (as
  for a disconnect: its temporary files are deleted), and the client gets 408 with
  ``Connection: close``, which makes uvicorn close the connection.
"""

from __future__ import annotations

import asyncio
from typing import Any, Optional

from starlette.types import ASGIApp, Message, Receive, Scope, Send

TIMED_OUT = "reportlint.timed_out"  # scope key set when a read ran over its deadline
_TIMEOUT_ANSWER = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"content-length: 0\r\nconnection: close\r\n\r\n"
)


def protocol(seconds: float) -> type[asyncio.Protocol]:
    """uvicorn's h11 protocol with a deadline for each request head (the request line and headers)."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeadDeadlineProtocol(H11Protocol):
        _head_timer: Optional[asyncio.TimerHandle] = None

        def _arm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
            self._head_timer = self.loop.call_later(seconds, self._head_timeout)

        def _head_timeout(self) -> None:
            self._head_timer = None
            cycle = self.cycle
            if cycle is not None and not cycle.response_complete:
                return  # a request is being handled: its body reads have their own deadlines
            if not self.transport.is_closing():
                self.transport.write(_TIMEOUT_ANSWER)
                self.transport.close()

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()  # the next request's head (a kept-alive connection)

        def connection_lost(self, exc: Optional[Exception]) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None
            super().connection_lost(exc)

    return HeadDeadlineProtocol


class ReadDeadline:
    """Deadlines on reading a request's body (see the module's documentation)."""

    def __init__(self, app: ASGIApp, seconds: float, min_rate: float) -> None:
        self.app = app
        self.seconds = seconds
        self.min_rate = min_rate  # bytes a second, on average, after the first ``seconds``

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        started: Optional[float] = None
        got = 0
        answered = False

        async def timed_receive() -> Message:
            nonlocal started, got
            if scope.get(TIMED_OUT):
                return {"type": "http.disconnect"}
            now = loop.time()
            if started is None:
                started = now
            deadline = now + self.seconds
            if self.min_rate > 0:  # when what has come so far falls below the rate
                deadline = min(deadline, started + self.seconds + got / self.min_rate)
            try:
                message = await asyncio.wait_for(receive(), max(deadline - now, 0.001))
            except asyncio.TimeoutError:
                scope[TIMED_OUT] = True
                return {"type": "http.disconnect"}
            if message["type"] == "http.request":
                got += len(message.get("body", b""))
            return message

        async def timed_send(message: Message) -> None:
            nonlocal answered
            if not scope.get(TIMED_OUT):
                await send(message)
            elif not answered and message["type"] == "http.response.start":
                answered = True  # the application's own answer is replaced
                await send(
                    {
                        "type": "http.response.start",
                        "status": 408,
                        "headers": [
                            (b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", b"0"),
                            (b"connection", b"close"),
                            *[
                                h
                                for h in message.get("headers", [])
                                if h[0].lower() not in (b"content-type", b"content-length", b"connection")
                            ],
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app(scope, timed_receive, timed_send)
