//! Issue 14 items 1 and 2: the XLSX review workbook (read back with calamine, its parts
//! opened as XML for what calamine does not show), its use as a baseline (also after another
//! writer or LibreOffice saved it again), and CSV that opens right (a UTF-8 byte-order mark,
//! messages that do not start with a doubled quote).

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use common::{mtlint, report_rows, write};
use mtlint::report::{self, Format, Report, Row, WriteOptions};

const EXAMPLE_FINDINGS: usize = 23;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run `mtlint check` on the example article with `extra` arguments; returns the exit code.
fn check_example(extra: &[&std::ffi::OsStr]) -> i32 {
    let out = mtlint()
        .arg("check")
        .arg(root().join("input/article.en.txt"))
        .arg(root().join("input/article.de.txt"))
        .arg("-q")
        .args(extra)
        .output()
        .expect("run mtlint");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.status.code().unwrap_or(2)
}

/// The example's workbook, written to `dir/review.xlsx`.
fn example_workbook(dir: &Path) -> PathBuf {
    let path = dir.join("review.xlsx");
    assert_eq!(check_example(&["-o".as_ref(), path.as_os_str()]), 1);
    path
}

fn cell(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

/// A sheet as rows of cell texts, header first.
fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("open workbook");
    let range = book.worksheet_range(name).expect("sheet");
    assert_eq!(range.start(), Some((0, 0)), "sheet {name} starts at A1");
    range.rows().map(|r| r.iter().map(cell).collect()).collect()
}

/// The findings sheet as rows keyed by column name.
fn findings(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let rows = sheet(path, "findings");
    let (header, body) = rows.split_first().expect("header");
    body.iter()
        .map(|r| header.iter().cloned().zip(r.iter().cloned()).collect())
        .collect()
}

/// One part (file) of the workbook's ZIP archive, as text.
fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).expect("open");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect("part")
        .read_to_string(&mut text)
        .expect("read part");
    text
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The XML of the workbook's strings: the shared ones and the findings sheet's inline ones
/// (the findings sheet is written in constant-memory mode, with inline strings).
fn strings_xml(path: &Path) -> String {
    part(path, "xl/sharedStrings.xml") + &part(path, "xl/worksheets/sheet1.xml")
}

/// The texts of the red bold runs of the workbook's rich strings.
fn marked_runs(path: &Path) -> Vec<String> {
    let strings = strings_xml(path);
    let mut marked = Vec::new();
    for run in strings.split("<r>").skip(1) {
        let run = run.split("</r>").next().unwrap_or("");
        let Some((props, rest)) = run.split_once("</rPr>") else {
            continue;
        };
        if !(props.contains("<b/>") && props.contains("C00000")) {
            continue;
        }
        let text = rest
            .split_once('>')
            .map(|(_, t)| t.split("</t>").next().unwrap_or(""))
            .unwrap_or("");
        marked.push(unescape(text));
    }
    marked
}

#[test]
fn workbook_columns_are_ordered_for_an_editor() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_workbook(dir.path());
    let rows = sheet(&path, "findings");
    let header = &rows[0];
    assert_eq!(
        header[..8],
        [
            "status",
            "severity",
            "check",
            "message",
            "suggestion",
            "target",
            "source",
            "span"
        ]
    );
    let mut got: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut want = report::COLUMNS.to_vec();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want, "every CSV column, each once");
    assert_eq!(rows.len() - 1, EXAMPLE_FINDINGS, "one row per finding");
    // The same findings as the CSV report, cell for cell.
    let csv = dir.path().join("review.csv");
    check_example(&["-o".as_ref(), csv.as_os_str()]);
    let csv_rows = report_rows(&csv);
    for (x, c) in findings(&path).iter().zip(&csv_rows) {
        for name in [
            "code",
            "span",
            "message",
            "suggestion",
            "target",
            "span_start",
        ] {
            assert_eq!(x[name], c[name], "{name}");
        }
    }
}

#[test]
fn the_span_is_red_and_bold_in_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_workbook(dir.path());
    let marked = marked_runs(&path);
    let rows = findings(&path);
    for r in &rows {
        assert!(
            marked.contains(&r["span"]),
            "span {:?} is not a red bold run of the {} cell",
            r["span"],
            r["side"]
        );
    }
    // Exactly one marked run per finding: the rest of the cell is plain.
    assert_eq!(marked.len(), rows.len(), "{marked:?}");
}

