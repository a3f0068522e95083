//! Parquet corpora in the CLI (issue 17, item 2): `mtlint check corpus.parquet
//! --source-column en --target-column de [--id-column id] -o findings.parquet`, Arrow IPC
//! outputs, folders of shards, and findings that do not depend on how the corpus is cut.
#![cfg(feature = "arrow")]

mod common;

use std::collections::BTreeSet;
use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::UInt64Type;
use arrow_array::{ArrayRef, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use common::mtlint;
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::file::properties::WriterProperties;

/// (source, target) units: some clean, some with findings.
fn units(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| match i % 5 {
            0 => ("Hello.".to_string(), "Hallo..".to_string()),
            1 => (
                format!("The price is {i} euros."),
                format!("Der Preis beträgt {} Euro.", i + 1),
            ),
            2 => (
                "The cat sat on the mat. It was happy.".to_string(),
                "Die Katze saß auf der Matte. Sie war glücklich.".to_string(),
            ),
            3 => ("Open the file.".to_string(), "Open the file.".to_string()),
            _ => ("It was 1997.".to_string(), "Es war 1997.".to_string()),
        })
        .collect()
}

/// Write `units` as Parquet with columns `id` (int64, 1000 + row), `en`, `de`, in row
/// groups of `group` rows.
fn write_corpus(path: &Path, units: &[(String, String)], group: usize) {
    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, false),
        Field::new("en", DataType::Utf8, false),
        Field::new("de", DataType::Utf8, true),
    ]));
    let props = WriterProperties::builder()
        .set_max_row_group_row_count(Some(group))
        .build();
    let file = File::create(path).unwrap();
    let mut w = ArrowWriter::try_new(file, schema.clone(), Some(props)).unwrap();
    for (k, chunk) in units.chunks(group).enumerate() {
        let ids: ArrayRef = Arc::new(Int64Array::from_iter_values(
            (0..chunk.len()).map(|i| 1000 + (k * group + i) as i64),
        ));
        let en: ArrayRef = Arc::new(StringArray::from_iter_values(chunk.iter().map(|u| &u.0)));
        let de: ArrayRef = Arc::new(StringArray::from_iter_values(chunk.iter().map(|u| &u.1)));
        w.write(&RecordBatch::try_new(schema.clone(), vec![ids, en, de]).unwrap())
            .unwrap();
    }
    w.close().unwrap();
}

fn read_parquet(path: &Path) -> Vec<RecordBatch> {
    let file = File::open(path).unwrap();
    ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
        .map(|b| b.unwrap())
        .collect()
}

/// (doc, code, side, span_start, span) of every row.
fn findings(batches: &[RecordBatch]) -> Vec<(String, String, String, Option<u64>, String)> {
    let mut out = Vec::new();
    for b in batches {
        let s = |n: &str| b.column_by_name(n).unwrap().as_string::<i32>().clone();
        let (doc, code, side, span) = (s("doc"), s("code"), s("side"), s("span"));
        let start = b
            .column_by_name("span_start")
            .unwrap()
            .as_primitive::<UInt64Type>()
            .clone();
        for i in 0..b.num_rows() {
            out.push((
                doc.value(i).to_string(),
                code.value(i).to_string(),
                side.value(i).to_string(),
                (!arrow_array::Array::is_null(&start, i)).then(|| start.value(i)),
                span.value(i).to_string(),
            ));
        }
    }
    out
}

fn check(args: &[&str], dir: &Path) -> std::process::Output {
    mtlint().current_dir(dir).args(args).output().unwrap()
}

#[test]
fn parquet_corpus_to_parquet_report_with_typed_columns_and_ids() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(&dir.path().join("corpus.parquet"), &units(20), 8);
    let out = check(
        &[
            "check",
            "corpus.parquet",
            "--source-column",
            "en",
            "--target-column",
            "de",
            "--id-column",
            "id",
            "-o",
            "findings.parquet",
        ],
        dir.path(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("20 documents"), "{stderr}");
    let batches = read_parquet(&dir.path().join("findings.parquet"));
    let schema = batches[0].schema();
    assert_eq!(
        schema.field_with_name("pair").unwrap().data_type(),
        &DataType::UInt64
    );
    assert_eq!(
        schema
            .field_with_name("alignment_score")
            .unwrap()
            .data_type(),
        &DataType::Float64
    );
    assert!(schema.field_with_name("span_start").unwrap().is_nullable());
    let found = findings(&batches);
    // Unit 0 (id 1000): "Hallo.." has a doubled full stop at chars 5..7.
    assert!(
        found.contains(&(
            "corpus.parquet#1000".into(),
            "MT005".into(),
            "target".into(),
            Some(5),
            "..".into()
        )),
        "{found:?}"
    );
    // Every fifth unit from 0 (ids 1000, 1005, …) has it, in every row group.
    let doubled: BTreeSet<&str> = found
        .iter()
        .filter(|f| f.1 == "MT005")
        .map(|f| f.0.as_str())
        .collect();
    assert_eq!(
        doubled,
        BTreeSet::from([
            "corpus.parquet#1000",
            "corpus.parquet#1005",
            "corpus.parquet#1010",
            "corpus.parquet#1015"
        ])
    );
    // The wrong numbers and the untranslated units are found too.
    assert!(found.iter().any(|f| f.1 == "MT009"), "{found:?}");
    assert!(found.iter().any(|f| f.1 == "MT001"), "{found:?}");
}

