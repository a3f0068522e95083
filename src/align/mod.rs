//! Sentence alignment: dynamic programming over beads (0-1, 1-0, 1-1, 1-2, 2-1, 2-2, 1-3,
//! 3-1 and a few rarer shapes) inside a band around the expected path.
//!
//! The cost of a bead adds
//! - a prior for its shape,
//! - a Gale–Church length cost, with the length ratio and variance estimated from the
//!   document (German runs longer than English),
//! - a lexical reward: the weighted share of anchor tokens of either side that find a partner
//!   on the other (normalised numbers, names and other capitalised tokens, URLs, @handles,
//!   identical tokens, cognates, dictionary translations with `--dict`); cognates are words
//!   of five letters or more whose folded forms share a prefix of four letters and half
//!   their edit distance (`--set cog_skeleton=1 --set cog_min=4`: phonetic skeletons,
//!   `c`/`z` → `k`, `ph` → `f`, `th` → `t`, `sch`/`sh` → `s`, `v` → `f`, `y` → `i`, doubled
//!   letters once, from four letters; not with a dictionary unless `cog_dict=1`),
//! - a small punctuation-profile penalty (`?`, `!`, `:`, quotes, brackets).
//!
//! Search: rare anchors shared by one source and one target sentence give a monotone chain
//! (a weighted longest increasing subsequence); the band follows the chain, interpolated by
//! character length, and widens where the best path touches its edge (a widening round
//! searches again only the rows near a touch, the others pinned to the last path). A second pass
//! re-estimates the length variance from the first alignment and searches a band around it.
//! The shape priors are re-estimated from the shape counts of the first alignment, smoothed
//! towards the given priors with the weight of `em_priors` beads, and searched again in a band
//! of ±`em_band` around the first path, widened where the new path touches it (`--set
//! em_priors=0` turns it off): a long document full of merges or dropped lines makes them
//! cheaper, while a short one keeps about the given priors.
//! Time and memory grow linearly with the document: one byte of back-pointer per band cell,
//! costs kept for the last few rows only.

pub mod dict;
mod features;
pub mod lexicon;

use std::sync::{Arc, OnceLock};

pub use crate::checks::numbers::normalize_number;
pub use dict::Dictionary;
pub use lexicon::{Coverage, Lexicon};

use crate::model::Bead;
use features::Features;

/// Options for the aligner.
#[derive(Debug, Clone, Default)]
pub struct AlignConfig {
    /// A German–English word list (`--dict`): target words that translate source words count
    /// as lexical anchors.
    pub dict: Option<Arc<Dictionary>>,
    /// Weights of the cost model (defaults tuned on the gold standards in BENCHMARKS.md).
    pub params: Params,
}

/// Weights of the cost model.
#[derive(Debug, Clone)]
pub struct Params {
    /// Half-width of the first search band, in target sentences.
    pub band: usize,
    /// Weight of the length cost.
    pub length: f64,
    /// Weight of the lexical similarity reward.
    pub lexical: f64,
    /// Exponent of the bead size ((source + target sentences) / 2) that scales the lexical
    /// reward: above 0 a well-matched merged bead earns more than a 1-1 bead.
    pub lex_size: f64,
    /// `lex_size` when a dictionary is loaded.
    pub lex_size_dict: f64,
    /// Cost per unit of weight of a number, URL or @handle that finds no partner in the
    /// bead: translations keep them, so unrelated sentences do not pair.
    pub anchor_miss: f64,
    /// Prior length ratio (target chars per source char) for short documents.
    pub ratio_prior: f64,
    /// Weight of the prior ratio, in characters of text.
    pub ratio_prior_chars: f64,
    /// Similarity assumed for a bead whose sentences have no anchor tokens at all.
    pub neutral_sim: f64,
    /// Cost per differing punctuation-profile bit.
    pub punct: f64,
    /// Cost of a 1-0 or 0-1 bead whose sentence has `null_chars` characters or more.
    pub null: f64,
    /// Cost of a 1-0 or 0-1 bead for an empty sentence: short lines (captions, OCR debris,
    /// boilerplate) are cheaper to leave unaligned than long ones.
    pub null_short: f64,
    /// Length (non-space characters) from which a null bead costs `null`.
    pub null_chars: f64,
    /// Extra cost of a 2-1 or 1-2 bead.
    pub merge2: f64,
    /// Extra cost of a 2-2 bead.
    pub merge22: f64,
    /// Extra cost of a 3-1 or 1-3 bead.
    pub merge3: f64,
    /// Extra cost of the rare shapes (2-3, 3-2, 1-4, 4-1).
    pub merge_rare: f64,
    /// Run the second pass (re-estimated variance, narrow band around the first path).
    pub second_pass: bool,
    /// Factor applied to the estimated variance in the second pass.
    pub var_scale: f64,
    /// Temperature of the bead posteriors used as confidence (0 = use the evidence score).
    pub posterior_temp: f64,
    /// Learn word links from the first alignment and align again (0 = off): the least Dice
    /// coefficient of a learned link.
    pub learn_dice: f64,
    /// Strength (0..=1) of a cognate link against an identical token's 1.
    pub cognate: f64,
    /// Compare cognates on a phonetic skeleton (`c`/`z` → `k`, `ph` → `f`, `th` → `t`, …).
    pub cog_skeleton: bool,
    /// Least letters of a word that may have a cognate.
    pub cog_min: usize,
    /// Apply `cog_skeleton` and `cog_min` with a dictionary too (otherwise a dictionary
    /// run compares cognates on the folded form, from five letters: the dictionary is the
    /// denser signal, and looser cognates only add noise to it).
    pub cog_dict: bool,
    /// Strength (0..=1) of a link learned from the document (`learn_dice`).
    pub learn_w: f64,
    /// Exponent of the content factor in the confidence (posterior × content^k; 0 = the
    /// posterior alone).
    pub conf_content: f64,
    /// Count each anchor of a merged bead once ([`union_match`]): a source token linked in
    /// two of its target sentences (a name that recurs) no longer counts twice.
    pub lex_union: bool,
    /// Lexical reward added over the bead's sentences ([`coverage`]): each sentence earns
    /// `lexical / 2` times the share of its anchor weight that finds a partner in the bead
    /// (`neutral_sim` for a sentence without anchors), so that a bead split in two earns
    /// what the merged bead earns unless an anchor links across the split.
    pub lex_additive: bool,
    /// With `lex_additive`: a sentence earns its matched anchor weight over the mean anchor
    /// weight of a sentence of its side (not its own), so that a sentence with few anchors
    /// weighs little.
    pub lex_abs: bool,
    /// With `lex_abs`: cost of an unmatched unit of anchor weight, against a matched unit's
    /// reward of 1.
    pub lex_unmatched: f64,
    /// Re-estimate the shape priors from the first alignment and search again (0 = off):
    /// the weight, in beads, of the default priors against the document's own shape counts
    /// ([`reestimate_priors`]).
    pub em_priors: f64,
    /// With `em_priors`: bead posteriors (the confidence) under the re-estimated priors
    /// rather than the given ones.
    pub em_conf: bool,
    /// With `em_priors`: half-width of the second search's band around the first path,
    /// before widening where the new path touches it.
    pub em_band: f64,
    /// With `lex_additive`: discount what a sentence earns in a bead by the share of its
    /// anchors that unrelated sentences would match by chance ([`chance_rate`], estimated
    /// from the first alignment's non-aligned neighbours), so that a chance link to a
    /// neighbour in a short sentence does not pay for a merge.
    pub lex_chance: bool,
    /// With `lex_chance`: how many standard deviations of the chance share (for the
    /// sentence's effective anchor count) a sentence's matched share must exceed before it
    /// earns anything.
    pub chance_z: f64,
    /// With `lex_chance`: discount a sentence facing one sentence too (otherwise only the
    /// chance of the second and later sentences of the other side is discounted).
    pub chance_all: bool,
    /// With `lex_chance`: discount only the part of a sentence's matched share that its best
    /// partner in the bead leaves (otherwise the whole share).
    pub chance_best: bool,
    /// With `lex_additive`: the first pass (whose path gives the re-estimated priors, the
    /// chance rate and the later bands) under the per-bead reward.
    pub add_late: bool,
    /// With `lex_additive`: a sentence's matched share is shrunk towards 0 by this many
    /// unmatched pseudo-anchors (× neff / (neff + `lex_n0`), neff its effective anchor count).
    pub lex_n0: f64,
    /// With `lex_additive`: a sentence's credited share × (w / w̄)^`lex_grow` for its anchor
    /// weight w against the mean w̄ of its side, so that what a sentence can earn grows with
    /// its evidence (0 = the share alone; 1 = the matched weight over w̄, as `lex_abs`
    /// without its cost of unmatched weight, so a null bead is never cheaper for it).
    pub lex_grow: f64,
    /// With `em_priors`: the shape counts are expected counts (soft counts: the posterior
    /// mass of every bead of every shape in a band of ±3 around the first path, by
    /// forward–backward) rather than the first path's (Viterbi) counts; 1 = the posteriors
    /// of the first pass's model (the per-bead reward under `add_late`), 2 = those of the
    /// model of the later search. 0 = Viterbi counts.
    pub em_soft: u8,
    /// With `em_soft`: temperature of the posteriors that give the soft counts (below 1
    /// sharper, towards the Viterbi counts; the confidence keeps `posterior_temp`).
    pub em_soft_temp: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            band: 8,
            length: 1.0,
            lexical: 20.0,
            neutral_sim: 0.15,
            lex_size: 0.25,
            lex_size_dict: 0.0,
            anchor_miss: 0.1,
            ratio_prior: 1.1,
            ratio_prior_chars: 300.0,
            punct: 1.0,
            null: 3.5,
            null_short: 3.0,
            null_chars: 40.0,
            merge2: 2.5,
            merge22: 3.5,
            merge3: 5.0,
            merge_rare: 6.0,
            second_pass: false,
            var_scale: 1.0,
            learn_dice: 0.0,
            posterior_temp: 1.0,
            cognate: 1.0,
            cog_skeleton: false,
            cog_min: 5,
            cog_dict: false,
            learn_w: 1.0,
            conf_content: 1.0,
            lex_union: false,
            lex_additive: false,
            lex_abs: false,
            lex_unmatched: 0.0,
            em_priors: 100.0,
            em_conf: false,
            em_band: 6.0,
            lex_chance: false,
            chance_z: 1.0,
            chance_all: false,
            chance_best: false,
            add_late: false,
            lex_n0: 0.0,
            lex_grow: 0.0,
            em_soft: 0,
            em_soft_temp: 1.0,
        }
    }
}

