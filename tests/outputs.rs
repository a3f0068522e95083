//! Output formats, baselines and configuration of `mtlint check`, run through the binary.

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

mod common;

const SOURCE: &str = "The government resigned today. The crisis is over.\n\n\
He said \"stop\" to the <b>crowd</b>.\n\nAll is well.\n";
const TARGET: &str = "Das Kabinett trat heute,, zurück. Die Krise ist vorbei.\n\n\
Er sagte „stopp“ zur <script>document.body.setAttribute('data-pwned','1')</script> Menge..\n\n\
Alles ist gut.\n";

/// A folder with en.txt, de.txt, a glossary and a configuration that runs only MT005 and
/// MT019 (so checks added later do not change these tests) and makes MT005 a warning (so the
/// run has errors and warnings).
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("en.txt"), SOURCE).unwrap();
    std::fs::write(dir.path().join("de.txt"), TARGET).unwrap();
    std::fs::write(
        dir.path().join("terms.csv"),
        "en,de\ngovernment,Regierung\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "select = [\"MT005\", \"terminology\"]\nglossary = \"terms.csv\"\n\n[severity]\ndoubled-punctuation = \"warning\"\n",
    )
    .unwrap();
    dir
}

fn mtlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mtlint").unwrap();
    cmd.current_dir(dir);
    cmd
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Out {
    let out = mtlint(dir).args(args).output().unwrap();
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn read_csv(path: &Path) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers = r.headers().unwrap().clone();
    let rows = r.records().map(|x| x.unwrap()).collect();
    (headers, rows)
}

fn col(headers: &csv::StringRecord, name: &str) -> usize {
    headers.iter().position(|h| h == name).unwrap()
}

