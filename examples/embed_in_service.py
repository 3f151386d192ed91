"""A small JSON service embedding ipledger: ONE read-only Ledger shared by all request threads.

Another agency service (a portal, a dashboard) imports ipledger and answers from the ledger
file directly; no database server. ``ThreadingHTTPServer`` handles each request in its own
thread; the one ``Ledger`` gives each thread its own cursor, so they read in parallel.

    GET /patents/<application_no>                 the patent, as JSON (404 if unknown)
    GET /report?region=440700&period=2023         the docs/indicators.md report object
        [&as_known_at=2024-01-31]                 ... as the ledger was known then
    GET /health                                   {"status": "ok", "patents": N}

Run:
    python examples/embed_in_service.py --db demo.duckdb --port 8080
    curl 'http://127.0.0.1:8080/report?region=440700&period=2023'

It prints ``listening on http://HOST:PORT`` once it accepts requests (``--port 0`` picks a
free port). Stop it with Ctrl-C or SIGTERM. Standard library only, besides ipledger.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from ipledger import IpledgerError, Ledger, NotFoundError
from ipledger.model import make_converter
from ipledger.stats import report_json


class IpService:
    """What the service answers, apart from HTTP: path and query in, status and JSON out."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.converter = make_converter()

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, Any]:
        """The status and JSON body for a GET of ``path``."""
        parts = [unquote(p) for p in path.strip("/").split("/") if p]
        try:
            if parts == ["health"]:
                return HTTPStatus.OK, {"status": "ok", "patents": self.ledger.patents.count()}
            if len(parts) == 2 and parts[0] == "patents":
                patent = self.ledger.patents.get(parts[1])
                return HTTPStatus.OK, self.converter.unstructure(patent)
            if parts == ["report"]:
                region, period = query.get("region"), query.get("period")
                if not region or not period:
                    return HTTPStatus.BAD_REQUEST, {"error": "give region= and period="}
                known = query.get("as_known_at", [None])[0]
                return HTTPStatus.OK, report_json(
                    self.ledger, region[0], period[0], as_known_at=known
                )
        except NotFoundError as error:
            return HTTPStatus.NOT_FOUND, {"error": str(error)}
        except IpledgerError as error:  # a malformed number, period or moment
            return HTTPStatus.BAD_REQUEST, {"error": str(error)}
        return HTTPStatus.NOT_FOUND, {"error": f"no such resource: {path}"}


def make_server(ledger: Ledger, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A threading HTTP server answering from ``ledger`` (``port=0``: a free port)."""
    service = IpService(ledger)

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
    parser.add_argument("--db", required=True, help="the ledger file (opened read-only)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    args = parser.parse_args(argv)
    with Ledger.open(args.db, read_only=True) as ledger:
        server = make_server(ledger, args.host, args.port)

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
