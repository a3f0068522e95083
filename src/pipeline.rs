//! The pipeline for one document: segment → align → check. Reading happens before (in
//! [`crate::formats`]) and reporting after (in [`crate::report`]).

use std::ops::Range;

use crate::align::{self, AlignConfig};
use crate::checks::{Check, DocStats, Finding, PairView, length_ratio};
use crate::model::{Bead, Document, Lang, Sentence, Severity, SideText};
use crate::segment;

/// Settings for a run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub source_lang: Lang,
    pub target_lang: Lang,
    pub align: AlignConfig,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            source_lang: Lang::En,
            target_lang: Lang::De,
            align: AlignConfig::default(),
        }
    }
}

/// An aligned pair with its place in the document.
#[derive(Debug, Clone)]
pub struct Pair {
    pub bead: Bead,
    /// Byte range of the pair's source text in the source side (empty for 0-1 beads).
    pub source_range: Range<usize>,
    /// Byte range of the pair's target text in the target side (empty for 1-0 beads; then it
    /// sits where the missing translation would be).
    pub target_range: Range<usize>,
}

/// Everything the report needs about one checked document.
#[derive(Debug)]
pub struct Checked {
    pub doc: Document,
    pub source_sentences: Vec<Sentence>,
    pub target_sentences: Vec<Sentence>,
    pub pairs: Vec<Pair>,
    /// (pair index, finding), in pair order.
    pub findings: Vec<(usize, Finding)>,
}

impl Checked {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|(_, f)| f.severity() == severity)
            .count()
    }
}

/// Align the sentences of a document. When its blocks correspond (`doc.paired`), each block
/// pair is aligned on its own; otherwise the whole document is aligned at once.
pub fn align_document(
    doc: &Document,
    src: &[Sentence],
    tgt: &[Sentence],
    cfg: &AlignConfig,
) -> Vec<Bead> {
    let text_of = |side: &SideText, s: &[Sentence]| -> Vec<String> {
        s.iter()
            .map(|x| side.text[x.range.clone()].to_string())
            .collect()
    };
    let groups: Vec<(Range<usize>, Range<usize>)> = if doc.paired {
        let by_block = |s: &[Sentence], n: usize| -> Vec<Range<usize>> {
            let mut out = Vec::with_capacity(n);
            let mut i = 0;
            for b in 0..n {
                let start = i;
                while i < s.len() && s[i].block == b {
                    i += 1;
                }
                out.push(start..i);
            }
            out
        };
        let a = by_block(src, doc.source.blocks.len());
        let b = by_block(tgt, doc.target.blocks.len());
        a.into_iter().zip(b).collect()
    } else {
        vec![(0..src.len(), 0..tgt.len())]
    };
    let src_text = text_of(&doc.source, src);
    let tgt_text = text_of(&doc.target, tgt);
    let mut beads = Vec::new();
    for (s, t) in groups {
        let ss: Vec<&str> = src_text[s.clone()].iter().map(String::as_str).collect();
        let tt: Vec<&str> = tgt_text[t.clone()].iter().map(String::as_str).collect();
        for b in align::align(&ss, &tt, cfg) {
            beads.push(Bead {
                source: b.source.start + s.start..b.source.end + s.start,
                target: b.target.start + t.start..b.target.end + t.start,
                score: b.score,
            });
        }
    }
    beads
}

fn range_of(sents: &[Sentence], r: &Range<usize>, anchor: usize) -> Range<usize> {
    if r.is_empty() {
        anchor..anchor
    } else {
        sents[r.start].range.start..sents[r.end - 1].range.end
    }
}

/// Run segment → align → check on one document.
pub fn check_document(doc: Document, settings: &Settings, checks: &[Box<dyn Check>]) -> Checked {
    let source_sentences = segment::segment_side(&doc.source, settings.source_lang);
    let target_sentences = segment::segment_side(&doc.target, settings.target_lang);
    let beads = align_document(&doc, &source_sentences, &target_sentences, &settings.align);

    let src_chars: usize = source_sentences
        .iter()
        .map(|s| doc.source.text[s.range.clone()].chars().count())
        .sum();
    let tgt_chars: usize = target_sentences
        .iter()
        .map(|s| doc.target.text[s.range.clone()].chars().count())
        .sum();
    let length_ratio = if src_chars > 0 {
        tgt_chars as f64 / src_chars as f64
    } else {
        1.0
    };

    let mut pairs = Vec::with_capacity(beads.len());
    let mut next_target = 0usize;
    let mut next_source = 0usize;
    for bead in beads {
        let t_anchor = target_sentences
            .get(bead.target.start)
            .map(|s| s.range.start)
            .unwrap_or(next_target);
        let s_anchor = source_sentences
            .get(bead.source.start)
            .map(|s| s.range.start)
            .unwrap_or(next_source);
        let source_range = range_of(&source_sentences, &bead.source, s_anchor);
        let target_range = range_of(&target_sentences, &bead.target, t_anchor);
        next_target = target_range.end;
        next_source = source_range.end;
        pairs.push(Pair {
            bead,
            source_range,
            target_range,
        });
    }

    let char_lengths: Vec<(usize, usize)> = pairs
        .iter()
        .map(|p| {
            (
                doc.source.text[p.source_range.clone()]
                    .trim()
                    .chars()
                    .count(),
                doc.target.text[p.target_range.clone()]
                    .trim()
                    .chars()
                    .count(),
            )
        })
        .collect();
    let (log_ratio_mean, log_ratio_sd, ratio_pairs) = length_ratio::log_ratio_stats(&char_lengths);
    let stats = DocStats {
        length_ratio,
        log_ratio_mean,
        log_ratio_sd,
        ratio_pairs,
    };

    let mut findings = Vec::new();
    for (index, pair) in pairs.iter().enumerate() {
        let view = PairView {
            source: &doc.source.text[pair.source_range.clone()],
            target: &doc.target.text[pair.target_range.clone()],
            source_sentences: pair
                .bead
                .source
                .clone()
                .map(|i| {
                    let r = &source_sentences[i].range;
                    r.start - pair.source_range.start..r.end - pair.source_range.start
                })
                .collect(),
            target_sentences: pair
                .bead
                .target
                .clone()
                .map(|i| {
                    let r = &target_sentences[i].range;
                    r.start - pair.target_range.start..r.end - pair.target_range.start
                })
                .collect(),
            score: pair.bead.score,
            doc: &stats,
        };
        let mut out = Vec::new();
        for check in checks {
            check.check(&view, &mut out);
        }
        out.sort_by_key(|f| {
            (
                f.side == crate::model::Side::Target,
                f.span.start,
                f.span.end,
                f.rule.code,
            )
        });
        findings.extend(out.into_iter().map(|f| (index, f)));
    }

    Checked {
        doc,
        source_sentences,
        target_sentences,
        pairs,
        findings,
    }
}
