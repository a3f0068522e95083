//! `mtlint-bench align`: the aligner measured on gold standards, and on a generated document
//! for speed and memory.
//!
//! Gold files hold one alignment per line, `[i,j]:[k]` (0-based line indices, source first;
//! `[]:[5]` and `[3]:[]` are null alignments). Scoring follows the sentence-alignment
//! literature (Bleualign, Vecalign):
//! - precision counts every output alignment, nulls included; a strict hit is identical to a
//!   gold alignment, a lax hit shares at least one source–target link with gold (a null is a
//!   lax hit only when gold has the identical null);
//! - recall drops nulls from gold and output, then counts gold alignments found strictly
//!   (identical) and laxly (sharing a link);
//! - counts are pooled over all documents before dividing.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::data;
use crate::gale_church;
use crate::rng::Rng;
use mtlint::align::{AlignConfig, align};
use mtlint::model::{Bead, Lang};
use mtlint::{MtError, Result};

/// One alignment: source line indices, target line indices.
pub type Link = (Vec<usize>, Vec<usize>);

/// Parse gold alignments (`[i,j]:[k]` per line; blank lines ignored).
pub fn parse_gold(text: &str) -> std::result::Result<Vec<Link>, String> {
    let list = |s: &str, line: usize| -> std::result::Result<Vec<usize>, String> {
        let inner = s
            .trim()
            .strip_prefix('[')
            .and_then(|x| x.strip_suffix(']'))
            .ok_or_else(|| format!("line {line}: expected [i,j]:[k], got '{s}'"))?;
        inner
            .split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(|x| {
                x.parse::<usize>()
                    .map_err(|_| format!("line {line}: '{x}' is not an index"))
            })
            .collect()
    };
    let mut out = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (a, b) = line
            .split_once("]:[")
            .map(|(a, b)| (format!("{a}]"), format!("[{b}")))
            .ok_or_else(|| format!("line {}: expected [i,j]:[k], got '{line}'", k + 1))?;
        // Allow a trailing ":score" after the target list (mtlint align output).
        let b = match b.find(']') {
            Some(e) => b[..=e].to_string(),
            None => b,
        };
        out.push((list(&a, k + 1)?, list(&b, k + 1)?));
    }
    Ok(out)
}

/// Read one sentence per line. Lines of the form `index<TAB>sentence` (ParIce) lose their
/// first column when every line has one.
pub fn read_sentences(path: &Path) -> Result<Vec<String>> {
    let text = mtlint::formats::read_text(path)?;
    let lines: Vec<&str> = text.lines().collect();
    let indexed = !lines.is_empty()
        && lines.iter().all(|l| {
            l.split_once('\t')
                .is_some_and(|(a, _)| !a.is_empty() && a.bytes().all(|b| b.is_ascii_digit()))
        });
    Ok(lines
        .into_iter()
        .map(|l| {
            if indexed {
                l.split_once('\t').map(|x| x.1).unwrap_or(l).to_string()
            } else {
                l.to_string()
            }
        })
        .collect())
}

/// Hit counts, pooled over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    /// Output alignments (nulls included): the precision denominator.
    pub output: usize,
    /// Gold alignments without nulls: the recall denominator.
    pub gold: usize,
    pub precision_strict: usize,
    pub precision_lax: usize,
    pub recall_strict: usize,
    pub recall_lax: usize,
}

impl Counts {
    pub fn add(&mut self, o: &Counts) {
        self.output += o.output;
        self.gold += o.gold;
        self.precision_strict += o.precision_strict;
        self.precision_lax += o.precision_lax;
        self.recall_strict += o.recall_strict;
        self.recall_lax += o.recall_lax;
    }

