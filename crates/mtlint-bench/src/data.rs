//! Loading the benchmark data under `../shared/data` (see its README): the WMT22 MQM
//! development set (English–German MT with human error spans) and the WMT21 critical-error
//! set. Both ship the German in a tokenised or CSV-mangled form; the loaders restore the
//! plain text a user would have, so that the checks see real MT, not tokeniser debris.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use mtlint::{MtError, Result};

/// Relative paths (in the shared data folder) of the files the benchmarks read.
pub const MQM_DIR: &str = "mqm/wmt22_dev_ende";
pub const MQM_SRC: &str = "mqm/wmt22_dev_ende/mqm_dev2022_ende.src";
pub const MQM_MT: &str = "mqm/wmt22_dev_ende/mqm_dev2022_ende.mt";
pub const MQM_SPANS: &str = "mqm/wmt22_dev_ende/2022_en-de_dev_processed.spans.tsv";
pub const CED_TSV: &str = "ced/wmt21_dev_ende/ende_majority_dev.tsv";
/// The WMT22 critical-error development set: `dev.src`, `dev.mt`, `dev.label` in this folder.
pub const CED22_DIR: &str = "ced/wmt22_dev_ende";
/// The OPUS Books English–German development books (one sentence per line, gold alignments).
pub const OPUS_BOOKS_DIR: &str = "align/opusbooks_en_de_dev";
/// The books of [`OPUS_BOOKS_DIR`]: `NAME.en`, `NAME.de`, `NAME.en-de.gold`.
pub const OPUS_BOOKS: [&str; 3] = ["alice", "kafka_verwandlung", "poe_usher"];

/// One MQM segment: English source, German MT and the human error spans on the MT.
#[derive(Debug, Clone)]
pub struct MqmSegment {
    pub doc_id: String,
    pub source: String,
    pub target: String,
    /// Char spans into `target` marked by any annotator (end exclusive; may be empty = a
    /// point, e.g. where something was omitted).
    pub spans: Vec<Range<usize>>,
    /// No annotator marked any error in this segment.
    pub clean: bool,
}

/// One WMT21 critical-error pair.
#[derive(Debug, Clone)]
pub struct CedPair {
    pub source: String,
    pub target: String,
    /// Majority label ERR.
    pub critical: bool,
}

/// One WMT22 critical-error pair (a professional translation; `bad` = one part altered).
#[derive(Debug, Clone)]
pub struct Ced22Pair {
    /// 1-based line number in the data files.
    pub line: usize,
    pub source: String,
    pub target: String,
    pub bad: bool,
}

#[cfg(test)]
impl Ced22Pair {
    /// A two-sentence test pair: the English "It is here. It ends there." and `target`.
    pub(crate) fn sample(line: usize, target: &str, bad: bool) -> Ced22Pair {
        Ced22Pair {
            line,
            source: "It is here. It ends there.".into(),
            target: target.into(),
            bad,
        }
    }
}

/// One 1-1 sentence pair of a human literary translation (OPUS Books).
#[derive(Debug, Clone)]
pub struct BookPair {
    pub book: &'static str,
    pub source: String,
    pub target: String,
}

fn read(dir: &Path, rel: &str) -> Result<String> {
    let path: PathBuf = dir.join(rel);
    if !path.is_file() {
        return Err(MtError::Usage(format!(
            "benchmark data file {} not found; pass --data DIR pointing at the shared data \
             folder (default ../shared/data; `align --mqm` wants its {MQM_DIR} folder)",
            path.display()
        )));
    }
    mtlint::formats::read_text(&path)
}

fn lines(text: &str) -> Vec<&str> {
    let mut v: Vec<&str> = text.split('\n').collect();
    if v.last().is_some_and(|l| l.is_empty()) {
        v.pop();
    }
    v
}

/// Undo CSV quoting of a field: `"a ""b"" c"` → `a "b" c`. Fields not wrapped in quotes
/// are returned as they are.
pub fn csv_unquote(s: &str) -> String {
    if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
        s[1..s.len() - 1].replace("\"\"", "\"")
    } else {
        s.to_string()
    }
}

/// Decode the HTML entities of Moses-tokenised text.
pub fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#91;", "[")
        .replace("&#93;", "]")
        .replace("&#124;", "|")
        .replace("&amp;", "&")
}