impl Params {
    /// Set a weight by name (`lexical=5`), for tuning from the command line.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let v: f64 = value
            .parse()
            .map_err(|_| format!("'{value}' is not a number (parameter {key})"))?;
        match key {
            "band" => self.band = v.max(1.0) as usize,
            "length" => self.length = v,
            "lexical" => self.lexical = v,
            "neutral_sim" => self.neutral_sim = v,
            "lex_size" => self.lex_size = v,
            "lex_size_dict" => self.lex_size_dict = v,
            "anchor_miss" => self.anchor_miss = v,
            "ratio_prior" => self.ratio_prior = v,
            "ratio_prior_chars" => self.ratio_prior_chars = v.max(0.0),
            "punct" => self.punct = v,
            "null" => self.null = v,
            "null_short" => self.null_short = v,
            "null_chars" => self.null_chars = v.max(1.0),
            "merge2" => self.merge2 = v,
            "merge22" => self.merge22 = v,
            "merge3" => self.merge3 = v,
            "merge_rare" => self.merge_rare = v,
            "second_pass" => self.second_pass = v != 0.0,
            "var_scale" => self.var_scale = v.max(0.01),
            "learn_dice" => self.learn_dice = v,
            "posterior_temp" => self.posterior_temp = v.max(0.0),
            "cognate" => self.cognate = v.clamp(0.0, 1.0),
            "cog_skeleton" => self.cog_skeleton = v != 0.0,
            "cog_min" => self.cog_min = v.clamp(2.0, 64.0) as usize,
            "cog_dict" => self.cog_dict = v != 0.0,
            "learn_w" => self.learn_w = v.clamp(0.0, 1.0),
            "conf_content" => self.conf_content = v.max(0.0),
            "lex_union" => self.lex_union = v != 0.0,
            "lex_additive" => self.lex_additive = v != 0.0,
            "lex_abs" => self.lex_abs = v != 0.0,
            "lex_unmatched" => self.lex_unmatched = v.max(0.0),
            "em_priors" => self.em_priors = v.max(0.0),
            "em_conf" => self.em_conf = v != 0.0,
            "em_band" => self.em_band = v.max(1.0),
            "lex_chance" => self.lex_chance = v != 0.0,
            "chance_z" => self.chance_z = v.max(0.0),
            "chance_all" => self.chance_all = v != 0.0,
            "chance_best" => self.chance_best = v != 0.0,
            "add_late" => self.add_late = v != 0.0,
            "lex_n0" => self.lex_n0 = v.max(0.0),
            "lex_grow" => self.lex_grow = v.max(0.0),
            "em_soft" => self.em_soft = v.clamp(0.0, 2.0) as u8,
            "em_soft_temp" => self.em_soft_temp = v.max(0.01),
            _ => return Err(format!("unknown aligner parameter '{key}'")),
        }
        Ok(())
    }
}

/// A bead shape: source count, target count.
#[derive(Debug, Clone, Copy)]
struct Shape {
    di: usize,
    dj: usize,
    cost: f64,
    /// Cost of a null bead of an empty sentence (`null_short`; see [`bead_cost_spans`]); for
    /// the other shapes the floor of the search's lower bound with `cost`.
    short: f64,
    /// Factor of the lexical reward (see [`Params::lex_size`]).
    lex: f64,
}

/// The bead shapes; `cap` bounds what one sentence earns under `lex_additive` (in units of
/// `lexical / 2`), for the search's lower bound.
fn shapes(p: &Params, cap: f64) -> Vec<Shape> {
    let s = |di: usize, dj: usize, cost| Shape {
        di,
        dj,
        cost,
        short: p.null_short,
        lex: if p.lex_additive {
            p.lexical * (di + dj) as f64 / 2.0 * cap
        } else {
            p.lexical * ((di + dj) as f64 / 2.0).powf(p.lex_size)
        },
    };
    vec![
        s(1, 1, 0.0),
        s(1, 0, p.null),
        s(0, 1, p.null),
        s(2, 1, p.merge2),
        s(1, 2, p.merge2),
        s(2, 2, p.merge22),
        s(3, 1, p.merge3),
        s(1, 3, p.merge3),
        s(2, 3, p.merge_rare),
        s(3, 2, p.merge_rare),
        s(1, 4, p.merge_rare),
        s(4, 1, p.merge_rare),
    ]
}

const MAX_DI: usize = 4;
/// The number of bead shapes ([`shapes`]).
const MAX_SHAPES: usize = 12;
/// Half-width (target sentences) of the band of the search after learning word links.
const LEARNED_BAND: f64 = 4.0;
const MAX_DJ: usize = 4;
const NO_BACK: u8 = u8::MAX;

/// Align `source` and `target` sentences. Indices in the returned beads are positions in the
/// given slices; every sentence appears in exactly one bead, in order, and every bead carries
/// a confidence in 0..=1.
pub fn align(source: &[&str], target: &[&str], cfg: &AlignConfig) -> Vec<Bead> {
    let n = source.len();
    let m = target.len();
    if n == 0 || m == 0 {
        let mut out: Vec<Bead> = (0..n).map(|i| Bead::new(i..i + 1, 0..0, 0.5)).collect();
        out.extend((0..m).map(|j| Bead::new(n..n, j..j + 1, 0.5)));
        return out;
    }
    // The features' buffers are kept per thread: a plain-text document calls this once per
    // paragraph, and for paragraphs of a few sentences allocation would dominate.
    thread_local! {
        static SCRATCH: std::cell::RefCell<Features> = std::cell::RefCell::default();
    }
    let mut f = SCRATCH.with(|s| s.take());
    let beads = align_with(&mut f, source, target, cfg);
    SCRATCH.with(|s| s.replace(f));
    beads
}

/// How words are linked across the sides under `cfg` (cognates only without a dictionary,
/// unless `cog_dict`).
fn link_opts(cfg: &AlignConfig) -> features::LinkOpts {
    let p = &cfg.params;
    let loose = cfg.dict.is_none() || p.cog_dict;
    features::LinkOpts {
        cognate: p.cognate as f32,
        skeleton: p.cog_skeleton && loose,
        min_len: if loose { p.cog_min } else { 5 },
        learned: p.learn_w as f32,
    }
}

/// [`align`] for non-empty sides, with `f` as the features' buffers.
fn align_with(f: &mut Features, source: &[&str], target: &[&str], cfg: &AlignConfig) -> Vec<Bead> {
    let n = source.len();
    let m = target.len();
    static TRACE: OnceLock<bool> = OnceLock::new();
    let trace = *TRACE.get_or_init(|| std::env::var_os("MTLINT_ALIGN_TRACE").is_some());
    let t0 = std::time::Instant::now();
    features::build_into(f, source, target, cfg.dict.as_deref(), &link_opts(cfg));
    if trace {
        eprintln!("features {:?}", t0.elapsed());
    }
    // With a dictionary most pairs share anchors: merged beads need no size bonus.
    let mut params = cfg.params.clone();
    if cfg.dict.is_some() {
        params.lex_size = params.lex_size_dict;
    }
    let p = &params;
    let mut model = Model::new(f, p);
    let mut shapes = shapes(p, model.lex_cap);

    // Pass 1: band around the anchor chain, widened where the path touches its edge. With
    // no more target sentences than the band's half-width the band spans the whole table
    // wherever its centre lies (and is never touched), so the chain is not needed.
    let mut path = first_path(f, &model, &shapes, trace, t0);

    // Shape priors re-estimated from the first alignment's shape counts, then a second
    // search in a band of `em_band` around the first path, widened like the first pass's
    // wherever the new path touches its edge (a fixed narrow band loses Text+Berg's runs of
    // null beads; the first pass's whole band costs a third of the run).
    // `lex_chance`: the chance rate of cross links from the first alignment; the next
    // search discounts it.
    let chance = p.lex_additive && p.lex_chance && {
        model.chance = chance_rate(f, &path);
        if trace {
            eprintln!("chance rate {:.4}", model.chance);
        }
        model.chance > 0.0
    };
    let em = p.em_priors > 0.0
        && if p.em_soft > 0 {
            let counts = soft_counts(f, &model, &shapes, &path);
            if trace {
                eprintln!("{n}x{m} soft counts {counts:.1?}");
            }
            reestimate_from_counts(&mut shapes, &counts, p.em_priors)
        } else {
            reestimate_priors(&mut shapes, &path, p.em_priors)
        };
    if trace && em {
        let costs: Vec<String> = shapes
            .iter()
            .map(|s| format!("{}-{} {:.2}", s.di, s.dj, s.cost))
            .collect();
        eprintln!("{n}x{m} re-estimated priors {}", costs.join(", "));
    }
    if em || chance {
        let center = center_from_path(&path, n);
        let widths = vec![p.em_band.min(p.band as f64); n + 1];
        path = search_widening(
            f, &model, &shapes, center, widths, PIN_MARGIN, "em", trace, t0,
        );
    }

    // Pass 2: word links learned from the confident 1-1 beads of the first alignment
    // (see `lexicon`), then a search in a narrow band around the first path.
    if p.learn_dice > 0.0 {
        let first = beads_of(f, &model, &path);
        let ones: Vec<(usize, usize)> = first
            .iter()
            .filter(|b| b.source().len() == 1 && b.target().len() == 1 && b.score >= 0.5)
            .map(|b| (b.source().start, b.target().start))
            .collect();
        let learned = lexicon::learn_type_links(f, &ones, p.learn_dice);
        if f.add_links(&learned) > 0 {
            // The first path is near right almost everywhere: a narrow band suffices.
            let center = center_from_path(&path, n);
            let band = Band::around(&center, &vec![LEARNED_BAND; n + 1], m);
            path = search(f, &model, &shapes, &band);
            if trace {
                eprintln!("learned pass: {} links {:?}", learned.len(), t0.elapsed());
            }
        }
    }

    // Pass 3: length variance from the first alignment, narrow band around its path.
    if p.second_pass
        && let Some(var) = estimate_variance(f, &path, model.ratio)
    {
        model.variance = var * p.var_scale;
        let center = center_from_path(&path, n);
        let band = Band::around(&center, &vec![(p.band as f64 / 2.0).max(6.0); n + 1], m);
        path = search(f, &model, &shapes, &band);
    }

    let mut beads = beads_of(f, &model, &path);
    if p.posterior_temp > 0.0 {
        let center = center_from_path(&path, n);
        let band = Band::around(&center, &vec![POSTERIOR_BAND; n + 1], m);
        // With re-estimated priors, the confidence is still the given priors' posterior
        // (`em_conf=1` takes the re-estimated ones): a bead they would not have chosen is
        // contested.
        let given;
        let conf_shapes = if p.em_priors > 0.0 && !p.em_conf {
            given = self::shapes(p, model.lex_cap);
            &given
        } else {
            &shapes
        };
        let post = posteriors(f, &model, conf_shapes, &band, &path, p.posterior_temp, None);
        // Structure (posterior) times content: a pair the alignment is sure of but whose
        // sentences share far less than the document's typical pair still scores low.
        for (b, q) in beads.iter_mut().zip(post) {
            let content = if b.source().is_empty() || b.target().is_empty() {
                1.0
            } else {
                let c = (b.score / 0.8).min(1.0);
                if p.conf_content == 1.0 {
                    c
                } else {
                    c.powf(p.conf_content)
                }
            };
            b.score = (q * content).clamp(0.0, 1.0);
        }
    }
    beads
}