    /// (precision, recall, F1), strict or lax.
    pub fn prf(&self, strict: bool) -> (f64, f64, f64) {
        let (hp, hr) = if strict {
            (self.precision_strict, self.recall_strict)
        } else {
            (self.precision_lax, self.recall_lax)
        };
        let p = if self.output > 0 {
            hp as f64 / self.output as f64
        } else {
            0.0
        };
        let r = if self.gold > 0 {
            hr as f64 / self.gold as f64
        } else {
            0.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

fn is_null(l: &Link) -> bool {
    l.0.is_empty() || l.1.is_empty()
}

fn pairs_of(links: &[Link]) -> HashSet<(usize, usize)> {
    links
        .iter()
        .flat_map(|(a, b)| a.iter().flat_map(move |&i| b.iter().map(move |&j| (i, j))))
        .collect()
}

/// Score one document's output against its gold.
pub fn score(gold: &[Link], output: &[Link]) -> Counts {
    let gold_set: HashSet<&Link> = gold.iter().collect();
    let out_set: HashSet<&Link> = output.iter().collect();
    let gold_pairs = pairs_of(gold);
    let out_pairs = pairs_of(output);
    let shares = |l: &Link, pairs: &HashSet<(usize, usize)>| {
        l.0.iter()
            .any(|&i| l.1.iter().any(|&j| pairs.contains(&(i, j))))
    };
    let mut c = Counts {
        output: output.len(),
        ..Counts::default()
    };
    for o in output {
        if gold_set.contains(o) {
            c.precision_strict += 1;
            c.precision_lax += 1;
        } else if !is_null(o) && shares(o, &gold_pairs) {
            c.precision_lax += 1;
        }
    }
    for g in gold.iter().filter(|g| !is_null(g)) {
        c.gold += 1;
        if out_set.contains(g) {
            c.recall_strict += 1;
            c.recall_lax += 1;
        } else if shares(g, &out_pairs) {
            c.recall_lax += 1;
        }
    }
    c
}

/// Beads as links.
pub fn links_of(beads: &[Bead]) -> Vec<Link> {
    beads
        .iter()
        .map(|b| (b.source().collect(), b.target().collect()))
        .collect()
}

/// One aligned document for the benchmark.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    pub name: String,
    pub source: Vec<String>,
    pub target: Vec<String>,
    pub gold: Vec<Link>,
}

/// Load a (gold, source, target) triple. Gold alignments that point past the end of either
/// file are dropped with a note on stderr.
pub fn load_triple(gold: &Path, source: &Path, target: &Path) -> Result<GoldDoc> {
    let source_lines = read_sentences(source)?;
    let target_lines = read_sentences(target)?;
    let text = mtlint::formats::read_text(gold)?;
    let links = parse_gold(&text).map_err(|message| MtError::Format {
        path: gold.to_path_buf(),
        message,
    })?;
    let (n, m) = (source_lines.len(), target_lines.len());
    let (kept, dropped): (Vec<Link>, Vec<Link>) = links
        .into_iter()
        .partition(|(a, b)| a.iter().all(|&i| i < n) && b.iter().all(|&j| j < m));
    for (a, b) in &dropped {
        eprintln!(
            "note: {}: gold alignment {a:?}:{b:?} points past the end ({n} source, {m} target lines); ignored",
            gold.display()
        );
    }
    Ok(GoldDoc {
        name: gold.display().to_string(),
        source: source_lines,
        target: target_lines,
        gold: kept,
    })
}

/// The result of a benchmark run.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub docs: usize,
    pub source_sentences: usize,
    pub target_sentences: usize,
    pub counts: Counts,
    /// Time spent in the aligner.
    pub align_time: Duration,
    /// Output beads by confidence: (score ≥ 0.5: strict hits, total), (score < 0.5: …).
    pub confident: (usize, usize),
    pub doubtful: (usize, usize),
}

impl Outcome {
    pub fn render(&self) -> String {
        let mut s = String::new();
        let (ps, rs, fs) = self.counts.prf(true);
        let (pl, rl, fl) = self.counts.prf(false);
        let _ = writeln!(
            s,
            "documents {}  sentences {} source / {} target  alignments {} output / {} gold (non-null)",
            self.docs,
            self.source_sentences,
            self.target_sentences,
            self.counts.output,
            self.counts.gold
        );
        let _ = writeln!(s, "strict  P {ps:.4}  R {rs:.4}  F1 {fs:.4}");
        let _ = writeln!(s, "lax     P {pl:.4}  R {rl:.4}  F1 {fl:.4}");
        let rate = |(h, t): (usize, usize)| {
            if t > 0 {
                format!("{:.3} of {t}", h as f64 / t as f64)
            } else {
                format!("- of {t}")
            }
        };
        let _ = writeln!(
            s,
            "confidence: strict precision {} beads with score >= 0.5, {} below",
            rate(self.confident),
            rate(self.doubtful)
        );
        let _ = writeln!(s, "time {:.3} s aligning", self.align_time.as_secs_f64());
        s
    }
}

/// Align every document and score it against its gold, pooled.
pub fn run(docs: &[GoldDoc], cfg: &AlignConfig) -> Outcome {
    let mut out = Outcome::default();
    for d in docs {
        let src: Vec<&str> = d.source.iter().map(String::as_str).collect();
        let tgt: Vec<&str> = d.target.iter().map(String::as_str).collect();
        let t0 = Instant::now();
        let beads = align(&src, &tgt, cfg);
        out.align_time += t0.elapsed();
        let links = links_of(&beads);
        let gold: HashSet<&Link> = d.gold.iter().collect();
        if std::env::var_os("MTLINT_BENCH_HASH").is_some() {
            eprintln!("{}: beads hash {:016x}", d.name, beads_hash(&beads));
        }
        if std::env::var_os("MTLINT_BENCH_COSTS").is_some() {
            print_terms(d, &src, &tgt, cfg, &links);
        }
        if std::env::var_os("MTLINT_BENCH_ERRORS").is_some() {
            let out_set: HashSet<&Link> = links.iter().collect();
            for (b, l) in beads.iter().zip(&links) {
                if !gold.contains(l) {
                    eprintln!("{}: wrong {:?}:{:?} score {:.2}", d.name, l.0, l.1, b.score);
                }
            }
            for g in &d.gold {
                if !out_set.contains(g) {
                    eprintln!("{}: missed {:?}:{:?}", d.name, g.0, g.1);
                }
            }
        }
        for (b, l) in beads.iter().zip(&links) {
            let hit = usize::from(gold.contains(l));
            let bin = if b.score >= 0.5 {
                &mut out.confident
            } else {
                &mut out.doubtful
            };
            bin.0 += hit;
            bin.1 += 1;
        }
        out.counts.add(&score(&d.gold, &links));
        out.docs += 1;
        out.source_sentences += d.source.len();
        out.target_sentences += d.target.len();
    }
    out
}

/// FNV-1a over every bead's source and target range and the bits of its score
/// (`MTLINT_BENCH_HASH=1` prints it per document): a change meant to keep the aligner's
/// output is checked bead by bead, not only through F1.
pub fn beads_hash(beads: &[Bead]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut eat = |x: u64| {
        for b in x.to_le_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for b in beads {
        let (s, t) = (b.source(), b.target());
        for x in [s.start, s.end, t.start, t.end] {
            eat(x as u64);
        }
        eat(b.score.to_bits());
    }
    h
}

/// Print the cost terms ([`mtlint::align::bead_terms`]) of every output and gold bead of
/// `d` to stderr, one line each: document, `out` or `gold`, source and target lists, prior,
/// length, punctuation, lexical term, similarity, confidence (output only).
fn print_terms(d: &GoldDoc, src: &[&str], tgt: &[&str], cfg: &AlignConfig, out: &[Link]) {
    let range = |v: &[usize]| match (v.iter().min(), v.iter().max()) {
        (Some(&a), Some(&b)) => a..b + 1,
        _ => 0..0,
    };
    for (tag, links) in [("out", out), ("gold", &d.gold[..])] {
        let ranges: Vec<_> = links
            .iter()
            .map(|(a, b)| {
                let (ra, rb) = (range(a), range(b));
                // A null bead's empty range sits where the other side's lies (any place).
                (ra, rb)
            })
            .collect();
        let terms = mtlint::align::bead_terms(src, tgt, cfg, &ranges);
        for ((a, b), t) in links.iter().zip(terms) {
            eprintln!(
                "COST\t{}\t{tag}\t{a:?}\t{b:?}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}",
                d.name, t[0], t[1], t[2], t[3], t[4]
            );
        }
    }
}

/// Rebuild English–German documents from WMT22 MQM development data (the folder `dir`, read
/// by [`data::load_mqm_folder`]): the segments of each `doc_id` in `seg_id` order. With
/// `damage`, the translations are damaged ([`damage_target`]). Gold is segment i ↔ segment i
/// (or what the damage made of it).
pub fn mqm_docs(dir: &Path, damage: bool) -> Result<Vec<GoldDoc>> {
    let segments = data::load_mqm_folder(dir)?;
    let mut docs: Vec<GoldDoc> = Vec::new();
    for seg in segments {
        if docs.last().is_none_or(|d| d.name != seg.doc_id) {
            docs.push(GoldDoc {
                name: seg.doc_id.clone(),
                source: Vec::new(),
                target: Vec::new(),
                gold: Vec::new(),
            });
        }
        if let Some(d) = docs.last_mut() {
            d.source.push(seg.source);
            d.target.push(seg.target);
        }
    }
    for d in &mut docs {
        if damage {
            let (t, gold) = damage_target(&d.target);
            (d.target, d.gold) = (t, gold);
        } else {
            d.gold = (0..d.source.len()).map(|k| (vec![k], vec![k])).collect();
        }
    }
    Ok(docs)
}

/// Web boilerplate inserted by [`damage_target`].
const BOILERPLATE: [&str; 5] = [
    "Foto: dpa",
    "Lesen Sie auch: Die wichtigsten Nachrichten des Tages im Überblick",
    "Werbung",
    "Teilen Sie diesen Artikel auf Facebook, Twitter oder per E-Mail.",
    "Diese Website verwendet Cookies. Mehr erfahren | Akzeptieren",
];

/// Damage a translation the way MT pipelines and web pages do, with its gold alignment:
/// every 9th segment (from the 5th) is dropped (1-0), every 13th (from the 8th) is glued to
/// the next one (2-1), and before every 17th (from the 11th) a boilerplate line appears
/// (0-1).
pub fn damage_target(segs: &[String]) -> (Vec<String>, Vec<Link>) {
    let mut out: Vec<String> = Vec::new();
    let mut gold = Vec::new();
    let mut k = 0;
    while k < segs.len() {
        if k % 17 == 10 {
            gold.push((vec![], vec![out.len()]));
            out.push(BOILERPLATE[(k / 17) % BOILERPLATE.len()].to_string());
        }
        if k % 9 == 4 {
            gold.push((vec![k], vec![]));
            k += 1;
        } else if k % 13 == 7 && k + 1 < segs.len() && (k + 1) % 9 != 4 && (k + 1) % 17 != 10 {
            gold.push((vec![k, k + 1], vec![out.len()]));
            out.push(format!("{} {}", segs[k], segs[k + 1]));
            k += 2;
        } else {
            gold.push((vec![k], vec![out.len()]));
            out.push(segs[k].clone());
            k += 1;
        }
    }
    (out, gold)
}

/// Split the segments of a document into sentences: the sentences and, per sentence, its
/// segment.
fn split_segments(segs: &[String], lang: Lang) -> (Vec<String>, Vec<usize>) {
    let mut out = Vec::new();
    let mut owner = Vec::new();
    for (k, s) in segs.iter().enumerate() {
        let mut any = false;
        for r in mtlint::segment::split(s, lang) {
            out.push(s[r].to_string());
            owner.push(k);
            any = true;
        }
        if !any {
            out.push(s.clone());
            owner.push(k);
        }
    }
    (out, owner)
}

/// Project sentence beads to segment alignments: segments linked through a bead (directly
/// or through a chain of beads) form one alignment.
pub fn project(beads: &[Bead], src_owner: &[usize], tgt_owner: &[usize]) -> Vec<Link> {
    let ns = src_owner.last().map_or(0, |x| x + 1);
    let nt = tgt_owner.last().map_or(0, |x| x + 1);
    let mut parent: Vec<usize> = (0..ns + nt).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for b in beads {
        let nodes: Vec<usize> = b
            .source()
            .map(|i| src_owner[i])
            .chain(b.target().map(|j| ns + tgt_owner[j]))
            .collect();
        for w in nodes.windows(2) {
            let (a, c) = (find(&mut parent, w[0]), find(&mut parent, w[1]));
            parent[a] = c;
        }
    }
    let mut groups: HashMap<usize, Link> = HashMap::new();
    for x in 0..ns + nt {
        let r = find(&mut parent, x);
        let e = groups.entry(r).or_default();
        if x < ns {
            e.0.push(x);
        } else {
            e.1.push(x - ns);
        }
    }
    let mut out: Vec<Link> = groups.into_values().collect();
    out.sort_by_key(|(a, b)| (a.first().copied(), b.first().copied()));
    out
}

/// Like [`run`] for MQM documents whose segments are split into sentences: align sentences,
/// score at segment level.
pub fn run_split(docs: &[GoldDoc], cfg: &AlignConfig) -> Outcome {
    let mut out = Outcome::default();
    for d in docs {
        let (ss, so) = split_segments(&d.source, Lang::En);
        let (ts, to) = split_segments(&d.target, Lang::De);
        let src: Vec<&str> = ss.iter().map(String::as_str).collect();
        let tgt: Vec<&str> = ts.iter().map(String::as_str).collect();
        let t0 = Instant::now();
        let beads = align(&src, &tgt, cfg);
        out.align_time += t0.elapsed();
        let links = project(&beads, &so, &to);
        out.counts.add(&score(&d.gold, &links));
        out.docs += 1;
        out.source_sentences += ss.len();
        out.target_sentences += ts.len();
    }
    out
}

/// Generate a document of `n` source sentences and about `1.1 n` target sentences with its
/// gold alignment: a made-up language pair with word-by-word "translation", cognates, names
/// and numbers; 1-2 splits, 2-1 merges, omissions and additions. The same `n` and `seed` give
/// the same document on every machine ([`Rng`]).
pub fn generate(n: usize, seed: u64) -> GoldDoc {
    let mut rng = Rng::new(seed);
    let letters = b"abcdefghijklmnoprstuvwz";
    let word = |rng: &mut Rng, len: usize| -> String {
        (0..len)
            .map(|_| letters[rng.below(letters.len())] as char)
            .collect()
    };
    let vocab: Vec<(String, String)> = (0..4000)
        .map(|k| {
            let len = 2 + rng.below(9);
            let s = word(&mut rng, len);
            let t = match k % 10 {
                0..=5 => {
                    let l = len + rng.below(3);
                    word(&mut rng, l)
                }
                6..=8 => format!("{s}en"),
                _ => s.clone(),
            };
            (s, t)
        })
        .collect();
    let names: Vec<String> = (0..2000)
        .map(|_| {
            let len = 4 + rng.below(6);
            let w = word(&mut rng, len);
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or(w)
        })
        .collect();
    let sentence_pair = |rng: &mut Rng| -> (String, String) {
        let len = 4 + rng.below(22);
        let mut s = Vec::with_capacity(len);
        let mut t = Vec::with_capacity(len + 2);
        for k in 0..len {
            if k > 0 && rng.chance(0.05) {
                let name = &names[rng.below(names.len())];
                s.push(name.clone());
                t.push(name.clone());
            } else if rng.chance(0.03) {
                let num = rng.below(100_000);
                s.push(format!("{num}"));
                t.push(format!("{num}"));
            } else {
                // Zipf-like: small indices are frequent.
                let idx = (rng.below(vocab.len()) * rng.below(vocab.len())) / vocab.len();
                let (a, b) = &vocab[idx];
                s.push(a.clone());
                if !rng.chance(0.05) {
                    t.push(b.clone());
                }
                if rng.chance(0.08) {
                    t.push("der".to_string());
                }
            }
        }
        (format!("{}.", s.join(" ")), format!("{}.", t.join(" ")))
    };
    let mut doc = GoldDoc {
        name: format!("generated-{n}"),
        source: Vec::with_capacity(n),
        target: Vec::with_capacity(n + n / 9),
        gold: Vec::with_capacity(n),
    };
    while doc.source.len() < n {
        let (i, j) = (doc.source.len(), doc.target.len());
        let r = rng.below(1000);
        if r < 105 {
            // 1-2: the translation is split in two.
            let (s, t) = sentence_pair(&mut rng);
            let words: Vec<&str> = t.split(' ').collect();
            let cut = (words.len() / 2).max(1);
            let (a, b) = words.split_at(cut.min(words.len()));
            doc.source.push(s);
            doc.target.push(format!("{}.", a.join(" ")));
            doc.target.push(b.join(" "));
            doc.gold.push((vec![i], vec![j, j + 1]));
        } else if r < 115 && doc.source.len() + 2 <= n {
            // 2-1: two sentences translated as one.
            let (s1, t1) = sentence_pair(&mut rng);
            let (s2, t2) = sentence_pair(&mut rng);
            doc.source.push(s1);
            doc.source.push(s2);
            doc.target
                .push(format!("{} {}", t1.trim_end_matches('.'), t2));
            doc.gold.push((vec![i, i + 1], vec![j]));
        } else if r < 120 {
            let (s, _) = sentence_pair(&mut rng);
            doc.source.push(s);
            doc.gold.push((vec![i], vec![]));
        } else if r < 130 {
            let (_, t) = sentence_pair(&mut rng);
            doc.target.push(t);
            doc.gold.push((vec![], vec![j]));
        } else {
            let (s, t) = sentence_pair(&mut rng);
            doc.source.push(s);
            doc.target.push(t);
            doc.gold.push((vec![i], vec![j]));
        }
    }
    doc
}

/// A generated document to time and score (`--generate N`, `--generate repetitive:N`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenSpec {
    /// [`generate`]: a made-up language pair, N source sentences.
    Random(usize),
    /// [`repetitive`]: N recurring MQM segments, drops and boilerplate.
    Repetitive(usize),
}

impl std::str::FromStr for GenSpec {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let (kind, n) = match s.split_once(':') {
            Some((k, n)) => (k, n),
            None => ("random", s),
        };
        let n: usize = n
            .trim()
            .parse()
            .map_err(|_| format!("'{s}': expected N or repetitive:N (N sentences)"))?;
        match kind {
            "random" => Ok(GenSpec::Random(n)),
            "repetitive" | "rep" => Ok(GenSpec::Repetitive(n)),
            _ => Err(format!(
                "'{s}': unknown kind '{kind}' (random or repetitive)"
            )),
        }
    }
}

