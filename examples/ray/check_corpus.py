"""Check a Parquet corpus with mtlint on Ray Data.

    python examples/ray/check_corpus.py corpus/ findings/ \
        --source-column en --target-column de --id-column id [--select MT005,MT009]

Reads the Parquet dataset (``ray.data.read_parquet``), runs ``mtlint.check_arrow`` on every
Arrow batch (``Dataset.map_batches(..., batch_format="pyarrow")``: no shuffle, no Python
objects per row), writes the findings as Parquet partitioned by check
(``findings/check=doubled-punctuation/…``) and prints a summary (findings per code, check and
severity).

Every unit is checked on its own, so the findings are the same as those of
``mtlint check corpus.parquet --source-column en --target-column de --id-column id``,
however Ray cuts the corpus into blocks and batches.

On a cluster (``--address auto``, or a job submitted with ``ray job submit``) the workers
need the ``mtlint`` wheel (``pip wheel ./python``: an abi3 wheel, one file for every
Python ≥ 3.9 on the platform, Linux x86-64 or aarch64, glibc):

- ``ray.init(runtime_env={"py_modules": ["mtlint-….whl"]})`` or
  ``{"pip": ["mtlint-….whl", "pyarrow"]}`` ships it with the job (``--wheel`` below);
- or ``pip install mtlint-*.whl`` in the nodes' image.

Threads: ``check_arrow`` checks a batch on all cores of the machine (rayon), and Ray already
runs one task per CPU, so each task gets one thread (``RAYON_NUM_THREADS=1`` in the task's
``runtime_env``; ``--threads`` changes it). The findings are the same for any number of
threads.
"""

from __future__ import annotations

import argparse
import os
import sys


class CheckBatch:
    """The function ``map_batches`` calls on each batch (a ``pyarrow.Table``): the findings
    of its units, one row per finding, the unit's id carried through. The options are read
    (glossary, dictionary, …) once per task, not per batch."""

    def __init__(self, source, target, id_column, options):
        self.source, self.target, self.id_column = source, target, id_column
        self.options = options
        self._checker = None

    def __getstate__(self):
        # Shipped to the workers without the checker: each task builds its own.
        return dict(self.__dict__, _checker=None)

    def __call__(self, table):
        import pyarrow as pa

        import mtlint

        if self._checker is None:
            self._checker = mtlint.Checker(**self.options)
        # A Ray batch is a Table of one or more record batches (chunks): check each.
        batches = table.to_batches() or [pa.RecordBatch.from_pylist([], schema=table.schema)]
        return pa.Table.from_batches([
            self._checker.check_arrow(b, source=self.source, target=self.target,
                                      id=self.id_column)
            for b in batches
        ])


def check_corpus(corpus, out, source="source", target="target", id_column=None,
                 options=None, threads=1, batch_size=8192, summary=True):
    """Check the Parquet dataset ``corpus``; write the findings to ``out`` (Parquet,
    partitioned by check, replacing what was there); return the summary rows
    (dicts of code, check, severity, count). Ray must be initialised (``ray.init``)."""
    import ray

    columns = [source, target] + ([id_column] if id_column else [])
    units = ray.data.read_parquet(corpus).select_columns(columns)
    # threads=None leaves the workers' environment as it is.
    env = {"RAYON_NUM_THREADS": str(threads)} if threads else None
    remote = {"runtime_env": {"env_vars": env}} if env else {}
    findings = units.map_batches(CheckBatch(source, target, id_column, options or {}),
                                 batch_format="pyarrow", batch_size=batch_size, **remote)
    findings.write_parquet(out, partition_cols=["check"], mode=ray.data.SaveMode.OVERWRITE)
    rows = (ray.data.read_parquet(out).groupby(["code", "check", "severity"]).count()
            .sort(["code", "severity"]).take_all())
    rows = [{"code": r["code"], "check": r["check"], "severity": r["severity"],
             "count": r["count()"]} for r in rows]
    if summary:
        total = sum(r["count"] for r in rows)
        print(f"mtlint: {total} findings in {units.count()} units, written to {out}")
        for r in rows:
            print(f"  {r['code']}  {r['check']:<28} {r['severity']:<8} {r['count']:>10}")
    return rows


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("corpus", help="Parquet file or folder (local, s3://, gs://, …)")
    p.add_argument("out", help="where the findings go (Parquet, partitioned by check)")
    p.add_argument("--source-column", default="source")
    p.add_argument("--target-column", default="target")
    p.add_argument("--id-column")
    p.add_argument("--select", help="checks to run, comma-separated (codes or names)")
    p.add_argument("--ignore", help="checks to leave out, comma-separated")
    p.add_argument("--address", help="Ray cluster to join (e.g. auto); default: a local one")
    p.add_argument("--wheel", help="the mtlint wheel to ship to the workers (runtime_env)")
    p.add_argument("--threads", type=int, default=1, help="rayon threads per task (default 1)")
    p.add_argument("--batch-size", type=int, default=8192, help="units per check_arrow call")
    args = p.parse_args(argv)

    import ray

    runtime_env = {"py_modules": [os.path.abspath(args.wheel)]} if args.wheel else None
    ray.init(address=args.address, runtime_env=runtime_env)
    options = {k: v for k, v in (("select", args.select), ("ignore", args.ignore)) if v}
    check_corpus(args.corpus, args.out, args.source_column, args.target_column,
                 args.id_column, options, args.threads, args.batch_size)
    ray.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