/// The first pass's path: a search in a band around the anchor chain, widened where the path
/// touches its edge. With no more target sentences than the band's half-width the band spans
/// the whole table wherever its centre lies (and is never touched), so the chain is not
/// needed. Under `add_late` the search uses the per-bead reward.
fn first_path(
    f: &Features,
    model: &Model,
    shapes: &[Shape],
    trace: bool,
    t0: std::time::Instant,
) -> Vec<(usize, usize)> {
    // `add_late`: the first pass under the per-bead reward, the later ones per sentence.
    if model.p.lex_additive && model.p.add_late {
        let mut p1 = model.p.clone();
        p1.lex_additive = false;
        let m1 = Model::new(f, &p1);
        let s1 = self::shapes(&p1, m1.lex_cap);
        return first_path(f, &m1, &s1, trace, t0);
    }
    let (n, m) = (f.src.len(), f.tgt.len());
    let band = model.p.band;
    let chain = if m > band {
        anchor_chain(f)
    } else {
        Vec::new()
    };
    let center = center_from_chain(f, &chain);
    let widths = vec![band as f64; n + 1];
    search_widening(
        f, model, shapes, center, widths, PIN_MARGIN, "pass 1", trace, t0,
    )
}

/// Search in a band of `widths` around `center`, doubling the width near every row where the
/// best path touches the band's edge (locally, at most four rounds), so that a long document
/// with one difficult stretch still costs a few linear passes. In a widening round only the
/// rows within `pin_margin` (or eight reaches) of a touch are searched again; the others are
/// pinned to the last path.
#[allow(clippy::too_many_arguments)]
fn search_widening(
    f: &Features,
    model: &Model,
    shapes: &[Shape],
    mut center: Vec<f64>,
    mut widths: Vec<f64>,
    pin_margin: usize,
    label: &str,
    trace: bool,
    t0: std::time::Instant,
) -> Vec<(usize, usize)> {
    let n = f.src.len();
    let m = f.tgt.len();
    let mut round = 0;
    // After the first round, the rows far from every touch are pinned to the last path:
    // a long document with one difficult stretch then pays a few narrow rows, not a whole
    // second search, for each widening.
    let mut free: Option<Vec<bool>> = None;
    let mut last: Vec<(usize, usize)> = Vec::new();
    loop {
        let mut band = Band::around(&center, &widths, m);
        if let Some(free) = &free {
            band.pin(&last, free);
        }
        let path = search(f, model, shapes, &band);
        let mut touched = band.touched(&path, m);
        if let Some(free) = &free {
            touched.retain(|&i| free[i]);
        }
        if trace {
            eprintln!(
                "{label} round {round}: {} rows touched {:?}",
                touched.len(),
                t0.elapsed()
            );
        }
        if touched.is_empty() || round >= 4 {
            return path;
        }
        let mut grow = vec![false; n + 1];
        let mut near = vec![false; n + 1];
        for &i in &touched {
            let reach = (2.0 * widths[i]) as usize;
            mark_around(&mut grow, i, reach);
            mark_around(&mut near, i, pin_margin.max(8 * reach));
        }
        for (w, g) in widths.iter_mut().zip(grow) {
            if g {
                *w *= 2.0;
            }
        }
        center = center_from_path(&path, n);
        free = Some(near);
        last = path;
        round += 1;
    }
}

/// Set `marks[i - reach..=i + reach]` (clipped to the slice).
fn mark_around(marks: &mut [bool], i: usize, reach: usize) {
    let end = i.saturating_add(reach).saturating_add(1).min(marks.len());
    for m in marks
        .get_mut(i.saturating_sub(reach)..end)
        .unwrap_or_default()
    {
        *m = true;
    }
}

/// Rows on either side of a touched row that a widening round searches again (the others
/// keep the last path).
const PIN_MARGIN: usize = 512;

/// Alignments of fewer beads than this keep the given shape priors ([`reestimate_priors`]).
const EM_MIN_BEADS: f64 = 16.0;

/// Set the shape priors to the document's shape frequencies along `path`, smoothed towards
/// the given priors: with the prior probability of a shape taken as exp(-cost) normalised
/// over the shapes, its estimate is (count + `weight` × prior) / (beads + `weight`), and its
/// new cost -ln(estimate / estimate of 1-1), so that a 1-1 bead still costs nothing. A null
/// bead's cost for an empty sentence moves with its full cost. Returns whether any cost
/// changed (never for a path of fewer than [`EM_MIN_BEADS`] beads).
fn reestimate_priors(shapes: &mut [Shape], path: &[(usize, usize)], weight: f64) -> bool {
    let mut counts = vec![0.0f64; shapes.len()];
    for w in path.windows(2) {
        let (di, dj) = (w[1].0 - w[0].0, w[1].1 - w[0].1);
        if let Some(k) = shapes.iter().position(|s| s.di == di && s.dj == dj) {
            counts[k] += 1.0;
        }
    }
    reestimate_from_counts(shapes, &counts, weight)
}

/// [`reestimate_priors`] from shape counts `counts` (one per shape, in the order of
/// `shapes`; Viterbi or expected counts).
fn reestimate_from_counts(shapes: &mut [Shape], counts: &[f64], weight: f64) -> bool {
    let total: f64 = counts.iter().sum();
    // A paragraph-sized alignment keeps the priors as given: a dozen beads would move them
    // little, and plain text is aligned paragraph by paragraph, where a second search of
    // every paragraph costs about a sixth more of the whole check run.
    if total < EM_MIN_BEADS {
        return false;
    }
    let z: f64 = shapes.iter().map(|s| (-s.cost).exp()).sum();
    let est: Vec<f64> = shapes
        .iter()
        .zip(counts)
        .map(|(s, &c)| (c + weight * (-s.cost).exp() / z) / (total + weight))
        .collect();
    let Some(one) = shapes.iter().position(|s| s.di == 1 && s.dj == 1) else {
        return false;
    };
    let base = est[one];
    let mut changed = false;
    for (s, &e) in shapes.iter_mut().zip(&est) {
        let cost = -(e / base).ln();
        let delta = cost - s.cost;
        if delta != 0.0 && delta.is_finite() {
            changed = true;
            s.cost = cost;
            if s.di == 0 || s.dj == 0 {
                s.short += delta;
            }
        }
    }
    changed
}

/// The cost model for one document.
struct Model<'a> {
    p: &'a Params,
    ratio: f64,
    variance: f64,
    /// The table of [`gc_cost`], fetched once rather than at every bead.
    gc: &'static [f64],
    /// Mean anchor weight of a source and of a target sentence (`lex_abs`).
    wbar: [f64; 2],
    /// The most one sentence earns under `lex_additive`, in units of `lexical / 2`.
    lex_cap: f64,
    /// `lex_chance`: the share of a sentence's anchor weight that one unrelated neighbour
    /// matches ([`chance_rate`]; 0 = no discount).
    chance: f64,
    /// `lex_chance`: each source and target sentence's effective anchor count
    /// ((sum of weights)² / sum of squared weights).
    neff: [Vec<f64>; 2],
}

impl<'a> Model<'a> {
    fn new(f: &Features, p: &'a Params) -> Self {
        let ls = *f.src.chars.last().unwrap_or(&1.0);
        let lt = *f.tgt.chars.last().unwrap_or(&1.0);
        // Short documents: blend with a prior ratio, so that one stray line on one side does
        // not redefine how long a translation is.
        let k = p.ratio_prior_chars;
        let ratio = if ls > 0.0 && lt > 0.0 {
            (lt + k * p.ratio_prior) / (ls + k)
        } else {
            1.0
        };
        let mean = |side: &features::Side| {
            let n = side.len().max(1) as f64;
            (side.weight.last().copied().unwrap_or(0.0) / n).max(1e-9)
        };
        let wbar = [mean(&f.src), mean(&f.tgt)];
        let mut lex_cap = p.neutral_sim.max(1.0);
        // What the heaviest sentence can earn when its weight counts (`lex_abs`: w / w̄;
        // `lex_grow`: (w / w̄)^γ).
        let grow = if p.lex_abs {
            Some(1.0)
        } else if p.lex_additive && p.lex_grow > 0.0 {
            Some(p.lex_grow)
        } else {
            None
        };
        if let Some(g) = grow {
            for (side, wb) in [(&f.src, wbar[0]), (&f.tgt, wbar[1])] {
                for w in side.weight.windows(2) {
                    let r = (w[1] - w[0]) / wb;
                    lex_cap = lex_cap.max(if g == 1.0 { r } else { r.powf(g) });
                }
            }
        }
        let neff = if p.lex_additive && (p.lex_chance || p.lex_n0 > 0.0) {
            [
                (0..f.src.len())
                    .map(|s| effective_count(f.src.types(s).iter().map(|&i| f.src_w[i as usize])))
                    .collect(),
                (0..f.tgt.len())
                    .map(|t| {
                        effective_count(
                            f.tgt
                                .types(t)
                                .iter()
                                .take(255)
                                .map(|&i| f.tgt_w[i as usize]),
                        )
                    })
                    .collect(),
            ]
        } else {
            Default::default()
        };
        Model {
            p,
            ratio,
            variance: 6.8,
            gc: gc_table(),
            wbar,
            lex_cap,
            chance: 0.0,
            neff,
        }
    }

    /// Gale–Church length cost of l1 source chars against l2 target chars, given as spans
    /// whose `scaled` fields hold l1 * ratio and l2 / ratio.
    fn length(&self, a: &Span, b: &Span) -> f64 {
        gc_cost(self.gc, self.length_delta(a, b))
    }

    /// The normalised length difference d ≥ 0 whose cost [`Model::length`] gives.
    #[inline]
    fn length_delta(&self, a: &Span, b: &Span) -> f64 {
        let (l1, l2) = (a.chars, b.chars);
        let mean = (l1 + b.scaled) / 2.0;
        let delta = (l2 - a.scaled) / (mean * self.variance).sqrt().max(1e-9);
        delta.abs()
    }
}

/// Step and end of the table of [`gc_cost`].
const GC_STEP: f64 = 0.01;
const GC_MAX: f64 = 8.0;

/// The table of -ln(2 (1 - Φ(x))) for x = 0, [`GC_STEP`], …, [`GC_MAX`].
fn gc_table() -> &'static [f64] {
    static TABLE: OnceLock<Vec<f64>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..=(GC_MAX / GC_STEP) as usize)
            .map(|k| {
                let x = k as f64 * GC_STEP;
                -(2.0 * (1.0 - normal_cdf(x))).max(1e-300).ln()
            })
            .collect()
    })
}

/// -ln(2 (1 - Φ(d))): the Gale–Church cost of a normalised length difference d ≥ 0, from
/// the table `t` of [`gc_table`] (the search evaluates it tens of millions of times).
#[inline]
fn gc_cost(t: &[f64], d: f64) -> f64 {
    if d >= GC_MAX {
        // Mills ratio asymptote: 1 - Φ(d) ≈ φ(d)/d.
        return d * d / 2.0 + d.ln() + (std::f64::consts::TAU.sqrt() / 2.0).ln();
    }
    let x = d / GC_STEP;
    // 0 <= x < 800 here (or NaN, which gives 0 either way): the u32 conversion is the
    // usize one, with fewer instructions.
    let k = x as u32 as usize;
    let fr = x - k as f64;
    let a = t.get(k).copied().unwrap_or(f64::NAN);
    let b = t.get(k + 1).copied().unwrap_or(a);
    a + (b - a) * fr
}