#[test]
fn status_is_a_drop_down_with_frozen_header_and_filter() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_workbook(dir.path());
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    let validation = xml
        .split("<dataValidation ")
        .nth(1)
        .expect("a data validation")
        .split("</dataValidation>")
        .next()
        .unwrap();
    assert!(validation.contains("type=\"list\""), "{validation}");
    assert!(validation.contains("sqref=\"A2:A"), "{validation}");
    assert!(
        validation.contains("&quot;accepted,false-positive,fixed,to-do&quot;")
            || validation.contains("\"accepted,false-positive,fixed,to-do\""),
        "{validation}"
    );
    assert!(xml.contains("state=\"frozen\""), "frozen header");
    assert!(xml.contains("<autoFilter ref=\"A1:V24\""), "autofilter");
    assert!(!xml.contains("<f>"), "no formulas");
    assert!(part(&path, "xl/styles.xml").contains("wrapText=\"1\""));
}

#[test]
fn the_summary_sheet_counts_findings_per_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_workbook(dir.path());
    let rows = sheet(&path, "summary");
    assert_eq!(
        rows[0],
        ["code", "check", "error", "warning", "info", "total"]
    );
    let total = rows.iter().find(|r| r[1] == "total").expect("a total row");
    assert_eq!(total[2..], ["19", "4", "0", "23"]);
    let per_check: usize = rows[1..]
        .iter()
        .filter(|r| r[1] != "total")
        .map(|r| r[5].parse::<usize>().unwrap())
        .sum();
    assert_eq!(per_check, EXAMPLE_FINDINGS);
    assert!(rows.iter().any(|r| r[0] == "MT001"));
}

/// A report whose texts look like formulas: written as typed strings, read back exactly.
#[test]
fn formula_looking_text_stays_text() {
    let hostile = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "@BasedBeffJezos",
        "+49 30 1234",
        "-1",
        "'=1+1",
        "'Noch' is capitalised",
    ];
    let rows: Vec<Row> = hostile
        .iter()
        .enumerate()
        .map(|(i, h)| Row {
            doc: "d.txt".into(),
            pair: i,
            code: "MT001".into(),
            check: "untranslated".into(),
            severity: "error".into(),
            side: "target".into(),
            span_start: Some(0),
            span_end: Some(h.chars().count()),
            span: (*h).into(),
            message: (*h).into(),
            suggestion: (*h).into(),
            source: (*h).into(),
            target: format!("{h} Rest."),
            target_marked: format!("⟦{h}⟧ Rest."),
            ..Row::default()
        })
        .collect();
    let report = Report::from_rows(rows, 1, hostile.len(), Vec::new());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.xlsx");
    let mut bytes = Vec::new();
    report::write(&mut bytes, &report, Format::Xlsx, WriteOptions::default()).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    assert!(!part(&path, "xl/worksheets/sheet1.xml").contains("<f>"));
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let formulas = book.worksheet_formula("findings").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    let got = findings(&path);
    for (r, h) in got.iter().zip(hostile) {
        for name in ["span", "message", "suggestion", "source"] {
            assert_eq!(r[name], h, "{name} keeps its exact text");
        }
        assert_eq!(r["target"], format!("{h} Rest."));
    }
}

/// Rewrite a workbook with another writer (rust_xlsxwriter, from calamine's cells), setting
/// `status` by row. `as_text`: every cell a string, as a spreadsheet may save a CSV-born
/// sheet; else number cells stay numbers.
fn rewrite_with_status(
    from: &Path,
    to: &Path,
    as_text: bool,
    status: impl Fn(usize) -> &'static str,
) {
    let mut book: Xlsx<_> = calamine::open_workbook(from).expect("open workbook");
    let range = book.worksheet_range("findings").expect("sheet");
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let status_col = rows[0].iter().position(|h| cell(h) == "status").unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    let ws = out.add_worksheet();
    ws.set_name("findings").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r32, c16) = (r as u32, c as u16);
            if r > 0 && c == status_col {
                ws.write_string(r32, c16, status(r - 1)).unwrap();
            } else if let (Data::Float(f), false) = (v, as_text) {
                ws.write_number(r32, c16, *f).unwrap();
            } else if *v != Data::Empty {
                ws.write_string(r32, c16, cell(v)).unwrap();
            }
        }
    }
    out.save(to).unwrap();
}

