"""Projects and the key-hashing secret live in the database, shared by every replica."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from wfc_server.service.credentials import KeyHasher, generate_api_key
from wfc_server.store.postgres.database import Database
from wfc_server.store.postgres.projects import PgProjectStore
from wfc_server.store.projects import ProjectExists
from wfc_server.store.records import ProjectRecord, utc_now


def project(project_id: str, key_hash: str = "0" * 64) -> ProjectRecord:
    return ProjectRecord(project_id, "dev-1", "/srv/repo", utc_now(), key_hash)


async def test_a_project_created_on_one_replica_is_read_on_another(
    database: Database, open_replica: Callable[[], Awaitable[Database]]
) -> None:
    here, there = PgProjectStore(database), PgProjectStore(await open_replica())
    await here.create(project("alpha"))
    await here.create(project("beta"))
    assert await there.get("alpha") == (await here.get("alpha"))
    assert [p.project_id for p in await there.all()] == ["alpha", "beta"]
    assert await there.count() == 2
    assert await there.get("gamma") is None


async def test_an_id_is_taken_once_even_when_replicas_race_for_it(
    database: Database, open_replica: Callable[[], Awaitable[Database]]
) -> None:
    stores = [PgProjectStore(database), PgProjectStore(await open_replica())]
    outcomes = await asyncio.gather(
        *(store.create(project("alpha", key_hash=str(n) * 64)) for n, store in enumerate(stores * 3)),
        return_exceptions=True,
    )
    assert sum(o is None for o in outcomes) == 1
    assert all(isinstance(o, ProjectExists) for o in outcomes if o is not None)
    with pytest.raises(ProjectExists):
        await stores[0].create(project("alpha"))


async def test_every_replica_hashes_keys_with_the_same_secret(
    database: Database, open_replica: Callable[[], Awaitable[Database]]
) -> None:
    replicas = [PgProjectStore(database), PgProjectStore(await open_replica())]
    secrets = await asyncio.gather(*(store.hashing_secret() for store in replicas * 2))
    assert len(set(secrets)) == 1 and len(secrets[0]) == 32
    key = generate_api_key()
    stored = KeyHasher(secrets[0]).hash(key)
    await replicas[0].create(project("alpha", key_hash=stored))
    found = await replicas[1].get("alpha")
    assert found is not None and KeyHasher(secrets[1]).verify(key, found.key_hash)
    assert not KeyHasher(secrets[1]).verify(generate_api_key(), found.key_hash)