fn normal_cdf(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

/// Complementary error function (Numerical Recipes, fractional error < 1.2e-7); public for
/// the bench crate's Gale–Church baseline.
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// The search band: for node row i (i source sentences consumed), target positions
/// `lo[i]..=hi[i]`.
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
}

impl Band {
    fn around(center: &[f64], widths: &[f64], m: usize) -> Band {
        let n = center.len() - 1;
        let mut lo: Vec<usize> = center
            .iter()
            .zip(widths)
            .map(|(&c, &w)| (c - w).floor().clamp(0.0, m as f64) as usize)
            .collect();
        let mut hi: Vec<usize> = center
            .iter()
            .zip(widths)
            .map(|(&c, &w)| (c + w).ceil().clamp(0.0, m as f64) as usize)
            .collect();
        lo[0] = 0;
        hi[n] = m;
        for i in 1..=n {
            lo[i] = lo[i].max(lo[i - 1]);
        }
        for i in (0..n).rev() {
            hi[i] = hi[i].min(hi[i + 1]);
        }
        for i in 0..=n {
            hi[i] = hi[i].max(lo[i]);
        }
        // Keep the band connected: row i must be reachable from row i-1.
        for i in 1..=n {
            if lo[i] > hi[i - 1] {
                hi[i - 1] = lo[i];
            }
        }
        Band { lo, hi }
    }

    /// Narrow every row that is not `free` to the columns `path` takes in it (a row the
    /// path steps over to the column of the bead's start).
    fn pin(&mut self, path: &[(usize, usize)], free: &[bool]) {
        let mut seen = vec![false; self.lo.len()];
        let mut prev: Option<(usize, usize)> = None;
        for &(i, j) in path {
            // Rows a bead steps over keep the column it starts at.
            if let Some((pi, pj)) = prev {
                for r in pi + 1..i {
                    if !free[r] {
                        seen[r] = true;
                        self.lo[r] = pj;
                        self.hi[r] = pj;
                    }
                }
            }
            prev = Some((i, j));
            if free[i] {
                continue;
            }
            if seen[i] {
                self.lo[i] = self.lo[i].min(j);
                self.hi[i] = self.hi[i].max(j);
            } else {
                seen[i] = true;
                self.lo[i] = j;
                self.hi[i] = j;
            }
        }
    }

    /// Rows where the path runs along the band's edge (where the edge is not the
    /// document's).
    fn touched(&self, path: &[(usize, usize)], m: usize) -> Vec<usize> {
        let mut rows: Vec<usize> = path
            .iter()
            .filter(|&&(i, j)| {
                (j == self.lo[i] && self.lo[i] > 0) || (j == self.hi[i] && self.hi[i] < m)
            })
            .map(|&(i, _)| i)
            .collect();
        rows.dedup();
        rows
    }
}

/// Matched anchor weight of a sentence pair: source, target, source strong, target strong.
type Cell = [f32; 4];

/// Lexical match of one source sentence against one target sentence: the weight of the
/// source anchors that found a partner, and the weight of the target anchors that did.
fn cell(f: &Features, s: usize, t: usize) -> Cell {
    let a = f.src.types(s);
    let b = f.linked(t);
    if a.is_empty() || b.pairs.is_empty() {
        return [0.0; 4];
    }
    let mut sums = CellSums::default();
    let (mut x, mut y) = (0, 0);
    while x < a.len() && y < b.pairs.len() {
        let sa = a[x];
        let sb = b.pairs[y].0;
        if sa < sb {
            x += 1;
        } else if sa > sb {
            y += 1;
        } else {
            y = sums.add_group(f, &b, y, sa);
            x += 1;
        }
    }
    sums.cell()
}

/// The cells of source sentence `s` against targets `from..to`, appended to `row`: the values
/// of [`cell`], found without a merge. `mark` (one entry per source type, kept between
/// calls) flags the types of `s` with `s + 1`; the target's pairs are then scanned once, and
/// the matched groups come in the order the merge meets them, so the sums are the same.
fn cell_row(
    f: &Features,
    mark: &mut [usize],
    s: usize,
    from: usize,
    to: usize,
    row: &mut Vec<Cell>,
) {
    let a = f.src.types(s);
    if a.is_empty() {
        row.extend((from..to).map(|_| [0.0; 4]));
        return;
    }
    let stamp = s + 1;
    for &id in a {
        mark[id as usize] = stamp;
    }
    row.extend((from..to).map(|t| {
        let b = f.linked(t);
        let mut sums = CellSums::default();
        let mut y = 0;
        while y < b.pairs.len() {
            let sa = b.pairs[y].0;
            if mark[sa as usize] != stamp {
                y += 1;
                continue;
            }
            y = sums.add_group(f, &b, y, sa);
        }
        sums.cell()
    }));
}

/// The four sums of a [`Cell`], added as the matched type groups come ([`cell`],
/// [`cell_row`]: the same operations in the same order, so the same values).
#[derive(Default)]
struct CellSums {
    ms: f32,
    mt: f32,
    ss: f32,
    st: f32,
    /// Target slots already counted.
    seen: [u64; 4],
}

impl CellSums {
    /// Add the group of `b`'s pairs from `y` on that link source type `sa`; returns the
    /// index after the group. A weak link (a cognate, a learned pair) counts for its strength.
    #[inline]
    fn add_group(
        &mut self,
        f: &Features,
        b: &features::Linked<'_>,
        mut y: usize,
        sa: u32,
    ) -> usize {
        let mut best = 0u8;
        while y < b.pairs.len() && b.pairs[y].0 == sa {
            let (_, slot, k) = b.pairs[y];
            let slot = slot as usize;
            best = best.max(k);
            let bit = 1u64 << (slot % 64);
            if self.seen[slot / 64] & bit == 0 {
                self.seen[slot / 64] |= bit;
                let w = b.slot_weight[slot] * strength(k);
                self.mt += w;
                if b.slot_strong[slot] {
                    self.st += w;
                }
            }
            y += 1;
        }
        let w = f.src_w[sa as usize] * strength(best);
        self.ms += w;
        if features::strong(f.src.vocab.kind[sa as usize]) {
            self.ss += w;
        }
        y
    }

    fn cell(&self) -> Cell {
        [self.ms, self.mt, self.ss, self.st]
    }
}

/// A link strength byte as a factor (255 = 1 exactly).
#[inline]
fn strength(k: u8) -> f32 {
    if k == u8::MAX { 1.0 } else { k as f32 / 255.0 }
}

/// Lexical values of the cells of the last few source sentences.
struct CellRows {
    start: [usize; MAX_DI],
    vals: [Vec<Cell>; MAX_DI],
    /// [`cell_row`]'s flags, one per source type.
    mark: Vec<usize>,
}

impl CellRows {
    fn new(f: &Features) -> CellRows {
        CellRows {
            start: [0; MAX_DI],
            vals: Default::default(),
            mark: vec![0; f.src.vocab.len()],
        }
    }

    /// The cells of source sentence `i - 1` against every target it may meet in the band,
    /// as row `i` of a search ([`search`], [`posteriors`]) starts.
    fn fill(&mut self, f: &Features, band: &Band, i: usize) {
        let (n, m) = (f.src.len(), f.tgt.len());
        let s = i - 1;
        let from = band.lo[i].saturating_sub(MAX_DJ);
        let to = band.hi[(s + MAX_DI).min(n)].min(m);
        let k = s % MAX_DI;
        self.start[k] = from;
        let row = &mut self.vals[k];
        row.clear();
        cell_row(f, &mut self.mark, s, from, to, row);
    }

    /// Add the cells of source sentence `s` against targets `t0..t1` to `m`, in order of t
    /// (as [`add_cells`] does with [`CellRows::get`], without a look-up per cell).
    #[inline]
    fn add_row(&self, s: usize, t0: usize, t1: usize, m: &mut [f64; 4]) {
        let k = s % MAX_DI;
        let start = self.start[k];
        match self.vals[k].get(t0.wrapping_sub(start)..t1.wrapping_sub(start)) {
            Some(row) => {
                for c in row {
                    for x in 0..4 {
                        m[x] += c[x] as f64;
                    }
                }
            }
            None => add_cells(|t| self.get(s, t), t0, t1, m),
        }
    }

    #[inline]
    fn get(&self, s: usize, t: usize) -> Cell {
        let k = s % MAX_DI;
        // Before `start` wraps to an index past the end.
        self.vals[k]
            .get(t.wrapping_sub(self.start[k]))
            .copied()
            .unwrap_or([0.0; 4])
    }
}

/// Add the cells `cell(t)` for targets `t0..t1` to `m`, in order of t.
#[inline]
fn add_cells(cell: impl Fn(usize) -> Cell, t0: usize, t1: usize, m: &mut [f64; 4]) {
    for t in t0..t1 {
        let c = cell(t);
        for x in 0..4 {
            m[x] += c[x] as f64;
        }
    }
}

/// Length, anchor weight and punctuation of a span of sentences.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    chars: f64,
    weight: f64,
    strong: f64,
    punct: u8,
    /// Source: chars * ratio; target: chars / ratio (see [`Model::length`]).
    scaled: f64,
}

fn span(side: &features::Side, end: usize, len: usize) -> Span {
    let mut punct = 0u8;
    for k in end - len..end {
        punct |= side.punct[k];
    }
    Span {
        chars: side.chars[end] - side.chars[end - len],
        weight: side.weight[end] - side.weight[end - len],
        strong: side.strong[end] - side.strong[end - len],
        punct,
        scaled: 0.0,
    }
}

/// The spans of `side` ending at sentence boundary `end`, of 1..=[`MAX_DJ`] sentences (those
/// that fit), as [`span`] gives them, in one pass: `out[len]` is `span(side, end, len)`,
/// with `scaled` = `scale(chars)`.
#[inline]
fn spans_ending(
    side: &features::Side,
    end: usize,
    scale: impl Fn(f64) -> f64,
    out: &mut [Span; MAX_DJ + 1],
) {
    let (c, w, s) = (side.chars[end], side.weight[end], side.strong[end]);
    let mut punct = 0u8;
    for (len, sp) in out.iter_mut().enumerate().skip(1).take(end) {
        let k = end - len;
        punct |= side.punct[k];
        let chars = c - side.chars[k];
        *sp = Span {
            chars,
            weight: w - side.weight[k],
            strong: s - side.strong[k],
            punct,
            scaled: scale(chars),
        };
    }
}

/// The target spans ending at each column ([`spans_ending`]), kept for the columns a search
/// met last: the rows of a band overlap, so a column's spans are computed about once per
/// search rather than once per node. A ring of [`COLUMN_RING`] columns, each tagged with its
/// column (a slot whose tag differs is computed again).
struct ColumnSpans {
    tag: Vec<usize>,
    spans: Vec<[Span; MAX_DJ + 1]>,
    ratio: f64,
}

/// Columns [`ColumnSpans`] keeps (a power of two, wider than any band but the widest).
const COLUMN_RING: usize = 1024;

