"""Schemathesis hooks for scripts/schemathesis.sh (loaded through SCHEMATHESIS_HOOKS).

The fuzzer draws the optional `Idempotency-Key` and `If-Match` headers from their patterns,
and shrinks them to the same few values ("0", "\"0\""). Sent as drawn, almost every request
after the first would stop at those checks: a key already used for another request is 422,
a revision the resource does not have is 412. Both answers are right, but the request then
never reaches the validation and the business rules behind them, which are what the fuzzer
is for. So a key of the documented form is made unique to its request, and a well-formed
If-Match is kept on one request in four. Headers outside the documented form are sent as
drawn: they test the 400s.
"""

import itertools
import re
import uuid

import schemathesis

KEY = re.compile(r"^[!-~]{1,200}$")
ETAG = re.compile(r'^(W/)?"?-?[0-9]{1,15}"?$')
_calls = itertools.count()


def _named(headers, name):
    return next((k for k in headers if k.lower() == name.lower()), None)


def _tests_token(case):
    """A coverage case about the Authorization header (its absence): left as it is, since an
    edited case is sent with the token that the run adds to every request."""
    data = getattr(getattr(case.meta, "phase", None), "data", None)
    return str(getattr(data, "parameter", "")).lower() == "authorization"


@schemathesis.hook
def before_call(context, case, kwargs):
    headers = case.headers
    if not headers or _tests_token(case):
        return
    key = _named(headers, "Idempotency-Key")
    if key is not None and isinstance(headers[key], str) and KEY.match(headers[key]):
        headers[key] = f"{headers[key][:160]}-{uuid.uuid4().hex}"
    match = _named(headers, "If-Match")
    if (
        match is not None
        and isinstance(headers[match], str)
        and ETAG.match(headers[match])
        and next(_calls) % 4 != 0
    ):
        del headers[match]
