//! Parallelism never changes the report: one large document (many paragraphs, more pairs
//! than a check chunk) gives byte-identical reports at 1, 2 and 4 threads, as plain text
//! aligned paragraph by paragraph, as plain text aligned as a whole, and as TMX.

mod common;

use std::path::Path;

use common::mtlint;

/// Sentence pairs with damage of several kinds (doubled period, glued words, stray period,
/// an omitted sentence, numbers), varied by index so that no two paragraphs are equal.
fn pairs(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| match i % 6 {
            0 => (
                format!("The printing press weakened the Church in {}.", 1500 + i),
                format!(
                    "Die Druckerpresse schwächte die Kirche im Jahr {}. .",
                    1500 + i
                ),
            ),
            1 => (
                format!("William Rees-Mogg wrote {} pages about the state.", i),
                format!(
                    "William Rees-Mogg schrieb {} Seiten über denIndividuumStaat.",
                    i + 1
                ),
            ),
            2 => (
                "Power was disrupted by new technology.".to_string(),
                "Die Macht kam. durch neue Technologien.".to_string(),
            ),
            3 => (
                "It lost its monopoly on the biblical story.".to_string(),
                "Sie verlor ihr Monopol auf die biblische Geschichte.".to_string(),
            ),
            4 => (
                format!("A compromise would make collusion unlikely in {i} cases."),
                format!("Ein Kompromiss würde Absprachen in {i} Fällen unwahrscheinlich machen."),
            ),
            _ => (
                "This sentence is not translated at all.".to_string(),
                "This sentence is not translated at all.".to_string(),
            ),
        })
        .collect()
}

fn run(args: &[&Path], jobs: &str, out: &Path) -> Vec<u8> {
    mtlint()
        .arg("check")
        .args(args)
        .args(["--fail-on", "never", "-q", "-j", jobs, "-o"])
        .arg(out)
        .assert()
        .code(0);
    std::fs::read(out).unwrap()
}

fn same_at_any_thread_count(args: &[&Path], dir: &Path) {
    let one = run(args, "1", &dir.join("r1.csv"));
    let rows = one.iter().filter(|&&b| b == b'\n').count();
    assert!(rows > 200, "too few findings to show anything: {rows}");
    for jobs in ["2", "4"] {
        let other = run(args, jobs, &dir.join(format!("r{jobs}.csv")));
        assert!(
            one == other,
            "report at {jobs} threads differs from 1 thread"
        );
    }
}

#[test]
fn reports_are_identical_at_1_2_and_4_threads() {
    let dir = tempfile::tempdir().unwrap();
    let ps = pairs(600);
    // Paragraphs of 1–4 pairs; the second target drops one paragraph break, so it has to be
    // aligned as a whole.
    let (mut en, mut de) = (String::new(), String::new());
    let mut tmx = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header srclang=\"en\" segtype=\"sentence\" datatype=\"plaintext\" o-tmf=\"x\" adminlang=\"en\" creationtool=\"t\" creationtoolversion=\"1\"/><body>\n",
    );
    let mut k = 0;
    let mut para = 0;
    while k < ps.len() {
        let len = 1 + para % 4;
        let chunk = &ps[k..(k + len).min(ps.len())];
        en.push_str(
            &chunk
                .iter()
                .map(|p| p.0.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        de.push_str(
            &chunk
                .iter()
                .map(|p| p.1.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        en.push_str("\n\n");
        de.push_str("\n\n");
        for (s, t) in chunk {
            tmx.push_str(&format!(
                "<tu><tuv xml:lang=\"en\"><seg>{s}</seg></tuv><tuv xml:lang=\"de\"><seg>{t}</seg></tuv></tu>\n"
            ));
        }
        k += len;
        para += 1;
    }
    tmx.push_str("</body></tmx>\n");
    let (en_path, de_path, tmx_path) = (
        dir.path().join("doc.en.txt"),
        dir.path().join("doc.de.txt"),
        dir.path().join("memory.tmx"),
    );
    std::fs::write(&en_path, &en).unwrap();
    std::fs::write(&de_path, &de).unwrap();
    std::fs::write(&tmx_path, &tmx).unwrap();
    same_at_any_thread_count(&[&en_path, &de_path], dir.path());
    same_at_any_thread_count(&[&tmx_path], dir.path());

    let joined = dir.path().join("joined.de.txt");
    std::fs::write(&joined, de.replacen("\n\n", " ", 7)).unwrap();
    same_at_any_thread_count(&[&en_path, &joined], dir.path());
}