/// The number of findings a run on the example reports with `--baseline baseline`.
fn findings_left(dir: &Path, baseline: &Path) -> usize {
    let out = dir.join("after.csv");
    check_example(&[
        "--baseline".as_ref(),
        baseline.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    report_rows(&out).len()
}

#[test]
fn an_edited_workbook_works_as_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_workbook(dir.path());
    // Nothing decided yet: nothing suppressed.
    assert_eq!(findings_left(dir.path(), &path), EXAMPLE_FINDINGS);
    let statuses = ["accepted", "false-positive", "fixed", "to-do", "Accepted"];
    let accepted = (0..EXAMPLE_FINDINGS)
        .filter(|i| matches!(i % statuses.len(), 0 | 1 | 4))
        .count();
    for as_text in [false, true] {
        let edited = dir.path().join(format!("edited-{as_text}.xlsx"));
        rewrite_with_status(&path, &edited, as_text, |i| statuses[i % statuses.len()]);
        assert_eq!(
            findings_left(dir.path(), &edited),
            EXAMPLE_FINDINGS - accepted,
            "numbers saved as text: {as_text}"
        );
    }
}

/// In a long pair the target cell is an excerpt (`…` + context + span + context + `…`): the
/// red bold run is still exactly the span.
#[test]
fn the_span_is_marked_inside_an_excerpt() {
    let dir = tempfile::tempdir().unwrap();
    // One sentence of 1,400 chars (a pair's cell is an excerpt above 1,000).
    let source = write(
        dir.path(),
        "en.txt",
        format!(
            "{}and the cat looked out, and then it left.\n",
            "The cat sat on the mat and looked out, ".repeat(30)
        ),
    );
    let target = write(
        dir.path(),
        "de.txt",
        format!(
            "{}und die Katze sah hinaus, , und dann ging sie weg.\n",
            "Die Katze sass auf der Matte und sah hinaus, ".repeat(30)
        ),
    );
    let path = dir.path().join("long.xlsx");
    mtlint()
        .arg("check")
        .arg(&source)
        .arg(&target)
        .arg("-q")
        .arg("-o")
        .arg(&path)
        .assert()
        .code(1);
    let rows = findings(&path);
    let doubled = rows
        .iter()
        .find(|r| r["code"] == "MT005")
        .expect("the doubled comma");
    assert_eq!(doubled["span"], ", ,");
    assert!(doubled["target"].starts_with('…'), "an excerpt");
    assert_eq!(marked_runs(&path), [", ,"]);
    let strings = strings_xml(&path);
    assert!(
        strings.contains("sah hinaus</t></r><r><rPr><b/>"),
        "the run starts right after the text before the span"
    );
}

/// Named as the file to check, the workbook is recognised as mtlint's own report.
#[test]
fn the_workbook_is_not_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_workbook(dir.path());
    mtlint()
        .arg("check")
        .arg(&path)
        .arg("-o")
        .arg(dir.path().join("x.csv"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("a review workbook mtlint wrote"));
}

/// The workbook is refused as an input (it is a report), and a broken one as a baseline
/// is an error naming the file, not a panic.
#[test]
fn a_broken_workbook_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let broken = write(dir.path(), "broken.xlsx", b"PK\x03\x04 not really a zip");
    mtlint()
        .arg("check")
        .arg(root().join("input/article.en.txt"))
        .arg(root().join("input/article.de.txt"))
        .arg("--baseline")
        .arg(&broken)
        .arg("-o")
        .arg(dir.path().join("r.csv"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("broken.xlsx"))
        .stderr(predicates::str::contains("XLSX"));
    assert!(!dir.path().join("r.csv").exists());
}

/// LibreOffice saves the edited workbook again (`soffice --headless --convert-to xlsx`), and
/// it still works as a baseline; it also converts the workbook to PDF (it opens). Skipped
/// with a message when `soffice` is not installed.
#[test]
fn a_workbook_saved_by_libreoffice_works_as_baseline() {
    let Some(soffice) = find_soffice() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = example_workbook(dir.path());
    let edited = dir.path().join("edited.xlsx");
    rewrite_with_status(&path, &edited, false, |i| {
        if i % 2 == 0 { "accepted" } else { "to-do" }
    });
    let profile = dir.path().join("lo-profile");
    let convert = |to: &str, file: &Path, outdir: &Path| {
        let out = std::process::Command::new(soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", to, "--outdir"])
            .arg(outdir)
            .arg(file)
            .output()
            .expect("run soffice");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let resaved_dir = dir.path().join("resaved");
    std::fs::create_dir_all(&resaved_dir).unwrap();
    convert("xlsx", &edited, &resaved_dir);
    let resaved = resaved_dir.join("edited.xlsx");
    assert!(resaved.is_file(), "LibreOffice wrote no workbook");
    assert_ne!(
        std::fs::read(&resaved).unwrap(),
        std::fs::read(&edited).unwrap()
    );
    let accepted = EXAMPLE_FINDINGS.div_ceil(2);
    assert_eq!(
        findings_left(dir.path(), &resaved),
        EXAMPLE_FINDINGS - accepted
    );
    // mtlint's own workbook, saved by LibreOffice with its rich text and number cells.
    convert("xlsx", &path, &resaved_dir);
    assert_eq!(
        findings_left(dir.path(), &resaved_dir.join("review.xlsx")),
        EXAMPLE_FINDINGS
    );
    convert("pdf", &path, dir.path());
    let pdf = std::fs::read(dir.path().join("review.pdf")).expect("a PDF");
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn csv_reports_start_with_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    for (name, excel, header) in [
        ("plain.csv", false, "doc,unit,pair,"),
        ("excel.csv", true, "doc;unit;pair;"),
    ] {
        let out = dir.path().join(name);
        let mut args: Vec<&std::ffi::OsStr> = vec!["-o".as_ref(), out.as_os_str()];
        if excel {
            args.push("--excel".as_ref());
        }
        check_example(&args);
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{name}: no BOM");
        assert!(bytes[3..].starts_with(header.as_bytes()), "{name}");
        assert_eq!(
            bytes.windows(3).filter(|w| w == b"\xEF\xBB\xBF").count(),
            1,
            "{name}: one BOM, at the start"
        );
    }
    // The test helpers (csv crate) read it with the BOM stripped.
    let rows = report_rows(&dir.path().join("plain.csv"));
    assert_eq!(rows.len(), EXAMPLE_FINDINGS);
    assert!(rows[0].contains_key("doc"));
}

#[test]
fn a_csv_report_with_a_bom_works_as_baseline_and_is_recognised_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("review.csv");
    check_example(&["-o".as_ref(), csv.as_os_str()]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{feff}'));
    // Accept every finding by setting status (the last column) on every row.
    let edited: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{l}\n")
            } else {
                format!("{l}accepted\n")
            }
        })
        .collect();
    // Pairs with line breaks in a quoted cell would need a real CSV editor: not on the example.
    assert_eq!(edited.lines().count(), EXAMPLE_FINDINGS + 1);
    let baseline = write(dir.path(), "decided.csv", &edited);
    assert_eq!(findings_left(dir.path(), &baseline), 0);
    // Named as an input, the report with a BOM is still recognised as mtlint's own.
    mtlint()
        .arg("check")
        .arg(&baseline)
        .arg("-o")
        .arg(dir.path().join("x.csv"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("a report mtlint wrote"));
}

#[test]
fn messages_are_not_written_with_a_doubled_quote() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("review.csv");
    check_example(&["-o".as_ref(), csv.as_os_str()]);
    // As written (the cells a spreadsheet shows), not restored.
    let cells = common::cells(&csv);
    let message = cells[0].iter().position(|h| h == "message").unwrap();
    let doubled: Vec<&String> = cells[1..]
        .iter()
        .map(|r| &r[message])
        .filter(|m| m.starts_with("''"))
        .collect();
    assert!(doubled.is_empty(), "{doubled:?}");
    // No message starts with a quote at all (issue 14 item 2); the quoted word keeps its
    // one apostrophe.
    assert!(cells[1..].iter().all(|r| !r[message].starts_with('\'')));
    assert!(
        cells[1..]
            .iter()
            .any(|r| r[message].starts_with("Capitalised in mid-sentence: 'Noch';"))
    );
}

