"""Property-based fuzzing of the running service against its own /openapi.json (schemathesis 4).

Every documented operation except the WebSocket upgrade gets bounded positive and negative
examples, authenticated with a real project's headers (half the review-id examples use a real
review, so the found paths are exercised, not only the 404s). Checks: no 5xx, the status code
is documented, the body conforms to the documented schema. Failures are collected across all
operations and reported together, so one run shows every mismatch.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from tests.helpers import CLEAN_DIFF, ServerProcess, create_project, wait_review
from tests.proof.support import running_server

pytestmark = [pytest.mark.slow, pytest.mark.timeout(150)]

EXAMPLES_PER_MODE = 15
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with running_server(tmp_path_factory.mktemp("fuzz") / "data") as server:
        yield server


@pytest.fixture(scope="module")
def project(server: ServerProcess) -> tuple[dict[str, str], str]:
    """Auth headers of a project and the id of one of its completed reviews."""

    async def setup() -> tuple[dict[str, str], str]:
        async with aiohttp.ClientSession() as session:
            headers = await create_project(session, server.url, "fuzzed")
            async with session.post(f"{server.url}/v1/reviews/", json={"diff_content": CLEAN_DIFF},
                                    headers=headers) as response:
                assert response.status == 202
                review_id = (await response.json())["review_id"]
            await wait_review(session, server.url, headers, review_id)
        return headers, review_id

    return asyncio.run(setup())


def _operations(server: ServerProcess) -> list[Any]:
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    return [op for op in operations if not op.path.endswith("/ws")]


def _fuzz(operation: Any, mode: GenerationMode, base_url: str, headers: dict[str, str], review_id: str,
          session: requests.Session) -> str | None:
    """Run bounded examples of one operation; the first failure's description, or None."""

    @settings(max_examples=EXAMPLES_PER_MODE, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode), real_id=st.booleans())
    def run(case: Any, real_id: bool) -> None:
        if real_id and case.path_parameters and "review_id" in case.path_parameters:
            case.path_parameters["review_id"] = review_id
        case.call_and_validate(base_url=base_url, session=session, headers=dict(headers), checks=CHECKS,
                               timeout=30)

    try:
        run()
    except Unsatisfiable:
        return None  # nothing to negate: the operation takes no parameters
    except Exception as exc:  # noqa: BLE001 - every failure is reported, with its operation
        return f"{operation.label} [{mode.value}]: {type(exc).__name__}: {str(exc)[:1500]}"
    return None


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["positive", "negative"])
def test_every_operation_conforms_to_its_schema(server: ServerProcess, project: tuple[dict[str, str], str],
                                                mode: GenerationMode) -> None:
    headers, review_id = project
    operations = _operations(server)
    assert len(operations) >= 10, [op.label for op in operations]
    with requests.Session() as session:
        failures = [f for op in operations if (f := _fuzz(op, mode, server.url, headers, review_id, session))]
    assert server.proc is not None and server.proc.poll() is None, "the server died during fuzzing"
    assert not failures, "\n\n".join(failures)


def test_fuzzing_left_no_file_outside_the_data_dir(server: ServerProcess, tmp_path: Path) -> None:
    """Generated repo paths and diffs must never create files beside the data dir."""
    siblings = {p.name for p in server.data_dir.parent.iterdir()}
    assert siblings <= {"data", server.log_path.name}, siblings
