"""Settings precedence and documentation: defaults < TOML < WFC_* environment < flags."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from wfc_server.config import ConfigError, Settings, env_name, load_settings

ROOT = Path(__file__).resolve().parents[1]


def test_precedence_file_then_env_then_flags(tmp_path: Path) -> None:
    config = tmp_path / "wfc.toml"
    config.write_text("[server]\nport = 1111\nlog_level = 'debug'\n[rate_limit]\ncapacity = 3\n")
    settings = load_settings(
        config,
        environ={"WFC_PORT": "2222", "WFC_RATE_LIMIT_REFILL_RATE": "0.5"},
        flags={"server": {"port": 3333, "host": None}},
    )
    assert settings.server.port == 3333  # flag beats environment beats file
    assert settings.server.log_level == "debug"  # from the file
    assert settings.rate_limit.capacity == 3
    assert settings.rate_limit.refill_rate == 0.5  # from the environment
    assert settings.server.host == "127.0.0.1"  # unset flag keeps the default


def test_issue_named_environment_variables() -> None:
    settings = load_settings(
        environ={
            "WFC_RATE_LIMIT_CAPACITY": "7",
            "WFC_RATE_LIMIT_REFILL_RATE": "2",
            "WFC_REVIEW_WORKERS": "3",
            "WFC_REVIEW_TIMEOUT_SECONDS": "9",
            "WFC_MAX_BODY_BYTES": "4096",
            "WFC_LOG_LEVEL": "warning",
            "WFC_REPOS_ALLOWED_ROOTS": "/srv/a,/srv/b",
            "WFC_METRICS_PROJECT_LABELS": "yes",
        }
    )
    assert settings.rate_limit.capacity == 7
    assert settings.rate_limit.refill_rate == 2.0
    assert settings.worker_count == 3
    assert settings.review.timeout_seconds == 9.0
    assert settings.server.max_body_bytes == 4096
    assert settings.server.log_level == "warning"
    assert settings.repos.allowed_roots == ("/srv/a", "/srv/b")
    assert settings.metrics.project_labels is True


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"WFC_PORT": "eighty"}, "not a valid int"),
        ({"WFC_PORT": "0"}, "server.port"),
        ({"WFC_RATE_LIMIT_CAPACITY": "0"}, "rate_limit.capacity"),
        ({"WFC_METRICS_PROJECT_LABELS": "maybe"}, "not a valid bool"),
    ],
)
def test_bad_values_are_rejected(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(environ=environ)


def test_unknown_keys_and_sections_are_rejected(tmp_path: Path) -> None:
    bad_key = tmp_path / "a.toml"
    bad_key.write_text("[server]\nprot = 1\n")
    with pytest.raises(ConfigError, match="unknown key server.prot"):
        load_settings(bad_key, environ={})
    bad_section = tmp_path / "b.toml"
    bad_section.write_text("[sever]\nport = 1\n")
    with pytest.raises(ConfigError, match="unknown section"):
        load_settings(bad_section, environ={})


def _all_keys() -> list[tuple[str, str]]:
    settings = Settings()
    return [
        (section.name, key.name)
        for section in dataclasses.fields(settings)
        for key in dataclasses.fields(getattr(settings, section.name))
    ]


def test_default_toml_is_the_defaults_and_documents_every_key() -> None:
    path = ROOT / "config" / "default.toml"
    assert load_settings(path, environ={}) == Settings()
    text = path.read_text()
    for section, key in _all_keys():
        assert re.search(rf"^{key}\s*=", text, re.M), f"{section}.{key} missing from default.toml"
        assert env_name(section, key) in text, f"{env_name(section, key)} not documented"


def test_readme_documents_every_key() -> None:
    readme = (ROOT / "README.md").read_text()
    for section, key in _all_keys():
        assert env_name(section, key) in readme, f"README lacks {env_name(section, key)}"