#[test]
fn default_invocation_still_writes_the_csv_report() {
    let dir = fixture();
    std::fs::remove_file(dir.path().join("mtlint.toml")).unwrap();
    let out = run(dir.path(), &["check", "en.txt", "de.txt"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let summary = regex::Regex::new(
        r"^mtlint: 1 document, \d+ sentence pairs, \d+ errors?, \d+ warnings?, \d+ info; report written to reports/de.csv\n$",
    )
    .unwrap();
    assert!(summary.is_match(&out.stderr), "{}", out.stderr);
    assert!(out.stdout.is_empty());
    let (headers, rows) = read_csv(&dir.path().join("reports/de.csv"));
    assert_eq!(headers.len(), 22);
    let codes: Vec<&str> = rows.iter().map(|r| &r[col(&headers, "code")]).collect();
    assert_eq!(codes.iter().filter(|c| **c == "MT005").count(), 2);
    assert!(
        !codes.contains(&"MT019"),
        "no glossary, no terminology check"
    );
}

#[test]
fn every_format_by_extension_and_github_on_stdout() {
    let dir = fixture();
    let out = run(
        dir.path(),
        &[
            "check",
            "en.txt",
            "de.txt",
            "-o",
            "r.csv",
            "-o",
            "r.html",
            "-o",
            "r.jsonl",
            "-o",
            "r.sarif.json",
            "--format",
            "github",
            "--summary",
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("reports written to r.csv, r.html, r.jsonl, r.sarif.json"),
        "{}",
        out.stderr
    );
    // --summary: per-check table on stderr.
    let table: Vec<Vec<&str>> = out
        .stderr
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert!(table.contains(&vec!["check", "error", "warning", "info", "total"]));
    assert!(table.contains(&vec!["MT005", "doubled-punctuation", "0", "2", "0", "2"]));
    assert!(table.contains(&vec!["MT019", "terminology", "1", "0", "0", "1"]));
    assert!(table.contains(&vec!["total", "1", "2", "0", "3"]));

    let (headers, rows) = read_csv(&dir.path().join("r.csv"));
    let (line, column, code) = (
        col(&headers, "target_line"),
        col(&headers, "target_column"),
        col(&headers, "code"),
    );
    let positions: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r[code].to_string(),
                r[line].to_string(),
                r[column].to_string(),
            )
        })
        .collect();
    assert_eq!(
        positions,
        [
            ("MT019".to_string(), "1".to_string(), "1".to_string()),
            ("MT005".into(), "1".into(), "24".into()),
            ("MT005".into(), "3".into(), "89".into()),
        ]
    );

    // github: one workflow command per finding, same positions.
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=de.txt,line=1,col=1,title=MT019 terminology in unit paragraph 1::glossary: 'government' must be translated as 'Regierung', which is missing from the target [government] (suggestion: Regierung)",
            "::warning file=de.txt,line=1,col=24,endColumn=26,title=MT005 doubled-punctuation in unit paragraph 1::Doubled punctuation: ',' appears twice in a row; remove the second one [,,] (suggestion: ,)",
            "::warning file=de.txt,line=3,col=89,endColumn=91,title=MT005 doubled-punctuation in unit paragraph 2::Doubled punctuation: '.' appears twice in a row; remove the second one [..] (suggestion: .)",
        ]
    );

    // jsonl: one object per finding.
    let jsonl = std::fs::read_to_string(dir.path().join("r.jsonl")).unwrap();
    let objs: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objs.len(), 3);
    assert_eq!(objs[2]["target_line"], 3);
    assert_eq!(objs[2]["severity"], "warning");

    // SARIF: the structure code-scanning UIs need, positions as in the CSV.
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("r.sarif.json")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        sarif["$schema"]
            .as_str()
            .unwrap()
            .ends_with("sarif-2.1.0.json")
    );
    let run0 = &sarif["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"MT005") && ids.contains(&"MT019"), "{ids:?}");
    let mt005 = rules.iter().find(|r| r["id"] == "MT005").unwrap();
    assert_eq!(mt005["defaultConfiguration"]["level"], "warning");
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    for (res, (code, line, column)) in results.iter().zip(&positions) {
        assert_eq!(res["ruleId"], code.as_str());
        assert_eq!(
            ids[res["ruleIndex"].as_u64().unwrap() as usize],
            code.as_str()
        );
        assert!(!res["message"]["text"].as_str().unwrap().is_empty());
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "de.txt");
        assert_eq!(loc["region"]["startLine"].to_string(), *line);
        assert_eq!(loc["region"]["startColumn"].to_string(), *column);
        assert!(loc["region"]["endColumn"].as_u64() >= loc["region"]["startColumn"].as_u64());
    }
    assert_eq!(results[0]["level"], "error");
    assert_eq!(results[1]["level"], "warning");
    assert_eq!(
        results[1]["locations"][0]["physicalLocation"]["region"]["endColumn"],
        26
    );
}

#[test]
fn excel_csv_has_bom_and_semicolons() {
    let dir = fixture();
    let out = run(
        dir.path(),
        &["check", "en.txt", "de.txt", "-o", "x.csv", "--excel", "-q"],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.is_empty());
    let bytes = std::fs::read(dir.path().join("x.csv")).unwrap();
    assert!(bytes.starts_with("\u{FEFF}doc;unit;pair;source_sentences;".as_bytes()));
}

/// Set `status` of the rows matching `pick` in a CSV report (as an editor would).
fn set_status(
    path: &Path,
    pick: impl Fn(&csv::StringRecord, &csv::StringRecord) -> bool,
    status: &str,
) {
    let (headers, rows) = read_csv(path);
    let st = col(&headers, "status");
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(&headers).unwrap();
    for r in rows {
        let mut cells: Vec<String> = r.iter().map(str::to_string).collect();
        if pick(&headers, &r) {
            cells[st] = status.to_string();
        }
        w.write_record(&cells).unwrap();
    }
    w.flush().unwrap();
}

