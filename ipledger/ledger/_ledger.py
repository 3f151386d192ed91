"""The Ledger: the public face of a ledger file."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, TypeVar

import pyarrow as pa

from ipledger.io import (
    DEFAULT_LIMITS,
    ExportFormat,
    ExportResult,
    ImportLimits,
    ImportResult,
    ProgressCallback,
    export_dataset,
    import_dataset,
)
from ipledger.ledger._cases import CaseRepository
from ipledger.ledger._high_value import DEFAULT_PLEDGE_THRESHOLD, high_value_patents
from ipledger.ledger._html import html_table
from ipledger.ledger._moments import Moment, as_utc_moment
from ipledger.ledger._pledges import PledgeRepository
from ipledger.ledger._query import PatentQuery, Query, RightQuery
from ipledger.ledger._questions import Questions
from ipledger.ledger._repository import Repository, query_type
from ipledger.ledger._timeline import PartyView, Timeline, timeline
from ipledger.model import (
    DOMAIN,
    Domain,
    GIProduct,
    GIUser,
    InsurancePolicy,
    Party,
    Patent,
    Population,
    Region,
    Target,
    Trademark,
    Transfer,
)
from ipledger.store import DEFAULT_RETRY, RetryPolicy, Store, backup

__all__ = ["Ledger", "PatentRepository", "PledgeRepository", "RightRepository"]

R = TypeVar("R")


class Ledger:
    """An IP ledger kept in a DuckDB file: rights, finance, enforcement, with full history.

    Open it with `open` (a context manager). One ``Ledger`` may be shared by the
    threads of a service: each thread gets its own cursor.

    Examples:
        >>> import datetime
        >>> from ipledger import Ledger, Patent
        >>> with Ledger.open() as ledger:
        ...     ledger.patents.upsert(Patent(application_no="202310123456.6",
        ...                                  grant_date=datetime.date(2024, 1, 5)))
        ...     ledger.patents.in_force(on=datetime.date(2024, 6, 30)).count()
        WriteCounts(inserted=1, updated=0, unchanged=0)
        1
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._repositories: dict[str, Repository[Any, Any]] = {}
        self.regions: Repository[Region, Query[Region]] = self._made("regions")
        self.population: Repository[Population, Query[Population]] = self._made("population")
        self.parties: Repository[Party, Query[Party]] = self._made("parties")
        self.patents: PatentRepository = self._made("patents", PatentRepository)
        self.trademarks: RightRepository[Trademark] = self._made("trademarks", RightRepository)
        self.gi_products: RightRepository[GIProduct] = self._made("gi_products", RightRepository)
        self.gi_users: RightRepository[GIUser] = self._made("gi_users", RightRepository)
        self.transfers: Repository[Transfer, Query[Transfer]] = self._made("transfers")
        self.pledges: PledgeRepository = self._made("pledges", PledgeRepository)
        self.insurance: RightRepository[InsurancePolicy] = self._made("insurance", RightRepository)
        self.cases: CaseRepository = self._made("cases", CaseRepository)
        self.targets: Repository[Target, Query[Target]] = self._made("targets")

    def _made(self, name: str, kind: type[Any] = Repository) -> Any:
        repository = kind(self.store, self.store.domain.entity(name))
        self._repositories[name] = repository
        return repository

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] = ":memory:",
        *,
        read_only: bool = False,
        domain: Domain = DOMAIN,
        wait: float = 0.0,
        retry: RetryPolicy = DEFAULT_RETRY,
    ) -> Ledger:
        """Open (creating and upgrading if needed) the ledger file at ``path``.

        ``":memory:"`` gives a throw-away ledger. ``read_only=True`` is for report consumers:
        several processes may read one file at once, none may write it meanwhile; nothing can
        write through a read-only ledger, and `sql` on it only reads, sandboxed. A file
        another process holds raises `ConcurrencyError` at once, or
        after trying for ``wait`` seconds. ``retry`` says how writes of this ledger meet other
        writers (`RetryPolicy`; settable later as `retry`).
        ``domain`` adds entities of an agency's own (`ipledger.model.Domain.extend`; see
        docs/extending.md): their repositories come from `repository`. For services,
        see docs/service.md.
        """
        return cls(Store.open(path, read_only=read_only, domain=domain, wait=wait, retry=retry))

    @property
    def retry(self) -> RetryPolicy:
        """How writes meet other writers: the writer-lock wait and the retries of a conflict."""
        return self.store.retry

    @retry.setter
    def retry(self, policy: RetryPolicy) -> None:
        self.store.retry = policy

    @property
    def read_only(self) -> bool:
        """Whether the ledger was opened read-only."""
        return self.store.read_only

    @property
    def domain(self) -> Domain:
        """The entities this ledger holds."""
        return self.store.domain

    def repository(self, entity: str) -> Repository[Any, Any]:
        """The repository of an entity by its exchange-format name (``"patents"``), also for
        the entities of an extension of the domain."""
        if entity not in self.store.domain.entities:
            names = ", ".join(self.store.domain.entities)
            raise KeyError(f"no entity {entity!r}; entities: {names}")
        if entity not in self._repositories:
            declared = self.store.domain.entity(entity)
            kind = RightRepository if query_type(declared) is RightQuery else Repository
            self._repositories[entity] = kind(self.store, declared)
        return self._repositories[entity]

    def timeline(
        self, number: str, *, on: dt.date | None = None, as_known_at: Moment | None = None
    ) -> Timeline:
        """What happened to a patent or trademark up to ``on`` (default today), in date order,
        as known at a moment: filing, grant, assignments, licences, the pledges and cases that
        name it, its lapse or expiry, and the events recorded for it (docs/tracking.md)."""
        return timeline(self.store, number, on=on, as_known_at=as_known_at)

    def party(self, party_id: str) -> PartyView:
        """One party (by its id, in any written form): ``.portfolio(on=, as_known_at=)``."""
        return PartyView(self.store, party_id)

    @property
    def questions(self) -> Questions:
        """Questions across entities: pledged patents later litigated, cases touching GIs,
        the pledged amount per high-value patent, rights pledged while a case was open."""
        return Questions(self.store)

    def sql(self, query: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pa.Table:
        """Run SQL on the ledger (values bound as ``?`` or ``$name`` parameters); Arrow result.

        Tables are named after the entities; ``<entity>_current`` are the current versions and
        ``<entity>_at(TIMESTAMP)`` the versions as known at a moment. On a read-only ledger
        only ``SELECT`` and ``EXPLAIN`` run, on a sandboxed connection that cannot read or
        write files, reach the network, install or load extensions, or change a setting (for
        that statement only: the ledger's own exports and backups are unaffected); anything
        else raises `ConcurrencyError`. On a writable ledger a
        statement that writes waits for its turn like any other write. Bypassing the
        repositories, such a write is not validated and does not keep history.
        """
        return self.store.run_sql(query, params)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing: every write on this thread inside the block lands, or none does.

        The block holds the ledger's writer lock: other threads' writes wait, reads do not.
        """
        with self.store.transaction():
            yield

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read one state: every read on this thread inside the block (queries, ``sql``,
        indicators, reports, checks) sees the ledger as it was when the block began, whatever
        other threads write meanwhile. Each single call reads one state on its own; the block
        makes several calls agree. Nothing can be written inside it.

        Examples:
            >>> with Ledger.open() as ledger, ledger.snapshot():
            ...     ledger.patents.count() + ledger.pledges.count()
            0
        """
        with self.store.snapshot():
            yield

    def backup(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """Write a consistent copy of the ledger to the new file ``path`` (one snapshot: other
        threads keep reading and writing meanwhile); see `ipledger.store.backup`."""
        return backup(self.store, path, overwrite=overwrite)

    def import_dataset(
        self,
        path: str | os.PathLike[str],
        *,
        keep_going: bool = False,
        recorded_at: Moment | None = None,
        progress: ProgressCallback | None = None,
        rejects_path: str | os.PathLike[str] | None = None,
        limits: ImportLimits = DEFAULT_LIMITS,
    ) -> ImportResult:
        """Import an exchange dataset (folder or .zip); see `ipledger.io.import_dataset`.

        Each file is all-or-nothing unless ``keep_going``; ``recorded_at`` back-fills the
        recording time of the versions written (never a moment in the future); ``limits``
        bound what is read (`ipledger.io.ImportLimits`).
        """
        moment = None if recorded_at is None else as_utc_moment(recorded_at)
        return import_dataset(
            self.store,
            path,
            keep_going=keep_going,
            recorded_at=moment,
            progress=progress,
            rejects_path=rejects_path,
            limits=limits,
        )

    def export_dataset(
        self,
        folder: str | os.PathLike[str],
        *,
        format: ExportFormat = "csv",
        as_known_at: Moment | None = None,
        with_history: bool = False,
        overwrite: bool = False,
        formula_guard: bool = True,
        mask_personal: bool = False,
    ) -> ExportResult:
        """Export the ledger (as known at a moment) as an exchange dataset, atomically, with a
        manifest; see `ipledger.io.export_dataset` for ``with_history``, ``overwrite``,
        ``formula_guard`` and ``mask_personal``."""
        moment = None if as_known_at is None else as_utc_moment(as_known_at)
        return export_dataset(
            self.store,
            folder,
            format=format,
            as_known_at=moment,
            with_history=with_history,
            overwrite=overwrite,
            formula_guard=formula_guard,
            mask_personal=mask_personal,
        )

    def close(self) -> None:
        """Close the ledger file."""
        self.store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = ", read-only" if self.store.read_only else ""
        return f"<Ledger {self.store.path}{mode}>"

    def _repr_html_(self) -> str:
        counts = self.sql(
            " UNION ALL ".join(
                f"SELECT '{name}' AS entity, count(*) AS current FROM {name}_current"
                for name in self.store.domain.entities
            )
        )
        rows = zip(counts.column(0).to_pylist(), counts.column(1).to_pylist(), strict=True)
        return html_table(["entity", "records"], rows, caption=repr(self))


class RightRepository(Repository[R, RightQuery[R]], Generic[R]):
    """Repository of a right whose status follows from its lifecycle dates."""

    def in_force(self, *, on: dt.date) -> RightQuery[R]:
        """The rights in force on the date ``on``."""
        return self.find().in_force(on)


class PatentRepository(Repository[Patent, PatentQuery[Patent]]):
    """Repository of patents."""

    def in_force(self, *, on: dt.date) -> PatentQuery[Patent]:
        """The patents in force on the date ``on`` (granted, not lapsed, within the statutory
        term)."""
        return self.find().in_force(on)

    def high_value(
        self,
        *,
        on: dt.date,
        as_known_at: Moment | None = None,
        pledge_threshold: Decimal = DEFAULT_PLEDGE_THRESHOLD,
        region: str | None = None,
    ) -> pa.Table:
        """The high-value invention patents on ``on`` (CNIPA's five criteria; as known at a
        moment): the patent columns (``region_code``: the region each was held in on ``on``),
        a boolean ``meets_<criterion>`` column per criterion and ``reasons``, the list of
        criteria each patent met. ``pledge_threshold``: the single pledge amount (yuan) that
        makes a pledged patent high-value; ``region``: only those held in that region (or one
        under it) on ``on`` — the patents ``high_value_invention_patents`` counts there."""
        return high_value_patents(
            self.store,
            on=on,
            as_known_at=as_known_at,
            pledge_threshold=pledge_threshold,
            region=region,
        )