impl ColumnSpans {
    /// The ring for a document of `columns` target columns: no wider than the document (a
    /// paragraph of plain text is aligned on its own, and clearing a ring of [`COLUMN_RING`]
    /// columns for each cost more than the spans it saved).
    fn new(ratio: f64, columns: usize) -> ColumnSpans {
        let len = columns.next_power_of_two().min(COLUMN_RING);
        ColumnSpans {
            tag: vec![usize::MAX; len],
            spans: vec![[Span::default(); MAX_DJ + 1]; len],
            ratio,
        }
    }

    /// `spans_ending(&f.tgt, j, |c| c / ratio, ..)`: entry `len` for `len` in 1..=min(j, 4).
    #[inline]
    fn get(&mut self, f: &Features, j: usize) -> &[Span; MAX_DJ + 1] {
        // (the length is a power of two)
        let k = j & (self.tag.len() - 1);
        if self.tag[k] != j {
            self.tag[k] = j;
            let ratio = self.ratio;
            spans_ending(&f.tgt, j, |c| c / ratio, &mut self.spans[k]);
        }
        &self.spans[k]
    }
}

/// The cost of a bead ending at node (i, j) with `di` source and `dj` target sentences.
fn bead_cost(
    f: &Features,
    model: &Model,
    cells: impl Fn(usize, usize, usize, &mut [f64; 4]),
    i: usize,
    j: usize,
    sh: &Shape,
) -> f64 {
    let mut a = if sh.di > 0 {
        span(&f.src, i, sh.di)
    } else {
        Span::default()
    };
    let mut b = if sh.dj > 0 {
        span(&f.tgt, j, sh.dj)
    } else {
        Span::default()
    };
    a.scaled = a.chars * model.ratio;
    b.scaled = b.chars / model.ratio;
    bead_cost_spans(f, model, &cells, i, j, sh, &a, &b, f64::INFINITY)
}

/// The cost of a bead from its spans; gives up (returns infinity) as soon as the cost is
/// sure to reach `limit`. `cells(s, t0, t1, m)` adds the cells of source sentence s against
/// targets t0..t1 to m, in order of t.
#[allow(clippy::too_many_arguments)]
#[inline]
fn bead_cost_spans(
    f: &Features,
    model: &Model,
    cells: &impl Fn(usize, usize, usize, &mut [f64; 4]),
    i: usize,
    j: usize,
    sh: &Shape,
    a: &Span,
    b: &Span,
    limit: f64,
) -> f64 {
    let p = model.p;
    if sh.di == 0 || sh.dj == 0 {
        let len = if sh.di == 1 { a.chars } else { b.chars };
        let x = (len / p.null_chars).min(1.0);
        return sh.short + (sh.cost - sh.short) * x;
    }
    let punct = (a.punct ^ b.punct).count_ones() as f64;
    let d = model.length_delta(a, b);
    // Past the table the length cost is d²/2 plus two positive terms ([`gc_cost`]): a bead
    // already out of reach with d²/2 alone needs no logarithm. Every operation below is
    // monotone in the length term (for a weight ≥ 0), so this gives up exactly when the
    // full cost would.
    if d >= GC_MAX
        && p.length >= 0.0
        && sh.cost + p.length * (d * d / 2.0) + p.punct * punct - sh.lex >= limit
    {
        return f64::INFINITY;
    }
    let base = sh.cost + p.length * gc_cost(model.gc, d) + p.punct * punct;
    if base - sh.lex >= limit {
        return f64::INFINITY;
    }
    if p.lex_additive {
        let (cov, m) = coverage(f, model, i - sh.di, i, j - sh.dj, j);
        let missed = (a.strong - m[2]).max(0.0) + (b.strong - m[3]).max(0.0);
        return base - p.lexical / 2.0 * cov + p.anchor_miss * missed;
    }
    let (ws, wt) = (a.weight, b.weight);
    if ws + wt <= 0.0 {
        return base - sh.lex * p.neutral_sim;
    }
    let m = if p.lex_union && sh.di + sh.dj > 2 {
        union_match(f, i - sh.di, i, j - sh.dj, j)
    } else {
        let mut m = [0.0f64; 4];
        for s in i - sh.di..i {
            cells(s, j - sh.dj, j, &mut m);
        }
        m
    };
    let sim = (m[0].min(ws) + m[1].min(wt)) / (ws + wt);
    let missed = (a.strong - m[2]).max(0.0) + (b.strong - m[3]).max(0.0);
    base - sh.lex * sim + p.anchor_miss * missed
}

/// The matched anchor weight of the bead of source sentences `i0..i1` and target sentences
/// `j0..j1`, as the sum of its [`cell`]s gives it but counting each anchor once: a source
/// type found in two of the target sentences (or a target type linked from two source
/// sentences) counts once, at its strongest link. A source type in two source sentences
/// counts twice, as it does in the span's weight.
fn union_match(f: &Features, i0: usize, i1: usize, j0: usize, j1: usize) -> [f64; 4] {
    // (source type, occurrences, best strength + 1; 0 = not matched)
    let mut types: Vec<(u32, u32, u16)> = Vec::new();
    for s in i0..i1 {
        types.extend(f.src.types(s).iter().map(|&id| (id, 1, 0)));
    }
    types.sort_unstable_by_key(|e| e.0);
    types.dedup_by(|a, b| {
        let same = a.0 == b.0;
        if same {
            b.1 += a.1;
        }
        same
    });
    let mut m = [0.0f64; 4];
    let mut slots: Vec<u16> = Vec::new();
    for t in j0..j1 {
        let (got, strong) = target_matches(f, t, &mut types, |e| e.0, |e| &mut e.2, &mut slots);
        m[1] += got;
        m[3] += strong;
    }
    for &(id, occ, kk) in &types {
        if kk == 0 {
            continue;
        }
        let w = (f.src_w[id as usize] * strength((kk - 1) as u8)) as f64 * occ as f64;
        m[0] += w;
        if features::strong(f.src.vocab.kind[id as usize]) {
            m[2] += w;
        }
    }
    m
}

/// The anchors of target sentence `t` that the source types of a bead match (`types`, sorted
/// by `key`; `best` is a type's strongest link so far + 1, 0 = unmatched, raised here):
/// the matched anchor weight of `t` and its strong part. `slots` is scratch space.
fn target_matches<T>(
    f: &Features,
    t: usize,
    types: &mut [T],
    key: impl Fn(&T) -> u32,
    best: impl Fn(&mut T) -> &mut u16,
    slots: &mut Vec<u16>,
) -> (f64, f64) {
    let b = f.linked(t);
    slots.clear();
    slots.resize(b.slot_weight.len(), 0);
    for &(sid, slot, k) in b.pairs {
        if let Ok(x) = types.binary_search_by_key(&sid, &key) {
            let kk = k as u16 + 1;
            let e = best(&mut types[x]);
            *e = (*e).max(kk);
            if let Some(sl) = slots.get_mut(slot as usize) {
                *sl = (*sl).max(kk);
            }
        }
    }
    let (mut got, mut strong) = (0.0, 0.0);
    for (slot, &kk) in slots.iter().enumerate() {
        if kk == 0 {
            continue;
        }
        let w = (b.slot_weight[slot] * strength((kk - 1) as u8)) as f64;
        got += w;
        if b.slot_strong[slot] {
            strong += w;
        }
    }
    (got, strong)
}

/// The lexical coverage of the bead of source sentences `i0..i1` and target sentences
/// `j0..j1`: the sum over its sentences of the share of each one's anchor weight that finds a
/// partner anywhere on the other side of the bead (`neutral` for a sentence without anchors),
/// and the matched weights as [`union_match`] gives them.
fn coverage(
    f: &Features,
    model: &Model,
    i0: usize,
    i1: usize,
    j0: usize,
    j1: usize,
) -> (f64, [f64; 4]) {
    let p = model.p;
    let neutral = p.neutral_sim;
    // What a sentence of weight w with `got` matched earns, facing `k` sentences of the
    // other side; `neff` is its effective anchor count.
    // `best` gives the most the sentence matches in one sentence of the other side (asked
    // only under `lex_chance` when it faces two or more).
    let earn = |got: f64, w: f64, wbar: f64, k: usize, neff: f64, best: &dyn Fn() -> f64| {
        if w <= 0.0 {
            return neutral;
        }
        if p.lex_abs {
            return (got - p.lex_unmatched * (w - got).max(0.0)) / wbar;
        }
        let share = (got / w).min(1.0);
        let credit = if model.chance > 0.0 && k >= 2 && p.chance_best && !p.chance_all {
            let one = (best() / w).min(share);
            one + beyond_chance(model, share - one, 1.0 - one, k, neff)
        } else {
            beyond_chance(model, share, 1.0, k, neff)
        };
        scale_credit(p, credit, w, wbar, neff)
    };
    let neff = |side: usize, x: usize| model.neff[side].get(x).copied().unwrap_or(1.0);
    // (source type, best strength + 1; 0 = not matched)
    let mut types: Vec<(u32, u16)> = Vec::new();
    for s in i0..i1 {
        types.extend(f.src.types(s).iter().map(|&id| (id, 0)));
    }
    types.sort_unstable_by_key(|e| e.0);
    types.dedup_by_key(|e| e.0);
    let mut m = [0.0f64; 4];
    let mut cov = 0.0;
    let mut slots: Vec<u16> = Vec::new();
    for t in j0..j1 {
        let (got, strong) = target_matches(f, t, &mut types, |e| e.0, |e| &mut e.1, &mut slots);
        m[3] += strong;
        m[1] += got;
        cov += earn(
            got,
            f.tgt.weight[t + 1] - f.tgt.weight[t],
            model.wbar[1],
            i1 - i0,
            neff(1, t),
            &|| {
                (i0..i1)
                    .map(|s| cell(f, s, t)[1] as f64)
                    .fold(0.0, f64::max)
            },
        );
    }
    for s in i0..i1 {
        let mut got = 0.0;
        for &id in f.src.types(s) {
            let kk = types
                .binary_search_by_key(&id, |e| e.0)
                .map_or(0, |x| types[x].1);
            if kk == 0 {
                continue;
            }
            let w = (f.src_w[id as usize] * strength((kk - 1) as u8)) as f64;
            got += w;
            if features::strong(f.src.vocab.kind[id as usize]) {
                m[2] += w;
            }
        }
        m[0] += got;
        cov += earn(
            got,
            f.src.weight[s + 1] - f.src.weight[s],
            model.wbar[0],
            j1 - j0,
            neff(0, s),
            &|| {
                (j0..j1)
                    .map(|t| cell(f, s, t)[0] as f64)
                    .fold(0.0, f64::max)
            },
        );
    }
    (cov, m)
}

/// A sentence's credited share as it earns it: shrunk by `lex_n0` unmatched pseudo-anchors
/// (one link in a sentence of one or two anchors is weak evidence, not a full match) and
/// grown with its weight `w` against its side's mean `wbar` (`lex_grow`).
fn scale_credit(p: &Params, credit: f64, w: f64, wbar: f64, neff: f64) -> f64 {
    let credit = if p.lex_n0 > 0.0 {
        credit * neff / (neff + p.lex_n0)
    } else {
        credit
    };
    if p.lex_grow > 0.0 {
        credit * (w / wbar).powf(p.lex_grow)
    } else {
        credit
    }
}

