"""A handler without the authorization its siblings carry: 1 rule (WFC-SEC-AUTHZ-DEVIANT).

The declaration is the rule's identity and documentation; the detector
(``review/security/auth_deviance.py``, on ``review/analysis/deviance.py``) looks it up by concept.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

AUTHZ_DEVIANCE = Rule(
    id="WFC-SEC-AUTHZ-DEVIANT",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Handler lacks the authorization check its siblings make",
    concept="authz-deviance",
    languages=frozenset({"python", "javascript", "typescript", "go", "java"}),
    cwe="CWE-862",
    confidence=55,
    doc=RuleDoc(
        what="In a controller class or a file of route registrations where (at least three and three "
        "quarters of) the handlers carry an authorization decorator, middleware or check, a "
        "state-changing handler carries none; or a GET handler skips a check its HEAD twin makes "
        "(or the reverse).",
        why="The code's own habit says these operations need a caller with rights; the one that was "
        "forgotten is reachable by anyone, which is how most broken-access-control bugs look in "
        "practice (CWE-862, CWE-285).",
        example="@login_required\ndef edit(id): ...\n@login_required\ndef archive(id): ...\n"
        "@login_required\ndef rename(id): ...\n@bp.route('/x/<id>', methods=['DELETE'])\ndef delete(id): ...",
        fix="Add the same decorator / middleware / check as the sibling handlers, or apply it once to the "
        "whole router or class so that no handler can be left out.",
    ),
    suggestions={
        "python": "Add the sibling handlers' decorator (e.g. @login_required) or check call to this handler.",
        "javascript": "Pass the same auth middleware as the sibling routes, or router.use(requireAuth) for all.",
        "typescript": "Pass the same auth middleware as the sibling routes, or router.use(requireAuth) for all.",
        "go": "Register the route with the same auth middleware as its siblings, or group.Use(auth) for all.",
        "java": "Annotate the method like its siblings (@PreAuthorize(...)), or annotate the class.",
        "*": "Apply the authorization check the sibling handlers apply.",
    },
)

RULES = (AUTHZ_DEVIANCE,)
