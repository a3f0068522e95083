"""Check a Parquet corpus with mtlint on Spark.

    spark-submit examples/spark/check_corpus.py corpus/ findings/ \
        --source-column en --target-column de --id-column id [--select MT005,MT009]

Reads the Parquet dataset, runs ``mtlint.check_arrow`` on every Arrow batch of every
partition (``DataFrame.mapInArrow``: no shuffle, no Python objects per row), writes the
findings as Parquet partitioned by check (``findings/check=doubled-punctuation/…``) and
prints a summary (findings per code, check and severity).

Every unit is checked on its own, so the findings are the same as those of
``mtlint check corpus.parquet --source-column en --target-column de --id-column id``,
however Spark cuts the corpus into partitions and batches.

The executors need the ``mtlint`` wheel (built once with ``pip wheel ./python``; it is
an abi3 wheel, one file for every Python ≥ 3.9 on the platform):

- a packed virtual environment::

      python -m venv env && env/bin/pip install mtlint-*.whl pyarrow venv-pack
      env/bin/venv-pack -o env.tar.gz
      PYSPARK_PYTHON=./env/bin/python spark-submit --archives env.tar.gz#env \
          examples/spark/check_corpus.py …

- or ``pip install mtlint-*.whl pyarrow`` on every node (a cluster's bootstrap script).

Threads: ``check_arrow`` checks a batch on all cores of the machine (rayon). Spark already
runs one task per core, so on a cluster give each task one thread:
``--conf spark.executorEnv.RAYON_NUM_THREADS=1`` (or ``spark.task.cpus``). The findings are
the same for any number of threads.

``--py-files`` is no way for it: Python cannot import a native module from a zip file.
The wheel must be built for the executors' platform (Linux x86-64 or aarch64, glibc).
"""

from __future__ import annotations

import argparse
import sys

# Spark has no unsigned integers: mtlint's counts and offsets (uint64) become long.
_SPARK_TYPES = {"string": "string", "large_string": "string", "uint64": "long",
                "int64": "long", "int32": "int", "double": "double"}


def findings_schema(id_column, id_type):
    """The Spark DDL schema of ``check_arrow``'s output for an id column of ``id_type``."""
    import pyarrow as pa

    import mtlint

    empty = pa.RecordBatch.from_pydict(
        {"source": pa.array([], pa.string()), "target": pa.array([], pa.string())}
    )
    fields = mtlint.check_arrow(empty, id=None).schema
    cols = []
    if id_column is not None:
        cols.append(f"`{id_column}` {id_type}")
    for f in fields:
        cols.append(f"`{f.name}` {_SPARK_TYPES[str(f.type)]}")
    return ", ".join(cols)


def check_partition(source, target, id_column, options):
    """The function ``mapInArrow`` runs on each partition's batches."""

    def run(batches):
        import pyarrow as pa

        import mtlint

        checker = mtlint.Checker(**options)
        for batch in batches:
            found = checker.check_arrow(batch, source=source, target=target, id=id_column)
            # uint64 → int64 for Spark (offsets and counts are far below 2^63).
            arrays = [
                a.cast(pa.int64()) if a.type == pa.uint64() else a for a in found.columns
            ]
            yield pa.RecordBatch.from_arrays(arrays, names=found.schema.names)

    return run


def check_corpus(spark, corpus, out, source="source", target="target", id_column=None,
                 options=None, summary=True):
    """Check the Parquet dataset ``corpus``; write the findings to ``out`` (Parquet,
    partitioned by check); return the summary rows (code, check, severity, count)."""
    options = options or {}
    df = spark.read.parquet(corpus)
    columns = [source, target] + ([id_column] if id_column else [])
    df = df.select(*columns)
    id_type = df.schema[id_column].dataType.simpleString() if id_column else None
    schema = findings_schema(id_column, id_type)
    findings = df.mapInArrow(check_partition(source, target, id_column, options), schema)
    findings.write.mode("overwrite").partitionBy("check").parquet(out)
    written = spark.read.parquet(out)
    rows = (written.groupBy("code", "check", "severity").count()
            .orderBy("code", "severity").collect())
    if summary:
        total = sum(r["count"] for r in rows)
        print(f"mtlint: {total} findings in {df.count()} units, written to {out}")
        for r in rows:
            print(f"  {r['code']}  {r['check']:<28} {r['severity']:<8} {r['count']:>10}")
    return rows


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("corpus", help="Parquet file or folder (any Spark path: hdfs://, s3a://, …)")
    p.add_argument("out", help="where the findings go (Parquet, partitioned by check)")
    p.add_argument("--source-column", default="source")
    p.add_argument("--target-column", default="target")
    p.add_argument("--id-column")
    p.add_argument("--select", help="checks to run, comma-separated (codes or names)")
    p.add_argument("--ignore", help="checks to leave out, comma-separated")
    p.add_argument("--master", help="Spark master when not run by spark-submit, e.g. local[2]")
    args = p.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("mtlint")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    options = {k: v for k, v in (("select", args.select), ("ignore", args.ignore)) if v}
    check_corpus(spark, args.corpus, args.out, args.source_column, args.target_column,
                 args.id_column, options)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
