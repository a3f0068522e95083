"""Benchmark (issue 17 item 5): ``check_arrow`` over a Parquet corpus vs ``mtlint check`` on
the same file. Prints units, wall time, CPU time and units per CPU-second for each, and the
Python overhead. Run after ``pip install ./python``:

    python python/bench/check_arrow_vs_cli.py 100000 [1000000] [--runs 3]

Optional: ``--spark`` also runs the Spark example in local[1] and local[2].
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "spark"))

import pyarrow.parquet as pq  # noqa: E402

import mtlint  # noqa: E402
from corpus import write_parquet  # noqa: E402


def cpu_self():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_arrow(path):
    checker = mtlint.Checker()
    w0, c0 = time.perf_counter(), cpu_self()
    n = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=8192, columns=["id", "en", "de"]):
        n += checker.check_arrow(batch, source="en", target="de").num_rows
    return time.perf_counter() - w0, cpu_self() - c0, n


def run_cli(path, out):
    w0, c0 = time.perf_counter(), cpu_children()
    subprocess.run([sys.executable, "-m", "mtlint", "check", str(path), "--source-column", "en",
                    "--target-column", "de", "--id-column", "id", "-o", str(out), "-q"],
                   check=False)
    return time.perf_counter() - w0, cpu_children() - c0, pq.read_metadata(out).num_rows


def run_spark(path, out, master):
    from pyspark.sql import SparkSession
    from check_corpus import check_corpus

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    spark = (SparkSession.builder.master(master).config("spark.ui.enabled", "false")
             .config("spark.driver.host", "127.0.0.1")
             .config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.driver.memory", "2g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    w0 = time.perf_counter()
    rows = check_corpus(spark, str(path), str(out), "en", "de", "id", summary=False)
    wall = time.perf_counter() - w0
    spark.stop()
    return wall, sum(r["count"] for r in rows)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("sizes", nargs="+", type=int)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--spark", action="store_true")
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as d:
        for n in a.sizes:
            corpus = write_parquet(Path(d) / f"c{n}.parquet", n, row_group_size=50_000)
            arrow = [run_arrow(corpus) for _ in range(a.runs)]
            cli = [run_cli(corpus, Path(d) / f"cli{n}.parquet") for _ in range(a.runs)]
            for name, runs in (("check_arrow", arrow), ("mtlint check", cli)):
                wall = statistics.median(r[0] for r in runs)
                cpu = statistics.median(r[1] for r in runs)
                print(f"{name:>13} {n:>9} units: wall {wall:7.2f} s, CPU {cpu:7.2f} s, "
                      f"{n / cpu:9.0f} units/CPU-s, {runs[0][2]} findings (median of {a.runs})")
            ca = statistics.median(r[1] for r in arrow)
            cc = statistics.median(r[1] for r in cli)
            print(f"  check_arrow CPU overhead vs CLI: {100 * (ca - cc) / cc:+.1f} %")
            if a.spark:
                for master in ("local[1]", "local[2]"):
                    wall, count = run_spark(corpus, Path(d) / f"spark{n}", master)
                    print(f"  spark {master}: wall {wall:.1f} s, {n / wall:.0f} units/s, {count} findings")


if __name__ == "__main__":
    main()
