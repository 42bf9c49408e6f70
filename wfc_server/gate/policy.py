"""A project's gate policy, and how a repository's ``.wfc.toml`` may narrow it.

The policy says when a change fails: ``mode`` (``report`` never fails, ``warn`` flags but passes,
``block`` fails the build), ``fail_on`` (``consensus``, the engine's verdict, or a severity: any
counted finding at or above it fails), path globs and rules to ignore, per-rule severity
overrides and whether only new findings count. ``.wfc.toml`` is read from the *base* ref so a
change cannot loosen its own gate, and it may only make the gate stricter; anything else it says
is refused with a warning in the result, never silently dropped.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates, validates_schema

from wfc_server.gate.globs import GlobError, compile_glob
from wfc_server.gate.rule_ids import known_rule_ids

MODES = ("report", "warn", "block")
SEVERITIES = ("critical", "high", "medium", "low", "info")
#: ``fail_on`` from loosest to strictest. ``consensus`` fails on any critical and on confident
#: security/reliability highs, so it sits between ``critical`` and ``high``.
FAIL_ON = ("critical", "consensus", "high", "medium", "low", "info")
SEVERITY_RANK = {s: n for n, s in enumerate(SEVERITIES)}  # critical=0 ... info=4
PROJECT = "project policy"
DEFAULT = "default"


@dataclass(frozen=True, slots=True)
class Policy:
    mode: str = "block"
    fail_on: str = "consensus"
    ignore_paths: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    severity_overrides: Mapping[str, str] = field(default_factory=dict)
    new_findings_only: bool = True
    #: From ``.wfc.toml``: a rule's findings are at least this severe.
    severity_floors: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ignore_paths"] = list(self.ignore_paths)
        data["disabled_rules"] = list(self.disabled_rules)
        data["severity_overrides"] = dict(self.severity_overrides)
        data["severity_floors"] = dict(self.severity_floors)
        return data


def _check_rule_ids(ids: list[str]) -> None:
    unknown = sorted({rule_id for rule_id in ids if rule_id not in known_rule_ids()})
    if unknown:
        raise ValidationError(f"unknown rule id(s): {', '.join(unknown)}")


class PolicySchema(Schema):
    """The body of ``PUT /v1/projects/{id}/policy``; unknown fields are errors, not ignored."""

    class Meta:
        unknown = RAISE

    mode = fields.Str(load_default="block", validate=validate.OneOf(MODES),
                      metadata={"description": "report: never fails; warn: flags but passes; block: fails"})
    fail_on = fields.Str(load_default="consensus", validate=validate.OneOf(FAIL_ON),
                         metadata={"description": "consensus (the engine's verdict) or the lowest severity that fails"})
    ignore_paths = fields.List(fields.Str(), load_default=list, validate=validate.Length(max=200),
                               metadata={"description": "globs; findings in matching files are dropped"})
    disabled_rules = fields.List(fields.Str(), load_default=list, validate=validate.Length(max=500))
    severity_overrides = fields.Dict(keys=fields.Str(), values=fields.Str(validate=validate.OneOf(SEVERITIES)),
                                     load_default=dict)
    new_findings_only = fields.Bool(load_default=True,
                                    metadata={"description": "with a baseline, only new findings count"})

    @validates("ignore_paths")
    def _globs(self, value: list[str], **_: Any) -> None:
        for pattern in value:
            try:
                compile_glob(pattern)
            except GlobError as exc:
                raise ValidationError(str(exc)) from None

    @validates("disabled_rules")
    def _disabled(self, value: list[str], **_: Any) -> None:
        _check_rule_ids(value)

    @validates("severity_overrides")
    def _overrides(self, value: dict[str, str], **_: Any) -> None:
        _check_rule_ids(list(value))

    @validates_schema
    def _consistent(self, data: dict[str, Any], **_: Any) -> None:
        both = set(data.get("disabled_rules", ())) & set(data.get("severity_overrides", {}))
        if both:
            raise ValidationError(f"rule(s) both disabled and overridden: {', '.join(sorted(both))}")


def policy_from(data: Mapping[str, Any]) -> Policy:
    """A Policy from validated ``PolicySchema`` data."""
    return Policy(
        mode=data["mode"],
        fail_on=data["fail_on"],
        ignore_paths=tuple(data["ignore_paths"]),
        disabled_rules=tuple(sorted(set(data["disabled_rules"]))),
        severity_overrides=dict(sorted(data["severity_overrides"].items())),
        new_findings_only=data["new_findings_only"],
    )


def stored_policy(document: Mapping[str, Any] | None) -> tuple[Policy, int]:
    """The stored policy and its version (version 0: never set, the defaults)."""
    if not document:
        return Policy(), 0
    return policy_from(PolicySchema().load(document["policy"])), int(document["version"])


@dataclass(slots=True)
class Narrowed:
    policy: Policy
    provenance: dict[str, str]  # setting -> where its value came from
    warnings: list[str]


#: Settings whose values are ordered from loosest to strictest.
_ORDERED = {"mode": MODES, "fail_on": FAIL_ON}


def _stricter_or_equal(order: tuple[str, ...], proposed: str, current: str) -> bool:
    return order.index(proposed) >= order.index(current)


def narrow(project: Policy, project_is_default: bool, toml_text: str | None, source: str) -> Narrowed:
    """Apply a repository's ``.wfc.toml`` (``toml_text``, from ``source``) on top of the project's policy."""
    base_source = DEFAULT if project_is_default else PROJECT
    provenance = {name: base_source for name in ("mode", "fail_on", "ignore_paths", "disabled_rules",
                                                 "severity_overrides", "new_findings_only")}
    warnings: list[str] = []
    if toml_text is None:
        return Narrowed(project, provenance, warnings)
    try:
        document = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as exc:
        return Narrowed(project, provenance, [f"{source}: not valid TOML, ignored entirely: {exc}"])
    for key in document:
        if key != "gate":
            warnings.append(f"{source}: unknown section or key {key!r} ignored (settings go under [gate])")
    gate = document.get("gate", {})
    if not isinstance(gate, dict):
        return Narrowed(project, provenance, warnings + [f"{source}: [gate] must be a table; ignored"])
    policy = project
    for key, value in gate.items():
        where = f"{source} [gate] {key}"
        if key in _ORDERED:
            order, current = _ORDERED[key], getattr(policy, key)
            if value not in order:
                warnings.append(f"{where} = {value!r}: must be one of {', '.join(order)}; ignored")
            elif _stricter_or_equal(order, value, current):
                policy, provenance[key] = replace(policy, **{key: value}), source
            else:
                warnings.append(f"{where} = {value!r} would loosen the project's {key} {current!r}; ignored")
        elif key == "new_findings_only":
            if not isinstance(value, bool):
                warnings.append(f"{where} must be true or false; ignored")
            elif value is False or policy.new_findings_only:
                policy, provenance["new_findings_only"] = replace(policy, new_findings_only=value), source
            else:
                warnings.append(f"{where} = true would loosen the project's policy (it counts all findings); ignored")
        elif key == "severity_overrides":
            floors = _floors(value, where, warnings)
            if floors:
                policy = replace(policy, severity_floors=floors)
                provenance["severity_floors"] = source
        elif key in ("ignore_paths", "disabled_rules"):
            warnings.append(f"{where}: only the project policy may ignore paths or disable rules "
                            "(a repository file may only make the gate stricter); ignored")
        else:
            warnings.append(f"{where}: unknown setting ignored")
    return Narrowed(policy, provenance, warnings)


def _floors(value: Any, where: str, warnings: list[str]) -> dict[str, str]:
    if not isinstance(value, dict):
        warnings.append(f"{where} must be a table of RULE-ID = \"severity\"; ignored")
        return {}
    floors: dict[str, str] = {}
    for rule_id, severity in value.items():
        if rule_id not in known_rule_ids():
            warnings.append(f"{where}: unknown rule id {rule_id!r} ignored")
        elif severity not in SEVERITIES:
            warnings.append(f"{where}.{rule_id} = {severity!r}: must be one of {', '.join(SEVERITIES)}; ignored")
        else:
            floors[rule_id] = severity
    return floors