/// The MQM spans file lost straight double quotes of some targets in a CSV round trip
/// (`"Dafür …", sagte er` became `Dafür …, sagte er`), while the annotators' offsets count
/// them. `tokenised` (the `.mt` line) still has them: put back every `"` that the tokenised
/// line has where the text lacks one. Returns `text` unchanged when the two disagree in
/// anything but spaces and double quotes.
pub fn restore_quotes(text: &str, tokenised: &str) -> String {
    let tok = unescape(tokenised.trim_end().trim_end_matches("<EOS>").trim_end());
    if text.matches('"').count() >= tok.matches('"').count() {
        return text.to_string();
    }
    let t: Vec<char> = text.chars().collect();
    let m: Vec<char> = tok.chars().collect();
    let (mut i, mut j) = (0, 0);
    let mut out = String::with_capacity(text.len() + 4);
    while i < t.len() && j < m.len() {
        if t[i] == m[j] {
            out.push(t[i]);
            i += 1;
            j += 1;
        } else if m[j] == ' ' {
            j += 1;
        } else if t[i] == ' ' {
            out.push(' ');
            i += 1;
        } else if m[j] == '"' {
            out.push('"');
            j += 1;
        } else {
            return text.to_string();
        }
    }
    out.extend(m[j..].iter().filter(|&&c| c == '"'));
    out.extend(&t[i..]);
    out
}

/// Detokenise Moses-tokenised German MT (the WMT21 critical-error set): no space before
/// closing punctuation, none inside brackets, straight quotes attached to their content,
/// English clitics ("Bruno ' s") joined. Hyphens with spaces are left alone (a dash and a
/// split compound look the same).
///
/// `source` is the English the MT came from: a token triple "A . B" ("xe . com", "40 , 6",
/// "Lina . lasse") is joined when the source writes it without spaces ("xe.com", "40.6").
/// "E - Mail", "Talk - Seite" (a single letter, or a capital after the hyphen) are joined.
pub fn detokenize(s: &str, source: &str) -> String {
    let s = unescape(s);
    let mut merged: Vec<String> = s
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    let is_num = |x: &str| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit());
    let word = |x: &str| !x.is_empty() && x.chars().all(char::is_alphanumeric);
    let mut i = 0;
    while i + 2 < merged.len() {
        let (a, sep, b) = (&merged[i], merged[i + 1].as_str(), &merged[i + 2]);
        let alnum = |x: &str| x.chars().any(char::is_alphanumeric);
        let join = match sep {
            "." | "," | ":" | "/" | "@" if alnum(a) && alnum(b) => {
                source.contains(&format!("{a}{sep}{b}"))
                    || (is_num(a)
                        && is_num(b)
                        && matches!(sep, "." | ",")
                        && (source.contains(&format!("{a}.{b}"))
                            || source.contains(&format!("{a},{b}"))))
            }
            "-" => {
                word(a) && word(b) && (a.chars().count() == 1 || b.starts_with(char::is_uppercase))
            }
            _ => false,
        };
        if join {
            let joined = format!("{a}{sep}{b}");
            merged.splice(i..i + 3, [joined]);
        } else {
            i += 1;
        }
    }
    let tokens: Vec<&str> = merged.iter().map(String::as_str).collect();
    let mut out = String::with_capacity(s.len());
    let mut glue_next = true;
    let mut open_double = false;
    let mut open_single = false;
    for (k, tok) in tokens.iter().enumerate() {
        let prev_alnum = out.chars().last().is_some_and(char::is_alphanumeric);
        let next = tokens.get(k + 1).copied().unwrap_or("");
        let mut glue_prev = false;
        let mut glue_after = false;
        match *tok {
            "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "…" | "“" | "»" => {
                glue_prev = true
            }
            "(" | "[" | "{" | "„" | "«" => glue_after = true,
            "\"" => {
                if open_double {
                    glue_prev = true;
                } else {
                    glue_after = true;
                }
                open_double = !open_double;
            }
            "'" => {
                let clitic = matches!(next, "s" | "t" | "re" | "ll" | "ve" | "d" | "m");
                if prev_alnum && clitic {
                    glue_prev = true;
                    glue_after = true;
                } else {
                    if open_single {
                        glue_prev = true;
                    } else {
                        glue_after = true;
                    }
                    open_single = !open_single;
                }
            }
            _ => {}
        }
        if !out.is_empty() && !glue_prev && !glue_next {
            out.push(' ');
        }
        out.push_str(tok);
        glue_next = glue_after;
    }
    out
}

/// Load the MQM set from the shared data folder `data` (its [`MQM_DIR`]); see
/// [`load_mqm_folder`].
pub fn load_mqm(data: &Path) -> Result<Vec<MqmSegment>> {
    load_mqm_folder(&data.join(MQM_DIR))
}