#[test]
fn findings_do_not_depend_on_row_groups_or_shards() {
    let dir = tempfile::tempdir().unwrap();
    let all = units(60);
    write_corpus(&dir.path().join("one.parquet"), &all, 1000);
    write_corpus(&dir.path().join("small_groups.parquet"), &all, 7);
    // (global unit number, code, side, span start, span) of a run's findings; `first` maps
    // a shard file name to the global number of its first unit.
    let run = |input: &str, out: &str, first: &dyn Fn(&str) -> u64| {
        let o = check(
            &[
                "check",
                input,
                "--source-column",
                "en",
                "--target-column",
                "de",
                "--id-column",
                "id",
                "-o",
                out,
            ],
            dir.path(),
        );
        assert_eq!(
            o.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        findings(&read_parquet(&dir.path().join(out)))
            .into_iter()
            .map(|(doc, code, side, start, span)| {
                let (file, id) = doc.rsplit_once('#').unwrap();
                let unit = first(file) + id.parse::<u64>().unwrap() - 1000;
                (unit, code, side, start, span)
            })
            .collect::<BTreeSet<_>>()
    };
    let whole = run("one.parquet", "a.parquet", &|_| 0);
    assert!(whole.len() > 20, "{whole:?}");
    assert_eq!(whole, run("small_groups.parquet", "b.parquet", &|_| 0));
    // A folder of shards (read in parallel): the corpus cut in two files.
    std::fs::create_dir(dir.path().join("shards")).unwrap();
    write_corpus(&dir.path().join("shards/part-0.parquet"), &all[..25], 10);
    write_corpus(&dir.path().join("shards/part-1.parquet"), &all[25..], 10);
    let sharded = run("shards", "c.parquet", &|file| {
        if file.ends_with("part-1.parquet") {
            25
        } else {
            0
        }
    });
    assert_eq!(whole, sharded);
}

#[test]
fn arrow_and_feather_reports() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(&dir.path().join("corpus.parquet"), &units(10), 4);
    for name in ["findings.arrow", "findings.feather"] {
        let o = check(
            &[
                "check",
                "corpus.parquet",
                "--source-column",
                "en",
                "--target-column",
                "de",
                "-o",
                name,
            ],
            dir.path(),
        );
        assert_eq!(
            o.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let file = File::open(dir.path().join(name)).unwrap();
        let reader = arrow_ipc::reader::FileReader::try_new(file, None).unwrap();
        let batches: Vec<RecordBatch> = reader.map(|b| b.unwrap()).collect();
        let found = findings(&batches);
        // Without an id column the doc is FILE#ROW (0-based).
        assert!(
            found.contains(&(
                "corpus.parquet#5".into(),
                "MT005".into(),
                "target".into(),
                Some(5),
                "..".into()
            )),
            "{found:?}"
        );
    }
}

#[test]
fn parquet_input_errors_name_the_file_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(&dir.path().join("corpus.parquet"), &units(3), 4);
    let o = check(
        &["check", "corpus.parquet", "--source-column", "english"],
        dir.path(),
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("corpus.parquet: no column 'english'"),
        "{stderr}"
    );
    assert!(stderr.contains("its columns are: id, en, de"), "{stderr}");
    let o = check(
        &[
            "check",
            "corpus.parquet",
            "--source-column",
            "id",
            "--target-column",
            "de",
        ],
        dir.path(),
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("column 'id' (the source) is of type Int64, not string"),
        "{stderr}"
    );
    std::fs::write(
        dir.path().join("fake.parquet"),
        "source,target\nHello.,Hallo..\n",
    )
    .unwrap();
    let o = check(&["check", "fake.parquet"], dir.path());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("fake.parquet"), "{stderr}");
    assert!(
        !dir.path().join("reports").exists()
            || std::fs::read_dir(dir.path().join("reports"))
                .unwrap()
                .count()
                == 0
    );
    let o = check(
        &["check", "--source-column", "en", "in.txt", "out.txt"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("columns of a Parquet corpus"));
}