/// A long repetitive document (issue 13 item 1), as a translation-memory export, software
/// strings or a manual with repeated warnings: `n` source lines, each an MQM development
/// segment drawn at random (so every segment recurs about n / 1005 times; the same `n` and
/// `seed` give the same document on every machine), its MT as the target line; every 9th
/// German line (from the 5th) dropped (1-0) and a line of boilerplate inserted before every
/// 17th (from the 11th; 0-1). One segment per line on both sides, scored on lines.
pub fn repetitive(segments: &[(String, String)], n: usize, seed: u64) -> GoldDoc {
    let mut rng = Rng::new(seed);
    let mut doc = GoldDoc {
        name: format!("repetitive-{n}"),
        source: Vec::with_capacity(n),
        target: Vec::with_capacity(n),
        gold: Vec::with_capacity(n + n / 16),
    };
    if segments.is_empty() {
        return doc;
    }
    for k in 0..n {
        let (s, t) = &segments[rng.below(segments.len())];
        if k % 17 == 10 {
            doc.gold.push((vec![], vec![doc.target.len()]));
            doc.target
                .push(BOILERPLATE[(k / 17) % BOILERPLATE.len()].to_string());
        }
        if k % 9 == 4 {
            doc.gold.push((vec![k], vec![]));
        } else {
            doc.gold.push((vec![k], vec![doc.target.len()]));
            doc.target.push(t.clone());
        }
        doc.source.push(s.clone());
    }
    doc
}