/// Load the MQM set from its own folder: sources from `.src`, targets from the spans file
/// (CSV-unquoted, quotes restored from `.mt`), spans of every annotator, in file order (which
/// is document by document, segments in `seg_id` order). A segment is clean when every
/// annotator of it wrote `no-error`.
pub fn load_mqm_folder(dir: &Path) -> Result<Vec<MqmSegment>> {
    let file = |rel: &str| rel.rsplit('/').next().unwrap_or(rel).to_string();
    let (src_file, mt_file, spans_file) = (file(MQM_SRC), file(MQM_MT), file(MQM_SPANS));
    let src_text = read(dir, &src_file)?;
    let mt_text = read(dir, &mt_file)?;
    let tsv = read(dir, &spans_file)?;
    let src = lines(&src_text);
    let mt = lines(&mt_text);
    let spans_path = dir.join(&spans_file);
    let bad = |line: usize, what: String| MtError::Format {
        path: spans_path.clone(),
        message: format!("line {line}: {what}"),
    };

    // Rows in file order; rows of one segment share (system, doc, seg). Segment k (in order
    // of first appearance) is line k of `.src`/`.mt`.
    let mut order: Vec<(String, String, String)> = Vec::new();
    let mut index: HashMap<(String, String, String), usize> = HashMap::new();
    let mut targets: Vec<String> = Vec::new();
    let mut spans: Vec<Vec<Range<usize>>> = Vec::new();
    let mut clean: Vec<bool> = Vec::new();
    for (n, row) in lines(&tsv).into_iter().enumerate().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 9 {
            return Err(bad(
                n + 1,
                format!("expected 9 columns, found {}", cols.len()),
            ));
        }
        let key = (
            cols[0].to_string(),
            cols[1].to_string(),
            cols[2].to_string(),
        );
        let k = match index.get(&key) {
            Some(&k) => k,
            None => {
                let k = order.len();
                index.insert(key.clone(), k);
                order.push(key);
                let tok = mt.get(k).copied().unwrap_or("");
                targets.push(restore_quotes(&csv_unquote(cols[5]), tok));
                spans.push(Vec::new());
                clean.push(true);
                k
            }
        };
        if cols[8].trim() == "no-error" {
            continue;
        }
        clean[k] = false;
        let starts: Vec<&str> = cols[6].split_whitespace().collect();
        let ends: Vec<&str> = cols[7].split_whitespace().collect();
        if starts.len() != ends.len() {
            return Err(bad(n + 1, "start_ids and end_ids differ in number".into()));
        }
        for (a, b) in starts.iter().zip(&ends) {
            let (Ok(a), Ok(b)) = (a.parse::<i64>(), b.parse::<i64>()) else {
                return Err(bad(n + 1, format!("bad span offsets '{a}' '{b}'")));
            };
            if a >= 0 && b >= a {
                spans[k].push(a as usize..b as usize);
            }
        }
    }
    if order.len() != src.len() || order.len() != mt.len() {
        return Err(bad(
            0,
            format!(
                "{} segments in the spans file, {} source lines, {} MT lines",
                order.len(),
                src.len(),
                mt.len()
            ),
        ));
    }
    Ok(order
        .into_iter()
        .enumerate()
        .map(|(k, key)| MqmSegment {
            doc_id: key.1,
            source: src[k].to_string(),
            target: std::mem::take(&mut targets[k]),
            spans: std::mem::take(&mut spans[k]),
            clean: clean[k],
        })
        .collect())
}

/// Load the WMT21 critical-error development set, MT detokenised.
pub fn load_ced(data: &Path) -> Result<Vec<CedPair>> {
    let text = read(data, CED_TSV)?;
    let path = data.join(CED_TSV);
    let mut out = Vec::new();
    for (n, row) in lines(&text).into_iter().enumerate() {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 5 {
            return Err(MtError::Format {
                path: path.clone(),
                message: format!("line {}: expected 5 columns, found {}", n + 1, cols.len()),
            });
        }
        let label = cols[cols.len() - 1].trim();
        out.push(CedPair {
            source: csv_unquote(cols[1]),
            target: detokenize(&csv_unquote(cols[2]), &csv_unquote(cols[1])),
            critical: label == "ERR",
        });
    }
    Ok(out)
}

/// Load the WMT22 critical-error development set (plain text, not tokenised).
pub fn load_ced22(data: &Path) -> Result<Vec<Ced22Pair>> {
    let dir = data.join(CED22_DIR);
    let (src, mt, label) = (
        read(&dir, "dev.src")?,
        read(&dir, "dev.mt")?,
        read(&dir, "dev.label")?,
    );
    let (src, mt, label) = (lines(&src), lines(&mt), lines(&label));
    if src.len() != mt.len() || src.len() != label.len() {
        return Err(MtError::Format {
            path: dir.join("dev.label"),
            message: format!(
                "{} source lines, {} MT lines, {} labels: the files must have one line each \
                 per pair",
                src.len(),
                mt.len(),
                label.len()
            ),
        });
    }
    let mut out = Vec::with_capacity(src.len());
    for (k, ((s, t), l)) in src.iter().zip(&mt).zip(&label).enumerate() {
        let bad = match l.trim() {
            "BAD" => true,
            "OK" => false,
            other => {
                return Err(MtError::Format {
                    path: dir.join("dev.label"),
                    message: format!("line {}: expected OK or BAD, found '{other}'", k + 1),
                });
            }
        };
        out.push(Ced22Pair {
            line: k + 1,
            source: s.trim_end_matches('\r').to_string(),
            target: t.trim_end_matches('\r').to_string(),
            bad,
        });
    }
    Ok(out)
}

