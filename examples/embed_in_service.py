"""A small JSON service embedding ipledger, serving a *published* ledger while the bureau keeps
importing into its own.

DuckDB lets one process write a file, and while it does no other process may even read it: a
service that opened the bureau's ledger would block every import (and an import would stop the
service). So the bureau keeps its ledger to itself (imports, corrections, checks) and, when a
state is ready, runs ``ipledger --db bureau.duckdb publish published/``: a consistent copy is
written, checked, then made ``published/current.duckdb`` in one atomic rename. This service
reads through `ipledger.ledger.PublishedLedger`, which moves to a newly published copy
by itself at the next request; requests running on the previous copy finish on it. No restart,
no request fails during the swap, and the service only ever shows a whole, published state.
(See docs/service.md for the reasons this pattern was chosen.)

``ThreadingHTTPServer`` handles each request in its own thread; the published ``Ledger`` gives
each thread its own cursor, so they read in parallel, each request in one snapshot.

    GET /patents/<application_no>                 the patent, as JSON (404 if unknown)
    GET /report?region=440700&period=2023         the docs/indicators.md report object
        [&as_known_at=2024-01-31]                 ... as the ledger was known then
    GET /health                                   {"status": "ok", "patents": N, "ledger": F}

Run:
    ipledger --db bureau.duckdb publish published/
    python examples/embed_in_service.py --published published/ --port 8080
    curl 'http://127.0.0.1:8080/report?region=440700&period=2023'
    ipledger --db bureau.duckdb import 2024-06/ && ipledger --db bureau.duckdb publish published/

``--db FILE`` serves one ledger file read-only instead (no import into it while it runs).
It prints ``listening on http://HOST:PORT`` once it accepts requests (``--port 0`` picks a
free port). Stop it with Ctrl-C or SIGTERM. Standard library only, besides ipledger.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import threading
from collections.abc import Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from ipledger import IpledgerError, Ledger, NotFoundError
from ipledger.ledger import PublishedLedger
from ipledger.model import make_converter
from ipledger.stats import report_json


class OneFile:
    """Ledgers from one file opened read-only (the simple case: nothing may write the file
    while the service runs)."""

    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger

    @contextlib.contextmanager
    def ledger(self) -> Iterator[Ledger]:
        yield self._ledger


class IpService:
    """What the service answers, apart from HTTP: path and query in, status and JSON out.

    ``source`` gives the ledger of each request: a `PublishedLedger` (moving to each
    new publish by itself) or `OneFile`.
    """

    def __init__(self, source: PublishedLedger | OneFile) -> None:
        self.source = source
        self.converter = make_converter()

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, Any]:
        """The status and JSON body for a GET of ``path``."""
        parts = [unquote(p) for p in path.strip("/").split("/") if p]
        try:
            with self.source.ledger() as ledger, ledger.snapshot():
                return self._answer(ledger, path, parts, query)
        except NotFoundError as error:
            return HTTPStatus.NOT_FOUND, {"error": str(error)}
        except IpledgerError as error:  # a malformed number, period or moment
            return HTTPStatus.BAD_REQUEST, {"error": str(error)}

    def _answer(
        self, ledger: Ledger, path: str, parts: list[str], query: dict[str, list[str]]
    ) -> tuple[int, Any]:
        if parts == ["health"]:
            name = os.path.basename(ledger.store.path)
            return HTTPStatus.OK, {
                "status": "ok",
                "patents": ledger.patents.count(),
                "ledger": name,
            }
        if len(parts) == 2 and parts[0] == "patents":
            patent = ledger.patents.get(parts[1])
            return HTTPStatus.OK, self.converter.unstructure(patent)
        if parts == ["report"]:
            region, period = query.get("region"), query.get("period")
            if not region or not period:
                return HTTPStatus.BAD_REQUEST, {"error": "give region= and period="}
            known = query.get("as_known_at", [None])[0]
            return HTTPStatus.OK, report_json(ledger, region[0], period[0], as_known_at=known)
        return HTTPStatus.NOT_FOUND, {"error": f"no such resource: {path}"}


def make_server(
    source: PublishedLedger | OneFile, host: str = "127.0.0.1", port: int = 0
) -> ThreadingHTTPServer:
    """A threading HTTP server answering from ``source`` (``port=0``: a free port)."""
    service = IpService(source)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            status, body = service.answer(url.path, parse_qs(url.query))
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            print(f"{self.address_string()} {format % args}", file=sys.stderr)

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> int:
    """Serve until interrupted."""
    parser = argparse.ArgumentParser(description="A JSON service over an ipledger ledger.")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--published", help="the publishing folder of `ipledger publish` (served read-only)"
    )
    source.add_argument("--db", help="one ledger file (opened read-only)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        if args.published:
            published = PublishedLedger(args.published)
            stack.callback(published.close)
            with published.ledger():  # fail now, not at the first request, if nothing is there
                pass
            server = make_server(published, args.host, args.port)
        else:
            ledger = stack.enter_context(Ledger.open(args.db, read_only=True))
            server = make_server(OneFile(ledger), args.host, args.port)

        def stop(_signum: int, _frame: object) -> None:
            threading.Thread(target=server.shutdown, daemon=True).start()

        signal.signal(signal.SIGTERM, stop)
        print(f"listening on http://{args.host}:{server.server_port}", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