/// The shared alignment dev sets, each scored on its lines: (name, documents). Sets whose
/// files are missing are left out with a note on stderr.
pub fn dev_sets(data: &Path) -> Result<Vec<(String, Vec<GoldDoc>)>> {
    let align = data.join("align");
    let mut sets = Vec::new();
    let tb = align.join("textberg_de_fr_dev");
    if tb.join("dev.defr").is_file() {
        sets.push((
            "Text+Berg de-fr dev".to_string(),
            vec![load_triple(
                &tb.join("dev.defr"),
                &tb.join("dev.de"),
                &tb.join("dev.fr"),
            )?],
        ));
    } else {
        eprintln!("note: {} not found; Text+Berg left out", tb.display());
    }
    let pi = align.join("parice_en_is");
    if let Ok(rd) = std::fs::read_dir(pi.join("gold")) {
        let mut names: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        let mut docs = Vec::new();
        for g in names {
            if let Some(b) = g.file_name() {
                docs.push(load_triple(
                    &g,
                    &pi.join("eng").join(b),
                    &pi.join("isl").join(b),
                )?);
            }
        }
        sets.push(("ParIce en-is (pooled)".to_string(), docs));
    } else {
        eprintln!("note: {} not found; ParIce left out", pi.display());
    }
    let ob = align.join("opusbooks_en_de_dev");
    let mut books = Vec::new();
    for name in ["alice", "kafka_verwandlung", "poe_usher"] {
        let g = ob.join(format!("{name}.en-de.gold"));
        if g.is_file() {
            let doc = load_triple(
                &g,
                &ob.join(format!("{name}.en")),
                &ob.join(format!("{name}.de")),
            )?;
            sets.push((format!("OPUS books en-de: {name}"), vec![doc.clone()]));
            books.push(doc);
        }
    }
    if books.is_empty() {
        eprintln!("note: {} not found; OPUS books left out", ob.display());
    } else {
        sets.push(("OPUS books en-de (pooled)".to_string(), books));
    }
    let mqm = data.join("mqm").join("wmt22_dev_ende");
    if mqm.is_dir() {
        sets.push((
            "MQM en-de, one unit per segment".to_string(),
            mqm_docs(&mqm, false)?,
        ));
        sets.push(("MQM en-de damaged".to_string(), mqm_docs(&mqm, true)?));
    } else {
        eprintln!("note: {} not found; MQM left out", mqm.display());
    }
    Ok(sets)
}

