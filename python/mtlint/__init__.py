"""mtlint: review German machine translation of English text.

>>> import mtlint
>>> mtlint.check_pairs(["Hello."], ["Hallo.."])
[Finding(unit 0, MT005 doubled-punctuation error, target[5:7] '..': ...)]

Three ways in, all with the command line's checks and options:

- ``check(source, target, **options)``: one document (paragraphs separated by blank lines);
  sentences are split and aligned as ``mtlint check SOURCE TARGET`` does.
- ``check_pairs(sources, targets, **options)``: aligned units (translation-memory entries,
  corpus rows); each unit is checked on its own, all in parallel.
- ``check_arrow(batch, source="source", target="target", id="id", **options)``: the units
  of an Arrow record batch, findings as a ``pyarrow.RecordBatch`` (for Spark's
  ``mapInArrow``, Ray Data's ``map_batches``, DuckDB, Polars).

Options (keyword arguments, as in ``mtlint.toml`` and on the command line): ``select``,
``ignore`` (check codes or names), ``severity`` (``{"MT016": "warning"}``), ``thresholds``
(``{"length-ratio-max": 2.0}``), ``dictionary`` (``--dict`` word list, enables MT018),
``glossary`` (enables MT019), ``config`` (an ``mtlint.toml``), ``fail_on`` (``"error"``,
``"warning"``, ``"info"``: raise ``FindingsError`` when a finding reaches it, as the command
line exits 1). Bad options or input raise ``InputError`` with the command line's message.
The checks run with the GIL released. ``Checker(**options)`` reads the options once for
many calls.
"""

from __future__ import annotations

from mtlint._mtlint import Checker, Finding, InputError, __version__, rules

__all__ = [
    "Checker",
    "Finding",
    "FindingsError",
    "InputError",
    "check",
    "check_arrow",
    "check_pairs",
    "rules",
    "__version__",
]

_SEVERITIES = {"info": 0, "warning": 1, "error": 2}


class FindingsError(Exception):
    """A finding reached ``fail_on``. ``findings`` holds the result (a list of
    ``Finding``, or the ``pyarrow.RecordBatch`` of ``check_arrow``)."""

    def __init__(self, message, findings):
        super().__init__(message)
        self.findings = findings


def _threshold(fail_on):
    if fail_on is None or fail_on == "never":
        return None
    try:
        return _SEVERITIES[str(fail_on).lower()]
    except KeyError:
        raise InputError(
            f"fail_on: unknown severity '{fail_on}': use error, warning, info or never"
        ) from None


def _fail(severities, threshold, findings):
    if threshold is None:
        return findings
    hits = sum(1 for s in severities if _SEVERITIES.get(s, 0) >= threshold)
    if hits:
        name = [k for k, v in _SEVERITIES.items() if v == threshold][0]
        raise FindingsError(
            f"{hits} finding{'s' if hits != 1 else ''} at or above {name}", findings
        )
    return findings


def check(source, target, *, fail_on=None, **options):
    """Check one document (English ``source``, German ``target``); returns ``[Finding]``."""
    threshold = _threshold(fail_on)
    found = Checker(**options).check(source, target)
    return _fail((f.severity for f in found), threshold, found)


def check_pairs(sources, targets, *, fail_on=None, **options):
    """Check aligned units ``sources[i]``/``targets[i]``; returns ``[Finding]`` (``unit`` = i)."""
    threshold = _threshold(fail_on)
    found = Checker(**options).check_pairs(list(sources), list(targets))
    return _fail((f.severity for f in found), threshold, found)


def check_arrow(batch, source="source", target="target", id="id", *, fail_on=None, **options):
    """Check the units of an Arrow record batch; returns a ``pyarrow.RecordBatch`` of findings.

    ``batch``: a ``pyarrow.RecordBatch`` (or a ``pyarrow.Table``, checked batch by batch, or
    anything with ``__arrow_c_array__``). ``source``/``target``: the string columns; ``id``:
    a column carried into the findings (used when present; ``None`` for none). The result
    has ``id`` (same type), ``unit`` (row in the batch) and the report's columns.
    """
    threshold = _threshold(fail_on)
    checker = Checker(**options)
    if hasattr(batch, "to_batches") and hasattr(batch, "num_columns"):
        import pyarrow as pa

        parts = [
            checker.check_arrow(b, source=source, target=target, id=id)
            for b in batch.combine_chunks().to_batches()
        ]
        if not parts:
            parts = [checker.check_arrow(
                pa.RecordBatch.from_pylist([], schema=batch.schema),
                source=source, target=target, id=id)]
        found = pa.Table.from_batches(parts).combine_chunks().to_batches()
        found = found[0] if found else parts[0]
    else:
        found = checker.check_arrow(batch, source=source, target=target, id=id)
    return _fail(found.column("severity").to_pylist(), threshold, found)
