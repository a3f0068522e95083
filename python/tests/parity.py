"""Findings of a run as a set of comparable keys: the same for the command line's Parquet
report (``doc`` = FILE#ID) and ``check_arrow``'s batches (an ``id`` column)."""

KEY = ("pair", "code", "side", "target_line", "target_column", "span", "message")


def cli_findings(path):
    import pyarrow.parquet as pq

    rows = pq.read_table(path).to_pylist()
    return {(r["doc"].rsplit("#", 1)[1],) + tuple(r[k] for k in KEY) for r in rows}


def arrow_findings(rows, id_column="id"):
    return {(str(r[id_column]),) + tuple(r[k] for k in KEY) for r in rows}


def run_cli(corpus, out, *args):
    import subprocess
    import sys

    r = subprocess.run(
        [sys.executable, "-m", "mtlint", "check", str(corpus), "--source-column", "en",
         "--target-column", "de", "--id-column", "id", "-o", str(out), *args],
        capture_output=True, text=True,
    )
    assert r.returncode in (0, 1), r.stderr
    return r