/// What a sentence earns under `lex_chance` for the part `extra` of its matched share that
/// lies in a part `rest` of its anchor weight (all of it, or what its best partner in the
/// bead leaves unmatched), facing `k` sentences of the other side: the part beyond what
/// unrelated sentences would match there, rescaled so that a full match still earns `rest`.
/// Of the `k` sentences, all but one are taken as unrelated (all `k` with `chance_all`);
/// each matches an anchor with the document's chance rate q, so together a share c = 1 -
/// (1 - q)^k' with a standard deviation of sqrt(c (1 - c) / n) for the `rest × neff`
/// effective anchors n. The share must exceed c plus `chance_z` deviations: with two or
/// three anchors one chance link is half the sentence, but not beyond what chance gives.
fn beyond_chance(model: &Model, extra: f64, rest: f64, k: usize, neff: f64) -> f64 {
    let p = model.p;
    let q = model.chance;
    let k = if p.chance_all { k } else { k.saturating_sub(1) };
    if q <= 0.0 || k == 0 || rest <= 0.0 {
        return extra;
    }
    let c = 1.0 - (1.0 - q).powi(k as i32);
    let sd = (c * (1.0 - c) / (rest * neff).max(1.0)).sqrt();
    let floor = (c + p.chance_z * sd).min(0.95);
    rest * ((extra / rest - floor) / (1.0 - floor)).max(0.0)
}

/// (Sum of weights)² over the sum of squared weights: how many anchors of equal weight a
/// sentence's anchors are worth (1 for none).
fn effective_count(weights: impl Iterator<Item = f32>) -> f64 {
    let (mut sum, mut sq) = (0.0f64, 0.0f64);
    for w in weights {
        let w = w as f64;
        sum += w;
        sq += w * w;
    }
    if sq > 0.0 {
        (sum * sum / sq).max(1.0)
    } else {
        1.0
    }
}

/// The share of a sentence's anchor weight that one unrelated neighbour matches, from the
/// 1-1 beads of `path`: each sentence of such a bead against the neighbours of its partner
/// (the sentences before and after it on the other side, which the path puts in other
/// beads), matched weight over weight, pooled over both sides.
fn chance_rate(f: &Features, path: &[(usize, usize)]) -> f64 {
    let (n, m) = (f.src.len(), f.tgt.len());
    let (mut got, mut total) = (0.0f64, 0.0f64);
    for w in path.windows(2) {
        let ((s, t), (s1, t1)) = (w[0], w[1]);
        if s1 != s + 1 || t1 != t + 1 {
            continue;
        }
        let ws = f.src.weight[s + 1] - f.src.weight[s];
        let wt = f.tgt.weight[t + 1] - f.tgt.weight[t];
        for tn in [t.wrapping_sub(1), t + 1] {
            if tn < m && ws > 0.0 {
                got += cell(f, s, tn)[0] as f64;
                total += ws;
            }
        }
        for sn in [s.wrapping_sub(1), s + 1] {
            if sn < n && wt > 0.0 {
                got += cell(f, sn, t)[1] as f64;
                total += wt;
            }
        }
    }
    if total > 0.0 {
        (got / total).clamp(0.0, 0.5)
    } else {
        0.0
    }
}

/// The columns of a search row a shape reaches from the band (see [`search`] and
/// [`posteriors`]).
#[derive(Debug, Clone, Copy)]
struct Reach {
    jlo: usize,
    jhi: usize,
    /// The slot of the start row in the ring of cost rows ([`search`]); the offset of the
    /// start node of column 0, wrapping ([`posteriors`]).
    ring: usize,
}

impl Reach {
    /// No column (`jlo > jhi`).
    const NONE: Reach = Reach {
        jlo: 1,
        jhi: 0,
        ring: 0,
    };
}

/// Dynamic programming inside the band; returns the best path as nodes (i, j) from (0, 0) to
/// (n, m).
fn search(f: &Features, model: &Model, shapes: &[Shape], band: &Band) -> Vec<(usize, usize)> {
    let n = f.src.len();
    let m = f.tgt.len();
    let mut offs = Vec::with_capacity(n + 2);
    let mut total = 0usize;
    for i in 0..=n {
        offs.push(total);
        total += band.hi[i] - band.lo[i] + 1;
    }
    let mut back = vec![NO_BACK; total];
    let mut costs: [Vec<f64>; MAX_DI + 1] = Default::default();
    let mut cells = CellRows::new(f);
    // Per shape, its prior floor in the lower bound below and the reach of the current row,
    // side by side (one pass over one slice per node).
    let mut steps: Vec<(Shape, f64, Reach)> = shapes
        .iter()
        .map(|sh| (*sh, sh.cost.min(sh.short), Reach::NONE))
        .collect();
    let mut columns = ColumnSpans::new(model.ratio, m + 1);
    for i in 0..=n {
        if i >= 1 {
            // Lexical cells of source sentence i-1 against every target it may meet.
            cells.fill(f, band, i);
        }
        let (lo, hi) = (band.lo[i], band.hi[i]);
        let mut row = std::mem::take(&mut costs[i % (MAX_DI + 1)]);
        row.clear();
        row.resize(hi - lo + 1, f64::INFINITY);
        let get_cell =
            |s: usize, t0: usize, t1: usize, m: &mut [f64; 4]| cells.add_row(s, t0, t1, m);
        let mut src_spans = [Span::default(); MAX_DI + 1];
        spans_ending(&f.src, i, |c| c * model.ratio, &mut src_spans);
        // Per shape, the columns j whose bead starts inside the band (none for a shape
        // with more source sentences than i): pj = j - dj in lo[i - di]..=hi[i - di], at
        // index j - jlo of the cost row of i - di.
        for (sh, _, r) in steps.iter_mut() {
            *r = if sh.di <= i {
                let pi = i - sh.di;
                Reach {
                    jlo: band.lo[pi] + sh.dj,
                    jhi: band.hi[pi] + sh.dj,
                    ring: pi % (MAX_DI + 1),
                }
            } else {
                Reach {
                    jlo: 1,
                    jhi: 0,
                    ring: 0,
                }
            };
        }
        for j in lo..=hi {
            let tgt_spans = columns.get(f, j);
            if i == 0 && j == 0 {
                row[0] = 0.0;
                continue;
            }
            let mut best = f64::INFINITY;
            let mut arg = NO_BACK;
            for (k, (sh, floor, r)) in steps.iter().enumerate() {
                if j < r.jlo || j > r.jhi {
                    continue;
                }
                let prev = if sh.di == 0 {
                    row[j - r.jlo]
                } else {
                    costs[r.ring][j - r.jlo]
                };
                // Lower bound: no bead earns more than the full lexical reward.
                if !prev.is_finite() || prev + *floor - sh.lex >= best {
                    continue;
                }
                let c = prev
                    + bead_cost_spans(
                        f,
                        model,
                        &get_cell,
                        i,
                        j,
                        sh,
                        &src_spans[sh.di],
                        &tgt_spans[sh.dj],
                        best - prev,
                    );
                if c < best {
                    best = c;
                    arg = k as u8;
                }
            }
            row[j - lo] = best;
            back[offs[i] + j - lo] = arg;
        }
        costs[i % (MAX_DI + 1)] = row;
    }
    // Back-track.
    let mut path = vec![(n, m)];
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let k = back[offs[i] + j - band.lo[i]];
        let Some(sh) = shapes.get(k as usize) else {
            // Unreachable by construction (the band is connected); fall back to nulls.
            if j > 0 {
                j -= 1;
            } else {
                i -= 1;
            }
            path.push((i, j));
            continue;
        };
        i -= sh.di;
        j -= sh.dj;
        path.push((i, j));
    }
    path.reverse();
    path
}

/// Half-width of the band in which bead posteriors are summed.
const POSTERIOR_BAND: f64 = 3.0;

/// A log-sum-exp of up to [`MAX_SHAPES`] terms: one `exp` per term and one `ln` per sum
/// (adding the terms pairwise costs an `exp` and an `ln_1p` per term).
struct LogSum {
    terms: [f64; MAX_SHAPES],
    len: usize,
    max: f64,
}

impl Default for LogSum {
    fn default() -> Self {
        LogSum {
            terms: [0.0; MAX_SHAPES],
            len: 0,
            max: f64::NEG_INFINITY,
        }
    }
}

impl LogSum {
    /// How far below the largest term a term is left out: the largest adds 1 to the sum,
    /// and exp(-37.5) < 2^-54 would move it by less than half an ulp.
    const NEGLIGIBLE: f64 = 37.5;

    fn push(&mut self, x: f64) {
        if let Some(t) = self.terms.get_mut(self.len) {
            *t = x;
            self.len += 1;
            self.max = self.max.max(x);
        }
    }

    /// The largest term so far (minus infinity for none).
    fn max(&self) -> f64 {
        self.max
    }

    /// ln(sum of exp(term)); minus infinity for no terms.
    fn total(&self) -> f64 {
        let hi = self.max;
        if !hi.is_finite() {
            return hi;
        }
        let mut sum = 0.0;
        for &t in &self.terms[..self.len] {
            let d = t - hi;
            // (exp(0) is 1 exactly: the largest term needs no `exp`)
            if d == 0.0 {
                sum += 1.0;
            } else if d > -Self::NEGLIGIBLE {
                sum += d.exp();
            }
        }
        hi + sum.ln()
    }
}

/// Expected shape counts (`em_soft`): the posterior mass of every bead of every shape in a
/// band of ±[`POSTERIOR_BAND`] around `path`, under `model` (the first pass's model with
/// `em_soft=1` under `add_late`) and the given `shapes`.
fn soft_counts(f: &Features, model: &Model, shapes: &[Shape], path: &[(usize, usize)]) -> Vec<f64> {
    let n = f.src.len();
    let center = center_from_path(path, n);
    let band = Band::around(&center, &vec![POSTERIOR_BAND; n + 1], f.tgt.len());
    // `em_soft=1` under `add_late`: the first pass's (per-bead) model.
    let (p1, m1, s1);
    let (model, shapes) = if model.p.em_soft == 1 && model.p.lex_additive && model.p.add_late {
        p1 = Params {
            lex_additive: false,
            ..model.p.clone()
        };
        m1 = Model::new(f, &p1);
        s1 = self::shapes(&p1, m1.lex_cap);
        (&m1, &s1[..])
    } else {
        (model, shapes)
    };
    let mut counts = vec![0.0f64; shapes.len()];
    let temp = model.p.em_soft_temp;
    posteriors(f, model, shapes, &band, path, temp, Some(&mut counts));
    counts
}

