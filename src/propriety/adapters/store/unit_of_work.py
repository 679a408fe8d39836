"""One use case, one transaction: the event log and the ledger written together, or not at all.

Every protocol act a service records goes through a unit of work, so the tamper-evident record and
the projections derived from it never disagree.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine

from propriety.adapters.store.accounts import Accounts
from propriety.adapters.store.event_log import EventLog
from propriety.adapters.store.projections import LedgerStore


class SqlUnitOfWork:
    """A transaction on `engine` for one use case; nothing is kept unless `commit()` is called."""

    events: EventLog
    ledger: LedgerStore
    accounts: Accounts

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: Connection | None = None

    @property
    def connection(self) -> Connection:
        """The open connection, for projections other modules keep in the same transaction."""
        if self._connection is None:
            raise RuntimeError("the unit of work is not open: use it as `with SqlUnitOfWork(engine) as uow:`")
        return self._connection

    def __enter__(self) -> Self:
        connection = self._engine.connect()
        connection.begin()
        self._connection = connection
        self.events = EventLog(connection)
        self.ledger = LedgerStore(connection)
        self.accounts = Accounts(connection)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        connection, self._connection = self.connection, None
        try:
            if connection.in_transaction():
                connection.rollback()
        finally:
            connection.close()

    def commit(self) -> None:
        """Keep everything written so far; later writes start a new transaction."""
        self.connection.commit()

    def rollback(self) -> None:
        """Discard everything written since the last commit."""
        self.connection.rollback()