/// Align every dev set and render one table: set, sentences, strict P/R/F1, lax F1, the
/// confidence split and the CPU time.
pub fn dev_table(data: &Path, cfg: &AlignConfig) -> Result<String> {
    let sets = dev_sets(data)?;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "| set | sentences | strict P / R / F1 | lax F1 | strict P of beads >= 0.5 / < 0.5 | align CPU | Gale–Church F1 |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|");
    for (name, docs) in &sets {
        let cpu0 = cpu_seconds();
        let o = run(docs, cfg);
        let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
        let (p, r, f) = o.counts.prf(true);
        let (_, _, fl) = o.counts.prf(false);
        let rate = |(h, t): (usize, usize)| {
            if t > 0 {
                format!("{:.3}", h as f64 / t as f64)
            } else {
                "-".to_string()
            }
        };
        let mut gc = Counts::default();
        for d in docs {
            gc.add(&score(&d.gold, &gale_church::align(&d.source, &d.target)));
        }
        let _ = writeln!(
            s,
            "| {name} | {} x {} | {p:.4} / {r:.4} / **{f:.4}** | {fl:.4} | {} / {} | {} s | {:.4} |",
            o.source_sentences,
            o.target_sentences,
            rate(o.confident),
            rate(o.doubtful),
            cpu.map_or("?".to_string(), |c| format!("{c:.2}")),
            gc.prf(true).2,
        );
    }
    Ok(s)
}

/// Alignments from a hunalign ladder (`src<TAB>tgt<TAB>score` rungs, starting at 0 0 and
/// ending at n m): consecutive rungs delimit a bead; a bead with one side empty becomes one
/// null alignment per sentence, as gold files write them.
pub fn ladder_links(ladder: &str, n: usize, m: usize) -> Vec<Link> {
    let mut rungs: Vec<(usize, usize)> = vec![(0, 0)];
    for line in ladder.lines() {
        let mut f = line.split('\t');
        if let (Some(Ok(i)), Some(Ok(j))) = (
            f.next().map(|x| x.trim().parse::<usize>()),
            f.next().map(|x| x.trim().parse::<usize>()),
        ) && rungs
            .last()
            .is_some_and(|&(a, b)| (i, j) != (a, b) && i >= a && j >= b)
        {
            rungs.push((i.min(n), j.min(m)));
        }
    }
    if rungs.last() != Some(&(n, m)) {
        rungs.push((n, m));
    }
    let mut out = Vec::new();
    for w in rungs.windows(2) {
        let ((i0, j0), (i1, j1)) = (w[0], w[1]);
        if i1 > i0 && j1 > j0 {
            out.push(((i0..i1).collect(), (j0..j1).collect()));
        } else {
            out.extend((i0..i1).map(|i| (vec![i], vec![])));
            out.extend((j0..j1).map(|j| (vec![], vec![j])));
        }
    }
    out
}

