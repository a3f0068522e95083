"""Type stubs of the mtlint Python package."""

from collections.abc import Iterable
from os import PathLike
from typing import Any, Literal, Mapping, Optional, Sequence, Union

import pyarrow

__version__: str

_Path = Union[str, PathLike[str]]
_Selectors = Union[str, Sequence[str]]
_Severity = Literal["error", "warning", "info"]
_FailOn = Optional[Literal["error", "warning", "info", "never"]]

class InputError(ValueError):
    """Bad input or options; the message is the command line's."""

class FindingsError(Exception):
    """A finding reached ``fail_on``."""

    findings: Any
    def __init__(self, message: str, findings: Any) -> None: ...

class Finding:
    """One finding, with the report's fields."""

    fields: list[str]
    unit: Optional[int]
    code: str
    check: str
    severity: _Severity
    side: Literal["source", "target"]
    span_start: Optional[int]
    span_end: Optional[int]
    span: str
    message: str
    suggestion: Optional[str]
    pair: int
    source_sentences: str
    target_sentences: str
    alignment: str
    alignment_score: Optional[float]
    target_line: int
    target_column: int
    source: str
    target: str
    left_out: int
    def to_dict(self) -> dict[str, Any]: ...
    def __repr__(self) -> str: ...

class Checker:
    """Options read once, for many calls."""

    def __init__(
        self,
        *,
        select: Optional[_Selectors] = ...,
        ignore: Optional[_Selectors] = ...,
        severity: Optional[Mapping[str, _Severity]] = ...,
        thresholds: Optional[Mapping[str, float]] = ...,
        dictionary: Optional[_Path] = ...,
        glossary: Optional[_Path] = ...,
        config: Optional[_Path] = ...,
    ) -> None: ...
    def check(self, source: str, target: str) -> list[Finding]: ...
    def check_pairs(self, sources: Sequence[str], targets: Sequence[str]) -> list[Finding]: ...
    def check_arrow(
        self,
        batch: pyarrow.RecordBatch,
        source: str = "source",
        target: str = "target",
        id: Optional[str] = "id",
    ) -> pyarrow.RecordBatch: ...

def check(
    source: str,
    target: str,
    *,
    fail_on: _FailOn = None,
    select: Optional[_Selectors] = ...,
    ignore: Optional[_Selectors] = ...,
    severity: Optional[Mapping[str, _Severity]] = ...,
    thresholds: Optional[Mapping[str, float]] = ...,
    dictionary: Optional[_Path] = ...,
    glossary: Optional[_Path] = ...,
    config: Optional[_Path] = ...,
) -> list[Finding]: ...
def check_pairs(
    sources: Iterable[str],
    targets: Iterable[str],
    *,
    fail_on: _FailOn = None,
    select: Optional[_Selectors] = ...,
    ignore: Optional[_Selectors] = ...,
    severity: Optional[Mapping[str, _Severity]] = ...,
    thresholds: Optional[Mapping[str, float]] = ...,
    dictionary: Optional[_Path] = ...,
    glossary: Optional[_Path] = ...,
    config: Optional[_Path] = ...,
) -> list[Finding]: ...
def check_arrow(
    batch: Union[pyarrow.RecordBatch, pyarrow.Table],
    source: str = "source",
    target: str = "target",
    id: Optional[str] = "id",
    *,
    fail_on: _FailOn = None,
    select: Optional[_Selectors] = ...,
    ignore: Optional[_Selectors] = ...,
    severity: Optional[Mapping[str, _Severity]] = ...,
    thresholds: Optional[Mapping[str, float]] = ...,
    dictionary: Optional[_Path] = ...,
    glossary: Optional[_Path] = ...,
    config: Optional[_Path] = ...,
) -> pyarrow.RecordBatch: ...
def rules() -> list[tuple[str, str, str, str]]: ...
