"""The Python API of issue 17 item 1: check, check_pairs, check_arrow, Finding, options,
errors, ``python -m mtlint``."""

import subprocess
import sys
import threading

import pytest

import mtlint


def test_done_when_check_pairs_prints_doubled_punctuation():
    out = subprocess.run(
        [sys.executable, "-c",
         "import mtlint; print(mtlint.check_pairs(['Hello.'], ['Hallo..']))"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert "MT005" in out and "doubled-punctuation" in out, out


def test_finding_fields_and_offsets():
    [f] = mtlint.check_pairs(["Hello."], ["Hallo.."])
    assert (f.unit, f.code, f.check, f.severity, f.side) == (
        0, "MT005", "doubled-punctuation", "error", "target")
    assert (f.span_start, f.span_end, f.span) == (5, 7, "..")
    assert f.alignment == "1-1" and f.alignment_score == 1.0
    assert (f.target_line, f.target_column) == (1, 6)
    d = f.to_dict()
    assert list(d) == mtlint.Finding.fields
    assert d["span_start"] == 5 and d["message"] == f.message
    assert "MT005" in repr(f) and '".."' in repr(f) and "[5:7]" in repr(f)


def test_offsets_are_python_str_indices_in_the_whole_unit():
    # Astral and non-ASCII chars before the span, white space before the unit, and a unit
    # of two sentences (the finding is in the second pair).
    sources = ["The size is big. 😀 It was 1997.", "Hello."]
    targets = ["  Die Größe ist 😀 groß. Es war 1997..", "\tHallo.."]
    found = mtlint.check_pairs(sources, targets, select=["MT005"])
    assert [f.unit for f in found] == [0, 1]
    for f in found:
        text = targets[f.unit] if f.side == "target" else sources[f.unit]
        assert text[f.span_start:f.span_end] == f.span == ".."
    assert found[0].pair == 1


def test_check_document_aligns_and_offsets_into_the_document():
    source = "The cat sat on the mat.\n\nIt was 1997.\n"
    target = "Die Katze saß auf der Matte..\n\nEs war 1998.\n"
    found = mtlint.check(source, target)
    codes = {f.code for f in found}
    assert {"MT005", "MT009"} <= codes, found
    for f in found:
        text = target if f.side == "target" else source
        assert text[f.span_start:f.span_end] == f.span
        assert f.unit is None


def test_options_select_ignore_severity():
    pairs = (["Hello.", "It was 1997."], ["Hallo..", "Es war 1998."])
    assert {f.code for f in mtlint.check_pairs(*pairs)} == {"MT005", "MT009"}
    assert {f.code for f in mtlint.check_pairs(*pairs, select="MT005")} == {"MT005"}
    assert {f.code for f in mtlint.check_pairs(*pairs, ignore=["doubled-punctuation"])} == {"MT009"}
    [f] = mtlint.check_pairs(*pairs, select=["MT005"], severity={"MT005": "info"})
    assert f.severity == "info"
    checker = mtlint.Checker(select=["number-mismatch"])
    assert [f.code for f in checker.check_pairs(*pairs)] == ["MT009"]


def test_glossary_and_dictionary_options(tmp_path):
    glossary = tmp_path / "glossary.csv"
    glossary.write_text("source,target\nsettings,Einstellungen\n", encoding="utf-8")
    found = mtlint.check_pairs(["Open the settings."], ["Öffnen Sie die Optionen."],
                               glossary=str(glossary))
    assert "MT019" in {f.code for f in found}, found
    with pytest.raises(mtlint.InputError, match="not found"):
        mtlint.check_pairs(["a"], ["b"], dictionary=str(tmp_path / "missing.tsv"))


def test_bad_options_raise_input_error_with_the_cli_message():
    with pytest.raises(mtlint.InputError, match="unknown check 'MT999' in `select`"):
        mtlint.check_pairs(["Hello."], ["Hallo."], select=["MT999"])
    with pytest.raises(mtlint.InputError, match="unknown threshold 'nope'"):
        mtlint.check_pairs(["Hello."], ["Hallo."], thresholds={"nope": 1})
    with pytest.raises(mtlint.InputError, match="is not below"):
        mtlint.check_pairs(["Hello."], ["Hallo."],
                           thresholds={"length-ratio-min": 0.9, "length-ratio-max": 0.5})
    with pytest.raises(mtlint.InputError, match="unknown severity 'fatal'"):
        mtlint.check_pairs(["Hello."], ["Hallo."], severity={"MT005": "fatal"})
    with pytest.raises(TypeError, match="unknown option 'selekt'"):
        mtlint.check_pairs(["Hello."], ["Hallo."], selekt=["MT005"])
    with pytest.raises(mtlint.InputError, match="2 sources but 1 targets"):
        mtlint.check_pairs(["a", "b"], ["c"])
    assert issubclass(mtlint.InputError, ValueError)


def test_fail_on_raises_findings_error():
    with pytest.raises(mtlint.FindingsError) as e:
        mtlint.check_pairs(["Hello."], ["Hallo.."], fail_on="error")
    assert len(e.value.findings) == 1
    # Below the threshold: returned.
    assert mtlint.check_pairs(["Hello."], ["Hallo.."], fail_on="error",
                              severity={"MT005": "warning"})
    with pytest.raises(mtlint.InputError, match="fail_on"):
        mtlint.check_pairs(["Hello."], ["Hallo.."], fail_on="fatal")


def test_check_arrow_carries_ids_and_equals_check_pairs():
    pa = pytest.importorskip("pyarrow")
    from corpus import units

    ids, sources, targets = units(500)
    batch = pa.RecordBatch.from_pydict({"key": ids, "en": sources, "de": targets})
    out = mtlint.check_arrow(batch, source="en", target="de", id="key")
    assert isinstance(out, pa.RecordBatch)
    assert out.schema.field("key").type == pa.string()
    assert out.schema.field("span_start").type == pa.uint64()
    assert out.schema.field("alignment_score").type == pa.float64()
    rows = out.to_pylist()
    pairs = mtlint.check_pairs(sources, targets)
    assert len(rows) == len(pairs) > 20
    assert [(r["key"], r["code"], r["span_start"], r["span_end"], r["message"]) for r in rows] == [
        (ids[f.unit], f.code, f.span_start, f.span_end, f.message) for f in pairs]
    # Integer ids keep their type; without an id column there is none.
    batch = pa.RecordBatch.from_pydict({"id": pa.array(range(3), pa.int64()),
                                        "source": ["Hello."] * 3, "target": ["Hallo..", "Hallo.", "Hallo.."]})
    out = mtlint.check_arrow(batch)
    assert out.column("id").to_pylist() == [0, 2] and out.schema.field("id").type == pa.int64()
    assert out.column("unit").to_pylist() == [0, 2]
    assert "id" not in mtlint.check_arrow(batch, id=None).schema.names


def test_check_arrow_finds_the_same_in_any_batching():
    pa = pytest.importorskip("pyarrow")
    from corpus import units

    ids, sources, targets = units(300, seed=3)
    batch = pa.RecordBatch.from_pydict({"id": ids, "source": sources, "target": targets})
    whole = mtlint.check_arrow(batch).to_pylist()
    parts = []
    for start in range(0, 300, 37):
        parts += mtlint.check_arrow(batch.slice(start, 37)).to_pylist()
    key = lambda r: (r["id"], r["code"], r["span_start"], r["message"])  # noqa: E731
    assert sorted(map(key, whole)) == sorted(map(key, parts))


def test_check_arrow_errors():
    pa = pytest.importorskip("pyarrow")
    batch = pa.RecordBatch.from_pydict({"en": ["Hello."], "n": [1]})
    with pytest.raises(mtlint.InputError, match="no column 'source' for the source; the columns are: en, n"):
        mtlint.check_arrow(batch)
    with pytest.raises(mtlint.InputError, match="column 'n' \\(the target\\) is of type Int64, not string"):
        mtlint.check_arrow(batch, source="en", target="n")
    with pytest.raises(mtlint.InputError, match="no column 'key'"):
        mtlint.check_arrow(pa.RecordBatch.from_pydict({"source": ["a"], "target": ["b"]}), id="key")


def test_nulls_and_large_strings():
    pa = pytest.importorskip("pyarrow")
    batch = pa.RecordBatch.from_pydict({
        "source": pa.array(["Hello.", None, "Thank you."], pa.large_string()),
        "target": pa.array(["Hallo..", "Hallo", None], pa.large_string()),
    })
    rows = mtlint.check_arrow(batch).to_pylist()
    # A null source is no unit; a null target is a missing translation.
    assert [(r["unit"], r["code"]) for r in rows] == [(0, "MT005"), (2, "MT022")]


def test_threads_run_in_parallel_with_the_gil_released():
    from corpus import units

    ids, sources, targets = units(2000)
    expected = mtlint.check_pairs(sources, targets)
    results = [None] * 4

    def work(k):
        results[k] = mtlint.check_pairs(sources, targets)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)


def test_python_m_mtlint_runs_the_cli(tmp_path):
    run = lambda *a: subprocess.run([sys.executable, "-m", "mtlint", *a],  # noqa: E731
                                    capture_output=True, text=True, cwd=tmp_path)
    r = run("rules")
    assert r.returncode == 0 and "MT005" in r.stdout and "doubled-punctuation" in r.stdout
    r = run("check", "missing.txt", "missing-de.txt")
    assert r.returncode == 2 and "file not found" in r.stderr, r.stderr
    (tmp_path / "en.txt").write_text("Hello.\n", encoding="utf-8")
    (tmp_path / "de.txt").write_text("Hallo..\n", encoding="utf-8")
    r = run("check", "en.txt", "de.txt", "-o", "-")
    assert r.returncode == 1 and "MT005" in r.stdout, r.stderr
    assert run("--version").stdout.startswith("mtlint ")


def test_rules_lists_every_check():
    codes = [r[0] for r in mtlint.rules()]
    assert codes[0] == "MT001" and "MT023" in codes