/// A `trans-de-en` word list (`German :: English`, see `mtlint::align::dict`) in hunalign's
/// dictionary format: one `German @ English` line per pair (hunalign puts the target
/// language first), lower case, single German words, English of at most two words
/// (`to ` of verbs dropped), annotations (`{m}`, `[geol.]`, `(…)`, `<…>`) removed.
pub fn hunalign_dictionary(trans: &str) -> String {
    fn clean(s: &str) -> String {
        let mut out = String::new();
        let mut depth = 0i32;
        for c in s.chars() {
            match c {
                '{' | '[' | '(' | '<' => depth += 1,
                '}' | ']' | ')' | '>' => depth = (depth - 1).max(0),
                _ if depth == 0 => out.push(c),
                _ => {}
            }
        }
        out.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut out = String::new();
    for line in trans.lines() {
        if line.starts_with('#') {
            continue;
        }
        let Some((de, en)) = line.split_once(" :: ") else {
            continue;
        };
        for (d, e) in de.split(" | ").zip(en.split(" | ")) {
            let ds: Vec<String> = d.split(';').map(clean).collect();
            let es: Vec<String> = e
                .split(';')
                .map(clean)
                .map(|x| x.strip_prefix("to ").map(str::to_string).unwrap_or(x))
                .collect();
            for dw in ds.iter().filter(|x| !x.is_empty() && !x.contains(' ')) {
                for ew in es
                    .iter()
                    .filter(|x| !x.is_empty() && x.split(' ').count() <= 2)
                {
                    if seen.insert((dw.clone(), ew.clone())) {
                        let _ = writeln!(out, "{dw} @ {ew}");
                    }
                }
            }
        }
    }
    out
}

/// hunalign's result on one set: counts, CPU seconds (user + system) and the largest peak
/// RSS (MiB) over its documents, from `/usr/bin/time`.
#[derive(Debug, Clone, Default)]
pub struct HunalignOutcome {
    pub counts: Counts,
    pub cpu: f64,
    pub peak_rss_mib: f64,
}

/// Run hunalign (`hunalign DICT SRC TGT`, ladder output; `dict` is a dictionary in
/// hunalign's format, see [`hunalign_dictionary`], or none: `/dev/null`) on every document
/// through `/usr/bin/time`, and score its ladders.
pub fn run_hunalign(
    hunalign: &Path,
    dict: Option<&Path>,
    docs: &[GoldDoc],
) -> Result<HunalignOutcome> {
    let dir = std::env::temp_dir().join(format!("mtlint-bench-hunalign-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| MtError::output(&dir, e))?;
    let mut out = HunalignOutcome::default();
    let result = (|| -> Result<()> {
        for d in docs {
            let (sp, tp, timep) = (dir.join("src"), dir.join("tgt"), dir.join("time"));
            let mut text = d.source.join("\n");
            text.push('\n');
            std::fs::write(&sp, text).map_err(|e| MtError::output(&sp, e))?;
            let mut text = d.target.join("\n");
            text.push('\n');
            std::fs::write(&tp, text).map_err(|e| MtError::output(&tp, e))?;
            // hunalign writes a `translate.txt` into its working folder: run it in ours.
            let run = std::process::Command::new("/usr/bin/time")
                .current_dir(&dir)
                .arg("-f")
                .arg("%U %S %M")
                .arg("-o")
                .arg(&timep)
                .arg(hunalign)
                .arg(dict.unwrap_or(Path::new("/dev/null")))
                .arg(&sp)
                .arg(&tp)
                .stderr(std::process::Stdio::null())
                .output()
                .map_err(|e| MtError::Usage(format!("cannot run {}: {e}", hunalign.display())))?;
            if !run.status.success() {
                return Err(MtError::Usage(format!(
                    "{} failed on {} ({})",
                    hunalign.display(),
                    d.name,
                    run.status
                )));
            }
            let ladder = String::from_utf8_lossy(&run.stdout);
            let links = ladder_links(&ladder, d.source.len(), d.target.len());
            out.counts.add(&score(&d.gold, &links));
            let t = std::fs::read_to_string(&timep).unwrap_or_default();
            let f: Vec<f64> = t
                .lines()
                .last()
                .unwrap_or("")
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            if let [u, s, kb] = f[..] {
                out.cpu += u + s;
                out.peak_rss_mib = out.peak_rss_mib.max(kb / 1024.0);
            }
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result.map(|()| out)
}

/// mtlint and hunalign side by side on the dev sets (from `data`) and the generated
/// documents: strict F1, CPU seconds, and hunalign's peak RSS (mtlint's is printed by
/// `--generate` in a process of its own).
pub fn side_by_side(
    hunalign: &Path,
    dict: Option<&Path>,
    data: &Path,
    generate: &[GenSpec],
    cfg: &AlignConfig,
) -> Result<String> {
    let mut sets = dev_sets(data)?;
    let mut mqm_pairs: Option<Vec<(String, String)>> = None;
    for &spec in generate {
        let doc = match spec {
            GenSpec::Random(n) => generate_doc(n),
            GenSpec::Repetitive(n) => {
                if mqm_pairs.is_none() {
                    let segs = data::load_mqm_folder(&data.join("mqm").join("wmt22_dev_ende"))?;
                    mqm_pairs = Some(segs.into_iter().map(|s| (s.source, s.target)).collect());
                }
                repetitive(
                    mqm_pairs.as_deref().unwrap_or(&[]),
                    n,
                    0x5eed_0000 + n as u64,
                )
            }
        };
        sets.push((doc.name.clone(), vec![doc]));
    }
    // hunalign's dictionary, converted from the trans-de-en list, in a temporary file.
    let hdict = match dict {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| MtError::io(p, e))?;
            let path = std::env::temp_dir()
                .join(format!("mtlint-bench-hunalign-{}.dic", std::process::id()));
            std::fs::write(&path, hunalign_dictionary(&text))
                .map_err(|e| MtError::output(&path, e))?;
            Some(path)
        }
        None => None,
    };
    let fmt_cpu = |c: Option<f64>| c.map_or("?".to_string(), |c| format!("{c:.2} s"));
    let mut s = String::new();
    let _ = write!(
        s,
        "| set | mtlint{d} F1 | mtlint CPU | mtlint peak RSS | Gale–Church F1 | G–C CPU | hunalign F1 | hunalign CPU | hunalign peak RSS |",
        d = if dict.is_some() { " (dict)" } else { "" }
    );
    if hdict.is_some() {
        let _ = write!(
            s,
            " hunalign+dict F1 | hunalign+dict CPU | hunalign+dict peak RSS |"
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "|---|---|---|---|---|---|---|---|---|{}",
        if hdict.is_some() { "---|---|---|" } else { "" }
    );
    let result = (|| -> Result<()> {
        for (name, docs) in &sets {
            let cpu0 = cpu_seconds();
            let o = run(docs, cfg);
            let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
            let rss = peak_rss_mib();
            let cpu0 = cpu_seconds();
            let mut gc = Counts::default();
            for d in docs {
                gc.add(&score(&d.gold, &gale_church::align(&d.source, &d.target)));
            }
            let gc_cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
            let h = run_hunalign(hunalign, None, docs)?;
            let _ = write!(
                s,
                "| {name} | {:.4} | {} | {} MiB | {:.4} | {} | {:.4} | {:.2} s | {:.0} MiB |",
                o.counts.prf(true).2,
                fmt_cpu(cpu),
                rss.map_or("?".to_string(), |x| format!("≤ {x:.0}")),
                gc.prf(true).2,
                fmt_cpu(gc_cpu),
                h.counts.prf(true).2,
                h.cpu,
                h.peak_rss_mib
            );
            if let Some(hd) = &hdict {
                let h = run_hunalign(hunalign, Some(hd), docs)?;
                let _ = write!(
                    s,
                    " {:.4} | {:.2} s | {:.0} MiB |",
                    h.counts.prf(true).2,
                    h.cpu,
                    h.peak_rss_mib
                );
            }
            let _ = writeln!(s);
        }
        Ok(())
    })();
    if let Some(p) = &hdict {
        let _ = std::fs::remove_file(p);
    }
    result.map(|()| s)
}

/// [`generate`] with the seed `--generate N` uses.
fn generate_doc(n: usize) -> GoldDoc {
    generate(n, 0x5eed_0000 + n as u64)
}

/// CPU time (user + system) of this process so far, in seconds, where /proc tells it: on a
/// shared machine the wall time of a run also counts other processes' turns.
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    // Linux reports clock ticks of 1/100 s (USER_HZ) on every common platform.
    Some((utime + stime) / 100.0)
}

/// Peak resident memory of this process (VmHWM), in MiB, where /proc tells it.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Inputs of a benchmark run.
#[derive(Debug, Clone, Default)]
pub struct BenchOptions {
    /// (gold, source, target) triples, pooled.
    pub triples: Vec<(PathBuf, PathBuf, PathBuf)>,
    /// WMT22 MQM folder to rebuild English–German documents from.
    pub mqm: Option<PathBuf>,
    /// Split MQM segments into sentences (score at segment level).
    pub split_sentences: bool,
    /// Damage the MQM translations: omissions, glued segments, boilerplate lines.
    pub damage: bool,
    /// Generated documents to time and score.
    pub generate: Vec<GenSpec>,
    /// Score every shared dev set ([`dev_table`]) from this data folder.
    pub dev: Option<PathBuf>,
    /// The shared data folder (the MQM segments of [`repetitive`]).
    pub data: PathBuf,
    /// Run this hunalign binary beside mtlint on the dev sets and generated documents
    /// ([`side_by_side`]) instead of the other measurements.
    pub hunalign: Option<PathBuf>,
    /// The trans-de-en word list mtlint aligns with (`--dict`); with `hunalign`, hunalign
    /// also runs with it, converted ([`hunalign_dictionary`]).
    pub dict: Option<PathBuf>,
}

/// Run the benchmark and render its report.
pub fn bench(opts: &BenchOptions, cfg: &AlignConfig) -> Result<String> {
    if let Some(h) = &opts.hunalign {
        return side_by_side(h, opts.dict.as_deref(), &opts.data, &opts.generate, cfg);
    }
    let mut report = String::new();
    if !opts.triples.is_empty() {
        let mut docs = Vec::new();
        for (g, s, t) in &opts.triples {
            docs.push(load_triple(g, s, t)?);
        }
        let t0 = Instant::now();
        let o = run(&docs, cfg);
        report.push_str(&o.render());
        let _ = writeln!(
            report,
            "wall {:.3} s (align and score)",
            t0.elapsed().as_secs_f64()
        );
    }
    if let Some(dir) = &opts.mqm {
        let docs = mqm_docs(dir, opts.damage)?;
        let o = if opts.split_sentences {
            run_split(&docs, cfg)
        } else {
            run(&docs, cfg)
        };
        let _ = writeln!(
            report,
            "MQM English–German, {}{} ({} documents)",
            if opts.split_sentences {
                "sentences aligned, scored at segment level"
            } else {
                "one segment per unit"
            },
            if opts.damage {
                ", damaged (omissions, glued segments, boilerplate)"
            } else {
                ""
            },
            docs.len()
        );
        report.push_str(&o.render());
    }
    if let Some(data) = &opts.dev {
        report.push_str(&dev_table(data, cfg)?);
    }
    let mut mqm_pairs: Option<Vec<(String, String)>> = None;
    for &spec in &opts.generate {
        let t0 = Instant::now();
        let doc = match spec {
            GenSpec::Random(n) => generate_doc(n),
            GenSpec::Repetitive(n) => {
                if mqm_pairs.is_none() {
                    let dir = opts.data.join("mqm").join("wmt22_dev_ende");
                    let segs = data::load_mqm_folder(&dir)?;
                    mqm_pairs = Some(segs.into_iter().map(|s| (s.source, s.target)).collect());
                }
                repetitive(
                    mqm_pairs.as_deref().unwrap_or(&[]),
                    n,
                    0x5eed_0000 + n as u64,
                )
            }
        };
        let gen_time = t0.elapsed();
        let cpu0 = cpu_seconds();
        let o = run(std::slice::from_ref(&doc), cfg);
        let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
        let (_, _, f) = o.counts.prf(true);
        let _ = writeln!(
            report,
            "{} {} x {} sentences: align {:.3} s wall, {} s CPU (generate {:.3} s), strict F1 {f:.4}, peak RSS {} MiB",
            match spec {
                GenSpec::Random(_) => "generated",
                GenSpec::Repetitive(_) => "repetitive",
            },
            doc.source.len(),
            doc.target.len(),
            o.align_time.as_secs_f64(),
            cpu.map_or("?".to_string(), |c| format!("{c:.2}")),
            gen_time.as_secs_f64(),
            peak_rss_mib().map_or("?".to_string(), |x| format!("{x:.0}"))
        );
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunalign_dictionary_puts_german_first_without_annotations() {
        let d = hunalign_dictionary(
            "# comment\nHaus {n} | Häuser {pl} :: house | houses\nlaufen; rennen :: to run; to race [sport]\nzu lang :: too long\n",
        );
        let lines: Vec<&str> = d.lines().collect();
        assert_eq!(
            lines,
            [
                "haus @ house",
                "häuser @ houses",
                "laufen @ run",
                "laufen @ race",
                "rennen @ run",
                "rennen @ race"
            ]
        );
    }

    #[test]
    fn gold_parses_with_spaces_and_nulls() {
        let g = parse_gold("[0]:[0]\n[1, 2, 3]:[1]\n[]:[2]\n[4]:[]\n").expect("parse");
        assert_eq!(
            g,
            vec![
                (vec![0], vec![0]),
                (vec![1, 2, 3], vec![1]),
                (vec![], vec![2]),
                (vec![4], vec![])
            ]
        );
        assert!(parse_gold("0:0").is_err());
    }

    #[test]
    fn scoring_follows_the_rule() {
        let gold = vec![
            (vec![0], vec![0]),
            (vec![1], vec![1, 2]),
            (vec![2], vec![]),
            (vec![3], vec![3]),
        ];
        let out = vec![
            (vec![0], vec![0]), // strict
            (vec![1], vec![1]), // lax only
            (vec![], vec![2]),  // null, not in gold: no hit
            (vec![2], vec![]),  // null identical to gold: strict
            (vec![3], vec![3]), // strict
        ];
        let c = score(&gold, &out);
        assert_eq!(c.output, 5);
        assert_eq!(c.gold, 3);
        assert_eq!((c.precision_strict, c.precision_lax), (3, 4));
        assert_eq!((c.recall_strict, c.recall_lax), (2, 3));
    }

    #[test]
    fn projection_merges_sentences_of_a_segment() {
        let beads = vec![
            Bead::new(0..1, 0..1, 1.0),
            Bead::new(1..2, 1..2, 1.0),
            Bead::new(2..3, 2..3, 1.0),
        ];
        // sentences 0 and 1 belong to segment 0 on both sides
        let l = project(&beads, &[0, 0, 1], &[0, 0, 1]);
        assert_eq!(l, vec![(vec![0], vec![0]), (vec![1], vec![1])]);
    }

    #[test]
    fn damage_keeps_gold_consistent() {
        let segs: Vec<String> = (0..40).map(|k| format!("Satz {k}.")).collect();
        let (t, gold) = damage_target(&segs);
        let s: Vec<usize> = gold.iter().flat_map(|l| l.0.clone()).collect();
        let u: Vec<usize> = gold.iter().flat_map(|l| l.1.clone()).collect();
        assert_eq!(s, (0..40).collect::<Vec<_>>());
        assert_eq!(u, (0..t.len()).collect::<Vec<_>>());
        assert!(gold.iter().any(|l| l.1.is_empty()));
        assert!(gold.iter().any(|l| l.0.is_empty()));
        assert!(gold.iter().any(|l| l.0.len() == 2));
    }

    #[test]
    fn repetitive_document_has_consistent_gold() {
        let segs: Vec<(String, String)> = (0..30)
            .map(|k| (format!("Sentence {k}."), format!("Satz {k}.")))
            .collect();
        let d = repetitive(&segs, 200, 3);
        assert_eq!(d.source.len(), 200);
        let s: Vec<usize> = d.gold.iter().flat_map(|l| l.0.clone()).collect();
        let t: Vec<usize> = d.gold.iter().flat_map(|l| l.1.clone()).collect();
        assert_eq!(s, (0..200).collect::<Vec<_>>());
        assert_eq!(t, (0..d.target.len()).collect::<Vec<_>>());
        assert_eq!(d.gold.iter().filter(|l| l.1.is_empty()).count(), 22);
        assert_eq!(d.gold.iter().filter(|l| l.0.is_empty()).count(), 12);
        assert_eq!(d.source, repetitive(&segs, 200, 3).source, "deterministic");
        assert_eq!("repetitive:40000".parse(), Ok(GenSpec::Repetitive(40000)));
        assert_eq!("300".parse(), Ok(GenSpec::Random(300)));
    }

    #[test]
    fn ladders_become_alignments() {
        let l = ladder_links("0\t0\t0.3\n1\t1\t0.2\n3\t2\t0.1\n3\t4\t0\n5\t4\t0\n", 5, 4);
        assert_eq!(
            l,
            vec![
                (vec![0], vec![0]),
                (vec![1, 2], vec![1]),
                (vec![], vec![2]),
                (vec![], vec![3]),
                (vec![3], vec![]),
                (vec![4], vec![]),
            ]
        );
    }

    #[test]
    fn pre_split_lines_are_read_as_given() {
        // An unclosed „ and two sentences on one line: still one sentence per line.
        let dir = std::env::temp_dir().join(format!("mtlint-bench-lines-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let p = dir.join("t.de");
        std::fs::write(&p, "Er sagte: „Warte.\nNiemand kam. Die Tür blieb zu.\n").expect("write");
        let lines = read_sentences(&p).expect("read");
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(
            lines,
            vec!["Er sagte: „Warte.", "Niemand kam. Die Tür blieb zu."]
        );
    }

    #[test]
    fn generated_document_is_consistent() {
        let d = generate(500, 7);
        assert_eq!(d.source.len(), 500);
        let s: usize = d.gold.iter().map(|l| l.0.len()).sum();
        let t: usize = d.gold.iter().map(|l| l.1.len()).sum();
        assert_eq!((s, t), (d.source.len(), d.target.len()));
    }

    #[test]
    fn generated_document_aligns_in_a_band() {
        let d = generate(3000, 11);
        let src: Vec<&str> = d.source.iter().map(String::as_str).collect();
        let tgt: Vec<&str> = d.target.iter().map(String::as_str).collect();
        let b = align(&src, &tgt, &AlignConfig::default());
        // The beads cover every sentence once, in order.
        let (mut i, mut j) = (0, 0);
        for x in &b {
            assert_eq!((x.source().start, x.target().start), (i, j), "out of order");
            (i, j) = (x.source().end, x.target().end);
        }
        assert_eq!(
            (i, j),
            (src.len(), tgt.len()),
            "not every sentence is in a bead"
        );
        let c = score(&d.gold, &links_of(&b));
        let (_, _, f1) = c.prf(true);
        assert!(f1 > 0.97, "strict F1 {f1}");
    }
}