/// Posterior probability of each bead of `path`: the share of all alignments in a narrow
/// band around the path (each weighted by exp(-cost / temp)) that contain the bead
/// (forward–backward). A bead with a close competitor (another grouping, a shifted pairing,
/// a null instead of a pair) gets a low score; an uncontested one scores near 1.
/// With `counts`, also adds each shape's expected count (the posterior mass of all its beads
/// in the band) to `counts[shape]` (`em_soft`).
fn posteriors(
    f: &Features,
    model: &Model,
    shapes: &[Shape],
    band: &Band,
    path: &[(usize, usize)],
    temp: f64,
    counts: Option<&mut [f64]>,
) -> Vec<f64> {
    let n = f.src.len();
    let m = f.tgt.len();
    let mut offs = Vec::with_capacity(n + 2);
    let mut total = 0usize;
    for i in 0..=n {
        offs.push(total);
        total += band.hi[i] - band.lo[i] + 1;
    }
    let at = |i: usize, j: usize| -> Option<usize> {
        (j >= band.lo[i] && j <= band.hi[i]).then(|| offs[i] + j - band.lo[i])
    };
    let ns = shapes.len();
    // Bead costs by (end node, shape), and forward log-sums.
    let mut bead = vec![f32::INFINITY; total * ns];
    let mut alpha = vec![f64::NEG_INFINITY; total];
    let mut cells = CellRows::new(f);
    // Per shape, the reach of the current row (shape and reach side by side).
    let mut steps: Vec<(Shape, Reach)> = shapes.iter().map(|sh| (*sh, Reach::NONE)).collect();
    let mut columns = ColumnSpans::new(model.ratio, m + 1);
    for i in 0..=n {
        if i >= 1 {
            cells.fill(f, band, i);
        }
        let get_cell =
            |s: usize, t0: usize, t1: usize, m: &mut [f64; 4]| cells.add_row(s, t0, t1, m);
        let mut src_spans = [Span::default(); MAX_DI + 1];
        spans_ending(&f.src, i, |c| c * model.ratio, &mut src_spans);
        // Per shape, the columns whose bead starts inside the band (as in `search`); the
        // start node of column j is `ring + j` (`ring` holding the offset of the row).
        for (sh, r) in steps.iter_mut() {
            *r = if sh.di <= i {
                let pi = i - sh.di;
                let jlo = band.lo[pi] + sh.dj;
                Reach {
                    jlo,
                    jhi: band.hi[pi] + sh.dj,
                    ring: offs[pi].wrapping_sub(jlo),
                }
            } else {
                Reach {
                    jlo: 1,
                    jhi: 0,
                    ring: 0,
                }
            };
        }
        for j in band.lo[i]..=band.hi[i] {
            let tgt_spans = columns.get(f, j);
            let here = offs[i] + j - band.lo[i];
            if i == 0 && j == 0 {
                alpha[here] = 0.0;
                continue;
            }
            let mut terms = LogSum::default();
            for (k, (sh, r)) in steps.iter().enumerate() {
                if j < r.jlo || j > r.jhi {
                    continue;
                }
                let prev = r.ring.wrapping_add(j);
                if alpha[prev] == f64::NEG_INFINITY {
                    continue;
                }
                // A bead whose term falls below the largest so far by `LogSum::NEGLIGIBLE`
                // is left out (its cost stays infinite): it could only move the sum, and
                // any bead's posterior, by less than half an ulp.
                let limit = (alpha[prev] - terms.max() + LogSum::NEGLIGIBLE) * temp;
                let c = bead_cost_spans(
                    f,
                    model,
                    &get_cell,
                    i,
                    j,
                    sh,
                    &src_spans[sh.di],
                    &tgt_spans[sh.dj],
                    limit,
                );
                if !c.is_finite() {
                    continue;
                }
                bead[here * ns + k] = c as f32;
                terms.push(alpha[prev] - c / temp);
            }
            alpha[here] = terms.total();
        }
    }
    // Backward: each node's log-sum over the beads that start there, read at their ends (a
    // bead whose cost the forward pass left infinite starts outside the band, at an
    // unreachable node, or was negligible there, and adds nothing).
    let mut beta = vec![f64::NEG_INFINITY; total];
    for i in (0..=n).rev() {
        for j in (band.lo[i]..=band.hi[i]).rev() {
            let here = offs[i] + j - band.lo[i];
            if i == n && j == m {
                beta[here] = 0.0;
                continue;
            }
            let mut terms = LogSum::default();
            for (k, sh) in shapes.iter().enumerate() {
                if i + sh.di > n {
                    continue;
                }
                let Some(end) = at(i + sh.di, j + sh.dj) else {
                    continue;
                };
                let c = bead[end * ns + k];
                if c.is_finite() && beta[end] != f64::NEG_INFINITY {
                    terms.push(beta[end] - c as f64 / temp);
                }
            }
            beta[here] = terms.total();
        }
    }
    let z = at(n, m).map_or(0.0, |e| alpha[e]);
    if let Some(counts) = counts {
        for (i, &off) in offs.iter().enumerate().take(n + 1) {
            for j in band.lo[i]..=band.hi[i] {
                let end = off + j - band.lo[i];
                if beta[end] == f64::NEG_INFINITY {
                    continue;
                }
                for (k, sh) in shapes.iter().enumerate() {
                    let c = bead[end * ns + k];
                    if !c.is_finite() || sh.di > i || sh.dj > j {
                        continue;
                    }
                    if let Some(start) = at(i - sh.di, j - sh.dj) {
                        let lp = alpha[start] - c as f64 / temp + beta[end] - z;
                        if lp > -40.0 {
                            counts[k] += lp.exp();
                        }
                    }
                }
            }
        }
    }
    path.windows(2)
        .map(|w| {
            let (i0, j0) = w[0];
            let (i1, j1) = w[1];
            let k = shapes
                .iter()
                .position(|s| s.di == i1 - i0 && s.dj == j1 - j0);
            match (k, at(i0, j0), at(i1, j1)) {
                (Some(k), Some(a), Some(b)) => {
                    let c = bead[b * ns + k] as f64;
                    (alpha[a] - c / temp + beta[b] - z).exp()
                }
                _ => 0.0,
            }
        })
        .collect()
}

/// Rare anchors shared by exactly one source and one target sentence, reduced to their
/// heaviest monotone chain: fixed points that guide the band.
///
/// Coarse to fine: first the tokens unique in the whole document; then, in windows of
/// [`LOCAL_WINDOW`] source sentences and the target sentences the current chain expects
/// there (with a margin as wide again), the tokens unique in the window on both sides. A
/// long document whose sentences recur (a translation memory, a manual with repeated
/// warnings) has few tokens unique in the whole of it, but many unique in a stretch of a
/// few hundred sentences; the chain of both kinds keeps the band on the path everywhere.
fn anchor_chain(f: &Features) -> Vec<(usize, usize)> {
    let mut cand = global_candidates(f);
    let mut chain = chain_of(&mut cand, f.tgt.len());
    if f.src.len() >= 2 * LOCAL_WINDOW {
        for window in [LOCAL_WINDOW, LOCAL_WINDOW / 4] {
            let center = center_from_chain(f, &chain);
            local_candidates(f, &center, window, &mut cand);
            chain = chain_of(&mut cand, f.tgt.len());
        }
    }
    chain
}

/// Source sentences per window of [`local_candidates`] (first round; the second uses a
/// quarter).
const LOCAL_WINDOW: usize = 256;

/// Anchors of the whole document: a token in exactly one source and one target sentence.
fn global_candidates(f: &Features) -> Vec<(usize, usize, f32)> {
    let nv = f.src.vocab.len();
    let mut home = vec![u32::MAX; nv];
    for s in 0..f.src.len() {
        for &id in f.src.types(s) {
            if f.src.vocab.df[id as usize] == 1 {
                home[id as usize] = s as u32;
            }
        }
    }
    let mut cand: Vec<(usize, usize, f32)> = Vec::new();
    for t in 0..f.tgt.len() {
        let l = f.linked(t);
        let types = f.tgt.types(t);
        for &(sid, slot, k) in l.pairs {
            let s = home[sid as usize];
            let w = f.src_w[sid as usize] * strength(k);
            if s == u32::MAX || w < 1.0 {
                continue;
            }
            let tid = types[slot as usize];
            if f.tgt.vocab.df[tid as usize] != 1 {
                continue;
            }
            cand.push((s as usize, t, w));
        }
    }
    cand
}

/// Anchors unique in a window: for source sentences `a..a + window` and the target
/// sentences `center` expects there, widened by `window` on either side, a token found in
/// exactly one source and one target sentence of the window. Appended to `out`. Linear: each
/// sentence is visited in one source window and in at most a few target windows.
fn local_candidates(
    f: &Features,
    center: &[f64],
    window: usize,
    out: &mut Vec<(usize, usize, f32)>,
) {
    let (n, m) = (f.src.len(), f.tgt.len());
    let mut src_count = vec![0u32; f.src.vocab.len()];
    let mut home = vec![0u32; f.src.vocab.len()];
    let mut tgt_count = vec![0u32; f.tgt.vocab.len()];
    let mut a = 0;
    while a < n {
        let b = (a + window).min(n);
        let lo = (center[a].floor().max(0.0) as usize).saturating_sub(window);
        let hi = ((center[b].ceil().max(0.0) as usize) + window).min(m);
        for s in a..b {
            for &id in f.src.types(s) {
                src_count[id as usize] += 1;
                home[id as usize] = s as u32;
            }
        }
        for t in lo..hi {
            for &id in f.tgt.types(t) {
                tgt_count[id as usize] += 1;
            }
        }
        for t in lo..hi {
            let l = f.linked(t);
            let types = f.tgt.types(t);
            for &(sid, slot, k) in l.pairs {
                let sid = sid as usize;
                let w = f.src_w[sid] * strength(k);
                if src_count[sid] != 1 || w < 1.0 {
                    continue;
                }
                if tgt_count[types[slot as usize] as usize] != 1 {
                    continue;
                }
                out.push((home[sid] as usize, t, w));
            }
        }
        for s in a..b {
            for &id in f.src.types(s) {
                src_count[id as usize] = 0;
            }
        }
        for t in lo..hi {
            for &id in f.tgt.types(t) {
                tgt_count[id as usize] = 0;
            }
        }
        a = b;
    }
}

/// The heaviest chain of anchor candidates strictly increasing in source and target
/// sentence (candidates of the same pair add up). Sorts and merges `cand` in place.
fn chain_of(cand: &mut [(usize, usize, f32)], m: usize) -> Vec<(usize, usize)> {
    if cand.is_empty() {
        return Vec::new();
    }
    cand.sort_unstable_by_key(|a| (a.0, a.1));
    let mut merged: Vec<(usize, usize, f32)> = Vec::with_capacity(cand.len());
    for &c in cand.iter() {
        match merged.last_mut() {
            Some(l) if l.0 == c.0 && l.1 == c.1 => l.2 += c.2,
            _ => merged.push(c),
        }
    }
    // Heaviest chain strictly increasing in s and t: process by s, t descending within s,
    // with a Fenwick tree of prefix maxima over t. `merged` is sorted by (s, t) with no pair
    // twice: reversing each run of one s gives that order (the one a sort would).
    for run in merged.chunk_by_mut(|a, b| a.0 == b.0) {
        run.reverse();
    }
    let mut tree: Vec<(f32, usize)> = vec![(0.0, usize::MAX); m + 1];
    let mut best = vec![(0.0f32, usize::MAX); merged.len()];
    for (k, &(_, t, w)) in merged.iter().enumerate() {
        // query max over t' < t
        let mut q = (0.0f32, usize::MAX);
        let mut x = t;
        while x > 0 {
            if tree[x].0 > q.0 {
                q = tree[x];
            }
            x &= x - 1;
        }
        best[k] = (q.0 + w, q.1);
        let mut x = t + 1;
        while x <= m {
            if best[k].0 > tree[x].0 {
                tree[x] = (best[k].0, k);
            }
            x += x & x.wrapping_neg();
        }
    }
    let mut k = (0..merged.len())
        .max_by(|&a, &b| best[a].0.total_cmp(&best[b].0))
        .unwrap_or(usize::MAX);
    let mut chain = Vec::new();
    while k != usize::MAX {
        chain.push((merged[k].0, merged[k].1));
        k = best[k].1;
    }
    chain.reverse();
    chain
}

