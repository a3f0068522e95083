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


def cli_expectation(corpus, tmp_path, units):
    """What ``mtlint check`` finds in the Parquet ``corpus``: (the set of keys, the number of
    rows of its report)."""
    import pyarrow.parquet as pq

    out = tmp_path / "cli.parquet"
    run_cli(corpus, out)
    expected = cli_findings(out)
    assert len(expected) > units // 50
    return expected, pq.read_metadata(out).num_rows


def assert_engine_output_equals_cli(out, summary, expected, cli_rows):
    """An engine's run (the Spark or Ray example) wrote to ``out`` what the command line
    found: the same findings as a set and as many rows, partitioned by check, and the summary
    rows (dicts or Spark Rows with code and count) count every one of them."""
    import pyarrow.parquet as pq

    found = pq.read_table(out).to_pylist()
    assert arrow_findings(found) == expected
    assert len(found) == cli_rows
    assert (out / "check=doubled-punctuation").is_dir()
    assert sum(r["count"] for r in summary) == cli_rows
    assert {r["code"] for r in summary} >= {"MT001", "MT005", "MT009", "MT022"}