/// LibreOffice (`soffice`), or `None` with a message saying the test is skipped.
fn find_soffice() -> Option<&'static str> {
    let found = ["soffice", "libreoffice"].into_iter().find(|s| {
        std::process::Command::new(s)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        eprintln!(
            "skipped: LibreOffice (soffice) is not installed; install libreoffice-calc-nogui to run this test"
        );
    }
    found
}

/// The texts of the text spans of a flat ODS document (`--convert-to fods`) whose style is
/// bold and red (#c00000): what LibreOffice read as the workbook's marked runs.
fn red_bold_spans(fods: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(fods);
    let attr = |e: &quick_xml::events::BytesStart, name: &str| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .map(|a| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap()
                    .into_owned()
            })
    };
    let mut red_bold = std::collections::HashSet::new();
    let mut style: Option<String> = None;
    // The open spans: (red and bold, text so far).
    let mut open: Vec<(bool, String)> = Vec::new();
    let mut spans = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == "style:style" => {
                style = attr(&e, "style:name");
            }
            Event::Empty(e) | Event::Start(e) if e.name().as_ref() == "style:text-properties" => {
                let red = attr(&e, "fo:color").is_some_and(|c| c.eq_ignore_ascii_case("#c00000"));
                let bold = attr(&e, "fo:font-weight").as_deref() == Some("bold");
                if red
                    && bold
                    && let Some(s) = &style
                {
                    red_bold.insert(s.clone());
                }
            }
            Event::Start(e) if e.name().as_ref() == "text:span" => {
                let marked = attr(&e, "text:style-name").is_some_and(|s| red_bold.contains(&s));
                open.push((marked, String::new()));
            }
            Event::Empty(e) if e.name().as_ref() == "text:s" => {
                let n: usize = attr(&e, "text:c").map_or(1, |c| c.parse().unwrap());
                if let Some((_, t)) = open.last_mut() {
                    t.push_str(&" ".repeat(n));
                }
            }
            Event::Text(t) => {
                if let Some((_, s)) = open.last_mut() {
                    s.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, s)) = open.last_mut() {
                    match r.resolve_char_ref().unwrap() {
                        Some(c) => s.push(c),
                        None => s.push_str(
                            quick_xml::escape::resolve_predefined_entity(&r)
                                .expect("an XML entity"),
                        ),
                    }
                }
            }
            Event::End(e) if e.name().as_ref() == "text:span" => {
                if let Some((true, text)) = open.pop() {
                    spans.push(text);
                }
            }
            _ => {}
        }
    }
    spans
}