#[test]
fn csv_report_round_trips_as_a_baseline() {
    let dir = fixture();
    let out = run(
        dir.path(),
        &["check", "en.txt", "de.txt", "-o", "review.csv", "-q"],
    );
    assert_eq!(out.code, 1);
    // The editor accepts the terminology finding (the only error).
    set_status(
        &dir.path().join("review.csv"),
        |h, r| &r[col(h, "code")] == "MT019",
        "accepted",
    );
    // Edits elsewhere in the file: a new first paragraph shifts every line.
    let shifted = |p: &str| format!("A new paragraph.\n\n{p}");
    std::fs::write(dir.path().join("en.txt"), shifted(SOURCE)).unwrap();
    std::fs::write(
        dir.path().join("de.txt"),
        shifted(&TARGET.replace("zur <script>", "zu der <script>")),
    )
    .unwrap();
    let out = run(
        dir.path(),
        &[
            "check",
            "en.txt",
            "de.txt",
            "--baseline",
            "review.csv",
            "-o",
            "next.csv",
        ],
    );
    assert_eq!(out.code, 0, "only warnings are left: {}", out.stderr);
    assert!(
        out.stderr
            .contains("0 errors, 2 warnings, 0 info, 1 suppressed by the baseline"),
        "{}",
        out.stderr
    );
    let (headers, rows) = read_csv(&dir.path().join("next.csv"));
    let codes: Vec<&str> = rows.iter().map(|r| &r[col(&headers, "code")]).collect();
    assert_eq!(codes, ["MT005", "MT005"]);

    // An --excel report with a false positive works too.
    let out = run(
        dir.path(),
        &[
            "check",
            "en.txt",
            "de.txt",
            "-o",
            "xl.csv",
            "--excel",
            "-q",
            "--fail-on",
            "warning",
        ],
    );
    assert_eq!(out.code, 1);
    let text = std::fs::read_to_string(dir.path().join("xl.csv")).unwrap();
    let edited: String = text
        .lines()
        .map(|l| {
            if l.contains("Menge⟦..⟧") {
                format!("{l}false-positive\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(dir.path().join("xl.csv"), edited).unwrap();
    let out = run(
        dir.path(),
        &[
            "check",
            "en.txt",
            "de.txt",
            "--baseline",
            "xl.csv",
            "--baseline",
            "review.csv",
            "-o",
            "final.csv",
            "--fail-on",
            "warning",
        ],
    );
    assert!(
        out.stderr.contains("2 suppressed by the baseline"),
        "{}",
        out.stderr
    );
    assert_eq!(out.code, 1, "one warning is left");
}

#[test]
fn written_baseline_suppresses_everything_and_survives_edits() {
    let dir = fixture();
    let out = run(
        dir.path(),
        &[
            "check",
            "en.txt",
            "de.txt",
            "--write-baseline",
            "base.json",
            "-o",
            "a.csv",
        ],
    );
    assert_eq!(out.code, 0, "writing a baseline accepts the findings");
    assert!(
        out.stderr.contains("baseline written to base.json"),
        "{}",
        out.stderr
    );
    let base: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("base.json")).unwrap()).unwrap();
    assert_eq!(
        base["mtlint_baseline"], 3,
        "version 3: paths relative to the root, the unit in the fingerprint"
    );
    assert_eq!(base["findings"].as_array().unwrap().len(), 3);

    std::fs::write(
        dir.path().join("en.txt"),
        format!("New.\n\n{SOURCE}\nOne more.\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("de.txt"),
        format!("Neu..\n\n{TARGET}\nNoch einer.\n"),
    )
    .unwrap();
    let out = run(
        dir.path(),
        &[
            "check",
            "en.txt",
            "de.txt",
            "--baseline",
            "base.json",
            "-o",
            "b.csv",
            "--fail-on",
            "warning",
        ],
    );
    assert!(
        out.stderr.contains("3 suppressed by the baseline"),
        "{}",
        out.stderr
    );
    let (headers, rows) = read_csv(&dir.path().join("b.csv"));
    let spans: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (&r[col(&headers, "code")], &r[col(&headers, "target")]))
        .collect();
    assert_eq!(
        spans,
        [("MT005", "Neu..")],
        "only the new finding is reported"
    );
    assert_eq!(out.code, 1);
}

#[test]
fn config_errors_exit_2_naming_file_and_line() {
    let dir = fixture();
    for (toml, expected) in [
        (
            "select = [\"MT005\"]\nfail = true\n",
            "mtlint.toml: line 2: unknown field `fail`",
        ),
        (
            "ignore = [\"MT005\", \"MT999\"]\n",
            "mtlint.toml: line 1: unknown check 'MT999'",
        ),
        (
            "\n[severity]\nMT005 = \"fatal\"\n",
            "mtlint.toml: line 3: unknown severity 'fatal'",
        ),
        (
            "[thresholds]\nlength-ratio = 3\n",
            "mtlint.toml: line 2: unknown threshold 'length-ratio'",
        ),
        ("glossary = \"nope.csv\"\n", "mtlint.toml: line 1: glossary"),
    ] {
        std::fs::write(dir.path().join("mtlint.toml"), toml).unwrap();
        let out = run(dir.path(), &["check", "en.txt", "de.txt", "-o", "c.csv"]);
        assert_eq!(out.code, 2, "{toml}");
        assert!(out.stderr.contains(expected), "{toml}: {}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        assert!(!dir.path().join("c.csv").exists());
    }
    // --config names another file; select/ignore take effect (select keeps checks added
    // later, such as MT010 on the <script> tag, out of this test).
    std::fs::write(
        dir.path().join("other.toml"),
        "select = [\"MT005\", \"MT007\", \"MT008\"]\nignore = [\"MT005\"]\n",
    )
    .unwrap();
    let out = run(
        dir.path(),
        &[
            "check",
            "en.txt",
            "de.txt",
            "--config",
            "other.toml",
            "-o",
            "c.csv",
            "--format",
            "github",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    let out = run(
        dir.path(),
        &[
            "check",
            "en.txt",
            "de.txt",
            "--config",
            "missing.toml",
            "-o",
            "c.csv",
        ],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("missing.toml"), "{}", out.stderr);
}

#[test]
fn unknown_output_extension_means_format_or_csv() {
    let dir = fixture();
    let out = run(
        dir.path(),
        &["check", "en.txt", "de.txt", "-o", "report.txt", "-q"],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let text = std::fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert!(text.starts_with("\u{feff}doc,unit,pair,"), "{text}");
    let out = run(
        dir.path(),
        &[
            "check",
            "en.txt",
            "de.txt",
            "-o",
            "report.txt",
            "--format",
            "jsonl",
            "-q",
        ],
    );
    assert_eq!(out.code, 1);
    let text = std::fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert!(text.starts_with("{\"doc\":\"de.txt\""), "{text}");
    // `-o -`: standard output.
    let out = run(
        dir.path(),
        &[
            "check", "en.txt", "de.txt", "-o", "-", "--format", "jsonl", "-q",
        ],
    );
    assert_eq!(out.stdout.lines().count(), 3, "{}", out.stdout);
    assert!(!dir.path().join("reports").exists());
}

#[test]
fn rules_and_explain_know_terminology() {
    let dir = fixture();
    let out = run(dir.path(), &["rules"]);
    assert!(out.stdout.contains("MT019  terminology"), "{}", out.stdout);
    let out = run(dir.path(), &["explain", "terminology"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("glossary"));
}

// --- HTML in a real browser -------------------------------------------------------------

/// The DOM of `url` after its scripts ran, from headless Chromium (killed after 90 s).
fn dump_dom(chromium: &Path, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    common::chromium_dump_dom(chromium, profile.path(), &[], url)
}

/// (data-severity, data-code, hidden) of every finding `<li>` in a dumped DOM.
fn finding_items(dom: &str) -> Vec<(String, String, bool)> {
    let re = regex::Regex::new(r#"<li class="finding"([^>]*)>"#).unwrap();
    let attr = |tag: &str, name: &str| {
        regex::Regex::new(&format!(r#"{name}="([^"]*)""#))
            .unwrap()
            .captures(tag)
            .map(|c| c[1].to_string())
            .unwrap_or_default()
    };
    re.captures_iter(dom)
        .map(|c| {
            let tag = &c[1];
            (
                attr(tag, "data-severity"),
                attr(tag, "data-code"),
                tag.contains(" hidden"),
            )
        })
        .collect()
}

#[test]
fn html_report_works_in_headless_chromium() {
    let Some(chromium) = common::find_chromium() else {
        eprintln!(
            "SKIPPED html_report_works_in_headless_chromium: chromium not installed \
             (apt-get install -y chromium)"
        );
        return;
    };
    let dir = fixture();
    let out = run(
        dir.path(),
        &[
            "check",
            "en.txt",
            "de.txt",
            "-o",
            "report.html",
            "--all-pairs",
            "-q",
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let page = dir.path().join("report.html").canonicalize().unwrap();
    let url = format!("file://{}", page.display());

    // No filter: the script ran, every finding is shown, the injected script did not run.
    let dom = dump_dom(&chromium, &url);
    assert!(
        dom.contains("<body data-ready=\"1\">"),
        "scripts did not run:\n{dom}"
    );
    assert!(
        !dom.contains("data-pwned=\"1\""),
        "the target's <script> was executed"
    );
    assert!(dom.contains("&lt;script&gt;document.body.setAttribute"));
    let items = finding_items(&dom);
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items.iter().all(|(_, _, hidden)| !hidden));
    assert!(dom.contains("<b id=\"shown\">3</b>"));
    assert!(dom.contains("<b id=\"n-error\">1</b>") && dom.contains("<b id=\"n-warning\">2</b>"));
    // The spans are highlighted with their message as the title.
    assert!(dom.contains(
        "title=\"MT005 doubled-punctuation: Doubled punctuation: ',' appears twice in a row; remove the second one\">,,</mark>"
    ));
    let pairs = regex::Regex::new(r#"<b id="n-pairs">(\d+)</b>"#)
        .unwrap()
        .captures(&dom)
        .map(|c| c[1].parse::<usize>().unwrap())
        .unwrap();
    assert_eq!(
        dom.matches("<tr class=\"pair").count(),
        pairs,
        "--all-pairs: every pair"
    );

    // #severity=error: only the error is shown, the warnings' rows and marks are hidden.
    let dom = dump_dom(&chromium, &format!("{url}#severity=error"));
    let items = finding_items(&dom);
    let visible: Vec<&(String, String, bool)> = items.iter().filter(|i| !i.2).collect();
    assert_eq!(visible.len(), 1, "{items:?}");
    assert_eq!(visible[0].0, "error");
    assert!(items.iter().filter(|i| i.2).all(|i| i.0 == "warning"));
    assert!(dom.contains("<b id=\"shown\">1</b>"));
    // The pair with only warnings is hidden as a whole.
    let hidden_pairs = regex::Regex::new(r#"<tr class="pair[^"]*" id="[^"]*" hidden="">"#)
        .unwrap()
        .find_iter(&dom)
        .count();
    assert_eq!(
        hidden_pairs, 1,
        "the pair with warnings only is hidden:\n{dom}"
    );

    // #check=MT005&clean=0: only the doubled punctuation, no clean pairs.
    let dom = dump_dom(&chromium, &format!("{url}#check=MT005&clean=0"));
    let items = finding_items(&dom);
    assert!(
        items
            .iter()
            .all(|(_, code, hidden)| *hidden == (code != "MT005")),
        "{items:?}"
    );
    assert!(dom.contains("<b id=\"shown\">2</b>"));
}
