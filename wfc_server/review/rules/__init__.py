"""The rule registry: one Rule declaration per id, in one module per rule concept.

Layout: ``rules/<role>/<concept>.py`` (e.g. ``rules/security/sql_injection.py``) holds the rule
declarations (``RULES``) and that concept's language knowledge for every language it covers.
Fixtures live in ``tests/review/rules/fixtures/<role>/<concept>/`` as ``bad.<ext>`` /
``ok.<ext>`` (more files allowed: ``bad_<name>.<ext>``, ``ok_<name>.<ext>``); each expected
finding is marked on its line with a comment ``expect: RULE-ID`` (``# expect: WFC-SEC-SQLI``,
``// expect: ...``, ``-- expect: ...``; ``RULE-ID@high`` pins the severity, ``@high+`` a minimum,
``expect-next:`` on a comment line marks the line below). ``ok`` files must get no finding at
all. Every language a rule claims has at least one bad and one ok fixture (a registry test checks
it), so a rule's ``languages`` say where it is tested, not only where it might fire.

``reference.py`` renders the registry for ``wfc-server rules`` and ``docs/rules.md``.
"""

from wfc_server.review.rules.registry import Registry, registry
from wfc_server.review.rules.spec import LANGUAGES, Role, Rule, RuleDoc, Severity

__all__ = ["LANGUAGES", "Registry", "Role", "Rule", "RuleDoc", "Severity", "registry"]