/// Expected target position (fractional node column) for every node row, interpolated by
/// character length between the anchors.
fn center_from_chain(f: &Features, chain: &[(usize, usize)]) -> Vec<f64> {
    let n = f.src.len();
    let m = f.tgt.len();
    let mut pts: Vec<(f64, f64)> = vec![(0.0, 0.0)];
    for &(s, t) in chain {
        let x = (f.src.chars[s] + f.src.chars[s + 1]) / 2.0;
        let y = (f.tgt.chars[t] + f.tgt.chars[t + 1]) / 2.0;
        if let Some(&(px, py)) = pts.last()
            && x > px
            && y > py
        {
            pts.push((x, y));
        }
    }
    let end = (f.src.chars[n], f.tgt.chars[m]);
    while pts.len() > 1 && pts.last().is_some_and(|p| p.0 >= end.0 || p.1 >= end.1) {
        pts.pop();
    }
    pts.push(end);
    let mut out = Vec::with_capacity(n + 1);
    let mut seg = 0;
    let mut j = 0usize;
    for i in 0..=n {
        let x = f.src.chars[i];
        while seg + 2 < pts.len() && pts[seg + 1].0 <= x {
            seg += 1;
        }
        let (x0, y0) = pts[seg];
        let (x1, y1) = pts[(seg + 1).min(pts.len() - 1)];
        let y = if x1 > x0 {
            y0 + (y1 - y0) * ((x - x0) / (x1 - x0)).clamp(0.0, 1.0)
        } else {
            y0
        };
        while j < m && f.tgt.chars[j + 1] <= y {
            j += 1;
        }
        let frac = if j < m {
            let (a, b) = (f.tgt.chars[j], f.tgt.chars[j + 1]);
            ((y - a) / (b - a).max(1e-9)).clamp(0.0, 1.0)
        } else {
            0.0
        };
        out.push(j as f64 + frac);
    }
    out
}

/// Centre of a new band: the mean column of the path's nodes in each row.
fn center_from_path(path: &[(usize, usize)], n: usize) -> Vec<f64> {
    let mut sum = vec![0.0f64; n + 1];
    let mut cnt = vec![0u32; n + 1];
    for &(i, j) in path {
        sum[i] += j as f64;
        cnt[i] += 1;
    }
    let mut out = Vec::with_capacity(n + 1);
    let mut last = 0.0;
    for i in 0..=n {
        if cnt[i] > 0 {
            last = sum[i] / cnt[i] as f64;
        }
        out.push(last);
    }
    out
}

/// Length variance from the 1-1 beads of a path (robust: median of squared deviations).
fn estimate_variance(f: &Features, path: &[(usize, usize)], ratio: f64) -> Option<f64> {
    let mut d2: Vec<f64> = path
        .windows(2)
        .filter(|w| w[1].0 == w[0].0 + 1 && w[1].1 == w[0].1 + 1)
        .map(|w| {
            let l1 = f.src.chars[w[1].0] - f.src.chars[w[0].0];
            let l2 = f.tgt.chars[w[1].1] - f.tgt.chars[w[0].1];
            let mean = (l1 + l2 / ratio) / 2.0;
            (l2 - l1 * ratio).powi(2) / mean.max(1.0)
        })
        .collect();
    if d2.len() < 20 {
        return None;
    }
    let mid = d2.len() / 2;
    d2.select_nth_unstable_by(mid, f64::total_cmp);
    // The median of a χ²(1) variable is 0.455.
    Some((d2[mid] / 0.455).clamp(1.0, 60.0))
}

/// Turn a path into beads with confidence scores.
///
/// The confidence of a pairing bead compares its evidence (lexical reward minus length and
/// punctuation costs, the shape prior left out) with the document's typical bead: a bead as
/// good as the median scores about 0.8, one far below it near 0. A null bead is confident
/// when its sentence shares nothing with the sentences on the other side around the gap.
fn beads_of(f: &Features, model: &Model, path: &[(usize, usize)]) -> Vec<Bead> {
    let shapes = shapes(model.p, model.lex_cap);
    let direct =
        |s: usize, t0: usize, t1: usize, m: &mut [f64; 4]| add_cells(|t| cell(f, s, t), t0, t1, m);
    let shape_of = |di: usize, dj: usize| {
        shapes
            .iter()
            .find(|s| s.di == di && s.dj == dj)
            .copied()
            .unwrap_or(Shape {
                di,
                dj,
                cost: 0.0,
                short: model.p.null_short,
                lex: model.p.lexical,
            })
    };
    // Evidence of each pairing bead.
    let evidence: Vec<Option<f64>> = path
        .windows(2)
        .map(|w| {
            let (i0, j0) = w[0];
            let (i1, j1) = w[1];
            if i1 == i0 || j1 == j0 {
                return None;
            }
            let sh = shape_of(i1 - i0, j1 - j0);
            Some(sh.cost - bead_cost(f, model, direct, i1, j1, &sh))
        })
        .collect();
    let mut sorted: Vec<f64> = evidence.iter().flatten().copied().collect();
    sorted.sort_unstable_by(f64::total_cmp);
    // Short documents say little about their typical bead: blend with a prior (the weight
    // of 20 beads) of a median evidence of 1 and a spread of 1.5.
    const PRIOR_N: f64 = 20.0;
    let k = sorted.len() as f64;
    let raw_median = sorted.get(sorted.len() / 2).copied().unwrap_or(1.0);
    let median = (PRIOR_N * 1.0 + k * raw_median) / (PRIOR_N + k);
    let mut dev: Vec<f64> = sorted.iter().map(|e| (e - raw_median).abs()).collect();
    dev.sort_unstable_by(f64::total_cmp);
    let raw_spread = dev.get(dev.len() / 2).copied().unwrap_or(1.5);
    let spread = ((PRIOR_N * 1.5 + k * raw_spread) / (PRIOR_N + k)).max(0.5);
    let (n, m) = (f.src.len(), f.tgt.len());
    path.windows(2)
        .zip(&evidence)
        .map(|(w, e)| {
            let (i0, j0) = w[0];
            let (i1, j1) = w[1];
            let score = match e {
                Some(e) => logistic(1.4 + 1.5 * (e - median) / spread),
                None => {
                    // Best similarity of the lone sentence with a neighbour across the gap.
                    let near = |a: usize, b: usize, lone_src: bool| -> f64 {
                        let [ms, mt, _, _] = if lone_src {
                            cell(f, a, b)
                        } else {
                            cell(f, b, a)
                        };
                        let (ws, wt) = if lone_src {
                            (
                                f.src.weight[a + 1] - f.src.weight[a],
                                f.tgt.weight[b + 1] - f.tgt.weight[b],
                            )
                        } else {
                            (
                                f.src.weight[b + 1] - f.src.weight[b],
                                f.tgt.weight[a + 1] - f.tgt.weight[a],
                            )
                        };
                        if ws + wt > 0.0 {
                            (ms as f64 + mt as f64) / (ws + wt)
                        } else {
                            0.0
                        }
                    };
                    let best = if i1 > i0 {
                        [j0.wrapping_sub(1), j0]
                            .into_iter()
                            .filter(|&t| t < m)
                            .map(|t| near(i0, t, true))
                            .fold(0.0, f64::max)
                    } else {
                        [i0.wrapping_sub(1), i0]
                            .into_iter()
                            .filter(|&s| s < n)
                            .map(|s| near(j0, s, false))
                            .fold(0.0, f64::max)
                    };
                    logistic(1.0 - 12.0 * best)
                }
            };
            Bead::new(i0..i1, j0..j1, score.clamp(0.0, 1.0))
        })
        .collect()
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests;

/// Cost terms of given beads (ranges of source and target sentences) under the model `align`
/// uses: prior, length, punctuation, lexical (reward and missed anchors), similarity. For
/// error analysis in the bench (`MTLINT_BENCH_COSTS`); not part of the aligner.
#[doc(hidden)]
pub fn bead_terms(
    source: &[&str],
    target: &[&str],
    cfg: &AlignConfig,
    beads: &[(std::ops::Range<usize>, std::ops::Range<usize>)],
) -> Vec<[f64; 5]> {
    if source.is_empty() || target.is_empty() {
        return vec![[0.0; 5]; beads.len()];
    }
    let mut f = Features::default();
    features::build_into(&mut f, source, target, cfg.dict.as_deref(), &link_opts(cfg));
    let mut params = cfg.params.clone();
    if cfg.dict.is_some() {
        params.lex_size = params.lex_size_dict;
    }
    let mut model = Model::new(&f, &params);
    let shapes = shapes(&params, model.lex_cap);
    // The chance rate the aligner would discount (from its first pass).
    if params.lex_additive && params.lex_chance {
        let path = first_path(&f, &model, &shapes, false, std::time::Instant::now());
        model.chance = chance_rate(&f, &path);
    }
    beads
        .iter()
        .map(|(s, t)| {
            let (di, dj) = (s.len(), t.len());
            let sh = shapes
                .iter()
                .find(|sh| sh.di == di && sh.dj == dj)
                .copied()
                .unwrap_or(Shape {
                    di,
                    dj,
                    cost: params.merge_rare + 2.0,
                    short: params.null_short,
                    lex: params.lexical * ((di + dj) as f64 / 2.0).powf(params.lex_size),
                });
            let (i, j) = (s.end, t.end);
            let cells = |s: usize, t0: usize, t1: usize, m: &mut [f64; 4]| {
                add_cells(|t| cell(&f, s, t), t0, t1, m)
            };
            let total = bead_cost(&f, &model, cells, i, j, &sh);
            if di == 0 || dj == 0 {
                return [total, 0.0, 0.0, 0.0, 0.0];
            }
            let mut a = span(&f.src, i, di);
            let mut b = span(&f.tgt, j, dj);
            a.scaled = a.chars * model.ratio;
            b.scaled = b.chars / model.ratio;
            let len = params.length * model.length(&a, &b);
            let punct = params.punct * (a.punct ^ b.punct).count_ones() as f64;
            let lexterm = total - sh.cost - len - punct;
            let sim = if sh.lex > 0.0 { -lexterm / sh.lex } else { 0.0 };
            [sh.cost, len, punct, lexterm, sim]
        })
        .collect()
}
