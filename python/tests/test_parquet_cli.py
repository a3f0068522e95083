"""check_arrow and the command line's Parquet input find the same (issue 17, items 1–2)."""

import pytest

import mtlint
from corpus import write_parquet
from parity import arrow_findings, cli_findings, run_cli

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def test_check_arrow_equals_mtlint_check_on_the_same_parquet(tmp_path):
    corpus = write_parquet(tmp_path / "corpus.parquet", 20_000, row_group_size=3000)
    r = run_cli(corpus, tmp_path / "cli.parquet")
    assert "20000 documents" in r.stderr, r.stderr
    expected = cli_findings(tmp_path / "cli.parquet")
    assert len(expected) > 1000
    rows = []
    for batch in pq.ParquetFile(corpus).iter_batches(batch_size=4096):
        rows += mtlint.check_arrow(batch, source="en", target="de").to_pylist()
    assert arrow_findings(rows) == expected


def test_feather_report_has_typed_columns(tmp_path):
    import pyarrow.feather as feather

    corpus = write_parquet(tmp_path / "corpus.parquet", 500)
    run_cli(corpus, tmp_path / "findings.feather")
    table = feather.read_table(tmp_path / "findings.feather")
    assert table.schema.field("span_start").type == pa.uint64()
    assert table.schema.field("target_line").type == pa.uint64()
    assert table.num_rows > 10
    assert cli_findings_from(table) == cli_findings_from(
        pq.read_table(run_and_read(corpus, tmp_path / "f.parquet")))


def run_and_read(corpus, out):
    run_cli(corpus, out)
    return out


def cli_findings_from(table):
    return {(r["doc"], r["code"], r["span_start"], r["message"]) for r in table.to_pylist()}
