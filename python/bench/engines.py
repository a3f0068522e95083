"""Benchmark (issue 17 item 5): mtlint on Spark (``mapInArrow``) and Ray Data
(``map_batches``) with 1 and 2 worker slots, on a generated corpus in several Parquet files.

    python python/bench/engines.py spark [ray] [--units 1000000] [--files 8] [--runs 3]

For each engine and slot count (Spark ``local[1]``/``local[2]``; Ray ``num_cpus=1``/``2``), in
a process of its own (a fresh JVM or Ray), after a warm-up run on one file, ``--runs`` times:

- ``empty``: the function reads every Arrow batch in the Python worker and returns nothing
  (what the engine costs to bring the corpus to Python, batch by batch);
- ``check``: the function runs ``mtlint.Checker().check_arrow`` on every batch and returns the
  findings (what the Spark and Ray examples do; the sink here is Spark's ``noop`` writer or
  draining Ray's iterator, so Parquet writing of the findings is not in the figures).

Each task's Python worker has ``RAYON_NUM_THREADS=1`` (``spark.executorEnv`` / Ray's
``runtime_env``), so the engine does the parallelism; the workers report it back.
Printed: wall time and CPU time (user + system of the whole process tree: driver, JVM or Ray
daemons, Python workers; medians), units per second and per CPU-second, batches, the CPU per
batch outside ``check_arrow`` (the engine's overhead per batch), the scaling factor between
1 and 2 slots, and peak memory: each Python worker's peak RSS (``ru_maxrss``, reported from
inside the function) and the JVM's (``VmHWM``). Also the load average before and after: the
machine may be shared.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[1] / "tests"))

TICK = os.sysconf("SC_CLK_TCK")


# --- measuring ----------------------------------------------------------------------------

def _stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        text = f.read()
    comm = text[text.index("(") + 1:text.rindex(")")]
    rest = text[text.rindex(")") + 2:].split()
    # rest[1] = ppid; rest[11..14] = utime, stime, cutime, cstime
    return comm, int(rest[1]), sum(int(x) for x in rest[11:15]) / TICK


def tree():
    """Descendants of this process: {pid: (comm, cpu seconds incl. reaped children)}."""
    procs = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                procs[int(d)] = _stat(d)
            except (OSError, ValueError):
                pass
    children = {}
    for pid, (_, ppid, _) in procs.items():
        children.setdefault(ppid, []).append(pid)
    out, todo = {}, list(children.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        out[pid] = (procs[pid][0], procs[pid][2])
        todo += children.get(pid, [])
    return out


def own_cpu():
    cpu = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        r = resource.getrusage(who)
        cpu += r.ru_utime + r.ru_stime
    return cpu


class TreeCpu:
    """CPU seconds used between start() and stop() by this process and all its descendants
    (JVM, Ray's daemons, the Python workers). The tree is polled every 0.2 s, so the CPU of
    a worker that exits (Ray ends idle workers; their parent may not wait for them) is
    counted up to its last poll."""

    def start(self):
        import threading

        self.first = {pid: cpu for pid, (_, cpu) in tree().items()}
        self.last = dict(self.first)
        self.own = own_cpu()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def _poll(self):
        while not self.done.wait(0.2):
            self.last.update({pid: cpu for pid, (_, cpu) in tree().items()})

    def stop(self):
        self.done.set()
        self.thread.join()
        self.last.update({pid: cpu for pid, (_, cpu) in tree().items()})
        return own_cpu() - self.own + sum(
            cpu - self.first.get(pid, 0.0) for pid, cpu in self.last.items())


def vm_hwm_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return None


def record(stats_dir, rows, wall, cpu):
    """Called in the worker after each batch: one JSON line per batch."""
    line = {"pid": os.getpid(), "rows": rows, "wall": wall, "cpu": cpu,
            "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rayon": os.environ.get("RAYON_NUM_THREADS")}
    with open(os.path.join(stats_dir, f"{os.getpid()}.jsonl"), "a") as f:
        f.write(json.dumps(line) + "\n")


def worker_stats(stats_dir):
    lines = []
    for p in glob.glob(os.path.join(stats_dir, "*.jsonl")):
        with open(p) as f:
            lines += [json.loads(x) for x in f]
    peak = {}
    for x in lines:
        peak[x["pid"]] = max(peak.get(x["pid"], 0), x["maxrss_mb"])
    return {"batches": len(lines), "rows": sum(x["rows"] for x in lines),
            "fn_cpu": sum(x["cpu"] for x in lines), "fn_wall": sum(x["wall"] for x in lines),
            "workers": len(peak), "peak_rss_mb": sorted(round(v) for v in peak.values()),
            "rayon": sorted({str(x["rayon"]) for x in lines})}


def measure(run, stats_dir):
    for p in glob.glob(os.path.join(stats_dir, "*.jsonl")):
        os.remove(p)
    clock = TreeCpu()
    clock.start()
    w0 = time.perf_counter()
    findings = run()
    wall = time.perf_counter() - w0
    cpu = clock.stop()
    return {"wall": wall, "cpu": cpu, "findings": findings, **worker_stats(stats_dir)}


# --- the functions the workers run ----------------------------------------------------------

def spark_fn(kind, stats_dir):
    def run(batches):
        import pyarrow as pa

        import mtlint

        checker = mtlint.Checker()
        for batch in batches:
            w0, c0 = time.perf_counter(), time.process_time()
            if kind == "check":
                found = checker.check_arrow(batch, source="en", target="de", id="id")
                arrays = [a.cast(pa.int64()) if a.type == pa.uint64() else a
                          for a in found.columns]
                out = pa.RecordBatch.from_arrays(arrays, names=found.schema.names)
            else:
                out = None
            record(stats_dir, batch.num_rows, time.perf_counter() - w0,
                   time.process_time() - c0)
            if out is not None:
                yield out

    return run


class RayFn:
    def __init__(self, kind, stats_dir):
        self.kind, self.stats_dir = kind, stats_dir

    def __call__(self, table):
        import pyarrow as pa

        import mtlint

        w0, c0 = time.perf_counter(), time.process_time()
        if self.kind == "check":
            out = pa.Table.from_batches(
                [mtlint.check_arrow(table, source="en", target="de", id="id")])
        else:
            out = table.slice(0, 0)
        record(self.stats_dir, table.num_rows, time.perf_counter() - w0,
               time.process_time() - c0)
        return out


# --- one engine, one slot count (run in a process of its own) ------------------------------

def child_spark(slots, corpus, runs, stats_dir):
    from pyspark.sql import SparkSession

    sys.path.insert(0, str(HERE.parents[2] / "examples" / "spark"))
    from check_corpus import findings_schema

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    files = sorted(glob.glob(os.path.join(corpus, "*.parquet")))
    one_file = max(os.path.getsize(f) for f in files)
    spark = (SparkSession.builder.master(f"local[{slots}]").appName("mtlint-bench")
             .config("spark.ui.enabled", "false")
             .config("spark.driver.host", "127.0.0.1")
             .config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.driver.memory", "2g")
             .config("spark.executorEnv.RAYON_NUM_THREADS", "1")
             # One partition per file (and never two files in one).
             .config("spark.sql.files.maxPartitionBytes", str(one_file + 1024))
             .config("spark.sql.files.openCostInBytes", str(one_file + 1024))
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    schema = findings_schema("id", "string")
    batch_rows = spark.conf.get("spark.sql.execution.arrow.maxRecordsPerBatch")

    def job(path, kind):
        df = spark.read.parquet(path).select("en", "de", "id")
        out = df.mapInArrow(spark_fn(kind, stats_dir), schema)
        out.write.format("noop").mode("overwrite").save()
        return None

    partitions = spark.read.parquet(corpus).rdd.getNumPartitions()
    measure(lambda: job(files[0], "check"), stats_dir)  # warm-up: JVM, workers
    results = {"empty": [], "check": []}
    for _ in range(runs):
        for kind in results:
            results[kind].append(measure(lambda k=kind: job(corpus, k), stats_dir))
    jvm = [pid for pid, (comm, _) in tree().items() if comm == "java"]
    hwm = [round(vm_hwm_mb(pid)) for pid in jvm]
    spark.stop()
    return {"partitions": partitions, "batch_rows": batch_rows, "jvm_peak_rss_mb": hwm,
            "results": results}


def child_ray(slots, corpus, runs, stats_dir):
    import ray

    ray.init(num_cpus=slots, include_dashboard=False, object_store_memory=1 << 30,
             log_to_driver=False,
             runtime_env={"env_vars": {"RAYON_NUM_THREADS": "1"}})
    files = sorted(glob.glob(os.path.join(corpus, "*.parquet")))

    def job(path, kind):
        ds = ray.data.read_parquet(path, columns=["en", "de", "id"])
        ds = ds.map_batches(RayFn(kind, stats_dir), batch_format="pyarrow", batch_size=10_000)
        return sum(b.num_rows for b in ds.iter_batches(batch_size=None, batch_format="pyarrow"))

    measure(lambda: job(files[0], "check"), stats_dir)
    results = {"empty": [], "check": []}
    for _ in range(runs):
        for kind in results:
            results[kind].append(measure(lambda k=kind: job(corpus, k), stats_dir))
    ray.shutdown()
    return {"partitions": len(files), "batch_rows": 10_000, "jvm_peak_rss_mb": None,
            "results": results}


# --- report --------------------------------------------------------------------------------

def report(engine, slots, units, r, runs):
    med = {k: {m: statistics.median(x[m] for x in v) for m in ("wall", "cpu", "fn_cpu")}
           for k, v in r["results"].items()}
    last = {k: v[-1] for k, v in r["results"].items()}
    name = f"{engine} {'local[%d]' % slots if engine == 'spark' else 'num_cpus=%d' % slots}"
    print(f"{name}: {r['partitions']} input partitions/files, batches of "
          f"{r['batch_rows']} rows, RAYON_NUM_THREADS in the workers: {last['check']['rayon']}")
    for kind in ("empty", "check"):
        m, x = med[kind], last[kind]
        extra = ""
        if kind == "check":
            extra = (f", check_arrow {m['fn_cpu']:.1f} CPU-s in the workers, "
                     f"outside it {1000 * (m['cpu'] - m['fn_cpu']) / x['batches']:.1f} "
                     f"CPU-ms per batch")
        else:
            extra = f", {1000 * m['cpu'] / x['batches']:.1f} CPU-ms per batch"
        print(f"  {kind:>5}: wall {m['wall']:6.1f} s, CPU {m['cpu']:6.1f} s, "
              f"{units / m['wall']:7.0f} units/s, {units / m['cpu']:7.0f} units/CPU-s, "
              f"{x['batches']} batches of {x['rows']} rows{extra} "
              f"(median of {runs}; walls {[round(y['wall'], 1) for y in r['results'][kind]]})")
    print(f"  peak RSS: Python workers {last['check']['peak_rss_mb']} MB"
          + (f", JVM {r['jvm_peak_rss_mb']} MB" if r["jvm_peak_rss_mb"] else ""))
    return med["check"]["wall"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("engines", nargs="+", choices=["spark", "ray"])
    p.add_argument("--units", type=int, default=1_000_000)
    p.add_argument("--files", type=int, default=8)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--child", nargs=3, metavar=("ENGINE", "SLOTS", "CORPUS"),
                   help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        engine, slots, corpus = a.child
        with tempfile.TemporaryDirectory() as stats:
            fn = child_spark if engine == "spark" else child_ray
            print("RESULT " + json.dumps(fn(int(slots), corpus, a.runs, stats)))
        return

    import pyarrow as pa
    import pyarrow.parquet as pq

    from corpus import units

    with tempfile.TemporaryDirectory() as d:
        ids, sources, targets = units(a.units)
        per = -(-a.units // a.files)
        for i in range(a.files):
            s = slice(i * per, (i + 1) * per)
            pq.write_table(pa.table({"id": ids[s], "en": sources[s], "de": targets[s]}),
                           os.path.join(d, f"part-{i:03d}.parquet"), row_group_size=25_000)
        print(f"{a.units} units in {a.files} Parquet files "
              f"({sum(os.path.getsize(f) for f in glob.glob(d + '/*.parquet')) / 1e6:.1f} MB), "
              f"{os.cpu_count()} cores, load average before: {os.getloadavg()}")
        for engine in a.engines:
            walls = {}
            for slots in (1, 2):
                r = subprocess.run([sys.executable, str(HERE), engine, "--runs", str(a.runs),
                                    "--child", engine, str(slots), d],
                                   capture_output=True, text=True)
                line = [x for x in r.stdout.splitlines() if x.startswith("RESULT ")]
                if r.returncode != 0 or not line:
                    print(f"{engine} with {slots} slots failed:\n{r.stderr[-3000:]}")
                    break
                walls[slots] = report(engine, slots, a.units, json.loads(line[0][7:]), a.runs)
                print(f"  load average now: {os.getloadavg()}")
            if len(walls) == 2:
                print(f"  {engine} scaling, 1 → 2 slots (check, wall): "
                      f"{walls[1] / walls[2]:.2f}×")


if __name__ == "__main__":
    main()