/// Parse one gold line `[i,j]:[k]` into its source and target indices.
pub fn parse_gold_line(line: &str) -> Option<(Vec<usize>, Vec<usize>)> {
    let (a, b) = line.trim().split_once(':')?;
    let list = |s: &str| -> Option<Vec<usize>> {
        let inner = s.trim().strip_prefix('[')?.strip_suffix(']')?;
        inner
            .split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(|x| x.parse().ok())
            .collect()
    };
    Some((list(a)?, list(b)?))
}

/// The 1-1 sentence pairs of the OPUS Books development books, in book and gold order: the
/// human translation of each English sentence that the gold aligns with exactly one German
/// sentence.
pub fn load_opus_books(data: &Path) -> Result<Vec<BookPair>> {
    let dir = data.join(OPUS_BOOKS_DIR);
    let mut out = Vec::new();
    for book in OPUS_BOOKS {
        let (en, de, gold) = (
            read(&dir, &format!("{book}.en"))?,
            read(&dir, &format!("{book}.de"))?,
            read(&dir, &format!("{book}.en-de.gold"))?,
        );
        let (en, de) = (lines(&en), lines(&de));
        for (n, g) in lines(&gold).into_iter().enumerate() {
            if g.trim().is_empty() {
                continue;
            }
            let Some((s, t)) = parse_gold_line(g) else {
                return Err(MtError::Format {
                    path: dir.join(format!("{book}.en-de.gold")),
                    message: format!("line {}: expected [i,j]:[k], found '{g}'", n + 1),
                });
            };
            if let ([i], [k]) = (s.as_slice(), t.as_slice())
                && let (Some(e), Some(d)) = (en.get(*i), de.get(*k))
            {
                out.push(BookPair {
                    book,
                    source: e.trim().to_string(),
                    target: d.trim().to_string(),
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_lines_parse() {
        assert_eq!(parse_gold_line("[3]:[4, 5]"), Some((vec![3], vec![4, 5])));
        assert_eq!(parse_gold_line("[]:[0]"), Some((vec![], vec![0])));
        assert_eq!(parse_gold_line("[1,2]:[]"), Some((vec![1, 2], vec![])));
        assert_eq!(parse_gold_line("nonsense"), None);
    }

    #[test]
    fn csv_fields_are_unquoted() {
        assert_eq!(
            csv_unquote(r#""Er sagte ""ja""." "#.trim()),
            r#"Er sagte "ja"."#
        );
        assert_eq!(csv_unquote("plain"), "plain");
    }

    #[test]
    fn lost_quotes_come_back_from_the_tokenised_line() {
        let text = "Dafür sorgen Sie sich ständig, sagte Wade.";
        let tok = "&quot; Dafür sorgen Sie sich ständig &quot; , sagte Wade . <EOS>";
        assert_eq!(
            restore_quotes(text, tok),
            "\"Dafür sorgen Sie sich ständig\", sagte Wade."
        );
        // Nothing lost: unchanged.
        assert_eq!(restore_quotes("A, b.", "A , b . <EOS>"), "A, b.");
    }

    #[test]
    fn moses_tokens_are_detokenised() {
        assert_eq!(
            detokenize(
                "Es wäre , wenn Sie ( leider ) &quot; Neo &quot; sagen ! !",
                ""
            ),
            "Es wäre, wenn Sie (leider) \"Neo\" sagen!!"
        );
        assert_eq!(
            detokenize("Bruno ' s Seite ist ' neu ' .", ""),
            "Bruno's Seite ist 'neu'."
        );
    }

    #[test]
    fn tokens_the_source_writes_together_are_joined() {
        let src = "Gibraltar recorded 40.6 C; see xe.com, aged 33, 34 and 39. Email me.";
        assert_eq!(
            detokenize(
                "Gibraltar registrierte 40 , 6 C ; siehe xe . com , im Alter von 33 , 34 und 39 . \
                 E - Mail mir auf der Talk - Seite , sagte er - leider .",
                src
            ),
            "Gibraltar registrierte 40,6 C; siehe xe.com, im Alter von 33, 34 und 39. \
             E-Mail mir auf der Talk-Seite, sagte er - leider."
        );
        // Punctuation runs stay punctuation: "Spanien . . Louisa" with "Spain..Louisa".
        assert_eq!(
            detokenize("Spanien . . Louisa", "Spain..Louisa"),
            "Spanien.. Louisa"
        );
    }
}