/// Issue 14's screenshot lost the red/bold span: LibreOffice reads the workbook's inline rich
/// text (every finding's span is a bold red span of its cell when LibreOffice converts the
/// workbook to ODS), but its HTML export writes a cell's text without its spans. So
/// `scripts/screenshots.sh` renders LibreOffice's flat ODS (`scripts/sheet-html.py`), which
/// keeps them. Skipped with a message when `soffice` is not installed.
#[test]
fn libreoffice_reads_the_span_as_red_and_bold() {
    let Some(soffice) = find_soffice() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = example_workbook(dir.path());
    let out = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "fods", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .output()
        .expect("run soffice");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fods = std::fs::read_to_string(dir.path().join("review.fods")).expect("LibreOffice's ODS");
    let spans = red_bold_spans(&fods);
    let want: Vec<String> = findings(&path).iter().map(|r| r["span"].clone()).collect();
    assert_eq!(
        spans, want,
        "LibreOffice's red bold spans are the findings' spans"
    );

    // The screenshot's page keeps them (when Python is there to make it).
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/sheet-html.py");
    let html = dir.path().join("sheet.html");
    match std::process::Command::new("python3")
        .arg(&script)
        .arg(dir.path().join("review.fods"))
        .arg(&html)
        .arg("100")
        .output()
    {
        Ok(o) => {
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            let page = std::fs::read_to_string(&html).unwrap();
            let marked = page
                .matches("<span style=\"color:#c00000;font-weight:bold\">")
                .count();
            assert_eq!(
                marked,
                want.len(),
                "one marked span per finding in the page"
            );
        }
        Err(e) => eprintln!("skipped the page check: python3 is not runnable ({e})"),
    }
}
