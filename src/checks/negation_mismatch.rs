use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::checks::analysis::Lowered;
use crate::checks::text::TwoByteSet;
use crate::checks::tokens::Token;
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;
use crate::model::Side;

declare_check! {
    /// ## What it catches
    ///
    /// A negation present on one side only: the English says "not", "no", "never", "none",
    /// "without" or "n't" and the German has no "nicht", "kein…", "nie", "niemals", "ohne" (or
    /// another negation), or the other way round, in a one-sentence pair whose lengths agree.
    ///
    /// ## Why it matters
    ///
    /// An inserted or dropped negation turns the statement into its opposite while the German
    /// stays perfectly fluent: a reader who does not compare with the English cannot see it.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: The government did not raise taxes last year.
    ///                        ^^^
    /// de: Die Regierung hat im vergangenen Jahr die Steuern erhöht.
    /// ```
    ///
    /// The finding is on the English negator when the German lacks one (here "not"), on the
    /// German negator when the English lacks one. Severity info: translators often express a
    /// negation without a negator ("incapable" → "nicht in der Lage", "bear in mind" →
    /// "nicht vergessen", "did not help" → "erschwerend kommt hinzu"), so on professional
    /// translations (WMT22 CED dev) only about one finding in eight marks a real error;
    /// raise it with `severity` in the config when reviewing raw MT.
    ///
    /// ## How it decides
    ///
    /// Only pairs of one English and one German sentence, with an aligner confidence of at
    /// least 0.5 and a German length between 0.7 and 1.8 times the English. A side counts as
    /// negated when it has a negator word; the other side counts as not negated only when it
    /// has none of a wider list of negative words (English "fail", "lack", "unable", "hardly",
    /// "unless", "few", words in "un-"/"-less"…; German "kaum", "fehlen", "un…", "…los",
    /// "statt", "weder", "verhindern"…), since those carry the negation in another form.
    ///
    /// ## Not flagged
    ///
    /// Idioms whose negator does not negate: "no matter", "no doubt", "no wonder", "not
    /// only", "whether or not", "if not", "nothing but", "nonetheless"; German
    /// "nichtsdestotrotz", "nicht nur"; negators on both sides (in any number); pairs with
    /// more than one sentence on a side, or whose lengths differ much (omissions and additions
    /// are MT007/MT008/MT013's).
    pub struct NegationMismatch {
        code: "MT023",
        name: "negation-mismatch",
        severity: Info,
        summary: "A negation (not, no, never, without / nicht, kein, nie, ohne) on one side only",
    }
}

/// English negators (lower case); "n't" is recognised by its ending.
const EN_NEGATORS: &[&str] = &[
    "not", "no", "never", "none", "without", "nobody", "nothing", "nowhere", "cannot", "neither",
    "nor",
];

/// German negators (lower case); "kein…" by its stem.
const DE_NEGATORS: &[&str] = &[
    "nicht",
    "nichts",
    "nie",
    "niemals",
    "ohne",
    "niemand",
    "niemanden",
    "niemandem",
    "nirgends",
    "nirgendwo",
    "weder",
    "keineswegs",
    "keinesfalls",
];

/// Words that carry a negation in another form: a side with one of them is not "without
/// negation".
const EN_NEGATIVE: &[&str] = &[
    "fail",
    "fails",
    "failed",
    "failing",
    "failure",
    "lack",
    "lacks",
    "lacked",
    "lacking",
    "unable",
    "impossible",
    "hardly",
    "barely",
    "scarcely",
    "rarely",
    "seldom",
    "few",
    "little",
    "unless",
    "instead",
    "rather",
    "absence",
    "absent",
    "refuse",
    "refuses",
    "refused",
    "prevent",
    "prevents",
    "prevented",
    "avoid",
    "avoids",
    "avoided",
    "deny",
    "denies",
    "denied",
    "neither",
    "nor",
    "against",
    "except",
    "only",
    "yet",
    "until",
    "beyond",
    "far",
    "too",
    "less",
    "least",
    "lest",
    "ignore",
    "ignored",
    "ignores",
    "miss",
    "missed",
    "missing",
    "nonexistent",
    "free",
    "anything",
    "any",
    "ever",
    "either",
    "stop",
    "stopped",
    "cease",
    "ceased",
    "nor",
];

const DE_NEGATIVE: &[&str] = &[
    "kaum",
    "fehlen",
    "fehlt",
    "fehlte",
    "fehlten",
    "fehlende",
    "fehlenden",
    "mangel",
    "mangels",
    "mangelt",
    "statt",
    "anstatt",
    "anstelle",
    "verhindern",
    "verhindert",
    "verhinderte",
    "vermeiden",
    "vermeidet",
    "vermieden",
    "weigern",
    "weigert",
    "weigerte",
    "verweigert",
    "verweigern",
    "ablehnen",
    "lehnt",
    "lehnten",
    "abgelehnt",
    "selten",
    "wenig",
    "wenige",
    "wenigen",
    "weniger",
    "außer",
    "ausgenommen",
    "erst",
    "bloß",
    "nur",
    "allein",
    "lediglich",
    "gegen",
    "zu",
    "frei",
    "versäumt",
    "versäumen",
    "verfehlt",
    "scheitern",
    "scheitert",
    "scheiterte",
    "gescheitert",
    "misslingen",
    "misslang",
    "jemals",
    "je",
    "irgendein",
    "irgendeine",
    "irgendwelche",
    "geschweige",
    "keinerlei",
    "ausbleiben",
    "blieb",
    "bleibt",
    "verzichten",
    "verzichtet",
    "aufhören",
    "höchstens",
    "anders",
    "andere",
    "erschwerend",
    "nein",
];

/// English idioms (lower-case word sequences) whose negator does not negate the statement.
const EN_IDIOMS: &[&[&str]] = &[
    &["no", "matter"],
    &["no", "doubt"],
    &["no", "wonder"],
    &["no", "longer"],
    &["no", "less"],
    &["no", "more", "than"],
    &["not", "only"],
    &["not", "just"],
    &["not", "merely"],
    &["not", "least"],
    &["not", "to", "mention"],
    &["or", "not"],
    &["if", "not"],
    &["nothing", "but"],
    &["nothing", "less", "than"],
    &["cannot", "help"],
    &["not", "until"],
    &["no", "sooner"],
    &["never", "mind"],
    &["not", "surprisingly"],
    &["not", "far"],
    &["not", "since"],
    &["not", "so"],
    &["not", "always"],
    &["not", "necessarily"],
    &["not", "quite"],
    &["not", "yet"],
    &["than", "not"],
];

const DE_IDIOMS: &[&[&str]] = &[
    &["nicht", "nur"],
    &["nicht", "zuletzt"],
    &["wenn", "nicht"],
    &["nichts", "gutes"],
    &["nie", "da"],
    &["nicht", "genug"],
    &["nicht", "vergessen"],
    &["nicht", "lange"],
    &["nicht", "mehr", "als"],
    &["noch", "nicht"],
    &["nicht", "einmal"],
    &["gar", "nicht"],
];

/// A word is a negator ([`EN_NEGATORS`], [`DE_NEGATORS`]).
const NEGATOR: u8 = 1;
/// A word is negative ([`EN_NEGATIVE`], [`DE_NEGATIVE`]).
const NEGATIVE: u8 = 2;
/// A word starts an idiom ([`EN_IDIOMS`], [`DE_IDIOMS`]).
const IDIOM: u8 = 4;

/// Each listed word of a language with its classes (`NEGATOR | NEGATIVE | IDIOM`): one
/// look-up a word instead of a scan of each list (the lists are short, but a pair has a
/// few dozen words and the idioms were scanned for every one).
/// A language's listed words with their classes ([`classes`]), and the first two bytes of
/// them, which tell most words that are in no list without hashing them.
struct Classes {
    map: FxHashMap<&'static str, u8>,
    starts: TwoByteSet,
}

fn classes(
    negators: &[&'static str],
    negative: &[&'static str],
    idioms: &[&[&'static str]],
) -> Classes {
    let mut map: FxHashMap<&'static str, u8> = FxHashMap::default();
    for (words, class) in [(negators, NEGATOR), (negative, NEGATIVE)] {
        for &w in words {
            *map.entry(w).or_default() |= class;
        }
    }
    for idiom in idioms {
        if let Some(&w) = idiom.first() {
            *map.entry(w).or_default() |= IDIOM;
        }
    }
    let starts = TwoByteSet::of(map.keys().copied());
    Classes { map, starts }
}

static EN_CLASSES: LazyLock<Classes> =
    LazyLock::new(|| classes(EN_NEGATORS, EN_NEGATIVE, EN_IDIOMS));
static DE_CLASSES: LazyLock<Classes> =
    LazyLock::new(|| classes(DE_NEGATORS, DE_NEGATIVE, DE_IDIOMS));

/// The classes of a lower-cased word ([`classes`]; 0 for an unlisted word).
fn class_of(classes: &Classes, w: &str) -> u8 {
    if !classes.starts.has(w) {
        return 0;
    }
    classes.map.get(w).copied().unwrap_or(0)
}

/// The first bytes of the words of `lists`, one bit each (for [`listed`], [`has_first`]).
const fn first_bytes(lists: &[&[&str]]) -> [u64; 4] {
    let mut bits = [0u64; 4];
    let mut i = 0;
    while i < lists.len() {
        let mut j = 0;
        while j < lists[i].len() {
            if let Some(&b) = lists[i][j].as_bytes().first() {
                bits[(b >> 6) as usize] |= 1 << (b & 63);
            }
            j += 1;
        }
        i += 1;
    }
    bits
}

/// Whether byte `b` is one of `bits` ([`first_bytes`]).
fn has_first(bits: &[u64; 4], b: u8) -> bool {
    bits[(b >> 6) as usize] & (1 << (b & 63)) != 0
}

/// The first bytes of [`EN_NEGATORS`] and of [`DE_NEGATORS`].
const EN_NEGATOR_STARTS: [u64; 4] = first_bytes(&[EN_NEGATORS]);
const DE_NEGATOR_STARTS: [u64; 4] = first_bytes(&[DE_NEGATORS]);
/// The first bytes of the German words [`de_negator`] counts (the listed ones and "kein…").
const DE_NEGATOR_LIKE_STARTS: [u64; 4] = first_bytes(&[DE_NEGATORS, &["kein"]]);

/// Whether `w` is a word of `list` (`starts`: its [`first_bytes`]): most words are told by
/// their first byte, the others by a scan of the short list, without hashing (what
/// `class_of(…) & NEGATOR != 0` answers for a list of negators).
fn listed(list: &[&str], starts: &[u64; 4], w: &str) -> bool {
    w.as_bytes().first().is_some_and(|&b| has_first(starts, b)) && list.contains(&w)
}

/// False when a word token (`text` as written) is certainly no English negator lower-cased
/// ([`en_negator_like`]): its first and last chars are ASCII (whose lower case is their
/// ASCII lower case, so they are the first and last bytes of the lower-cased word) and
/// neither starts a listed negator nor is a "t" at the end. Asked before the lower-cased
/// form is looked up: most words.
fn may_be_en_negator(text: &str) -> bool {
    let b = text.as_bytes();
    match (b.first(), b.last()) {
        (Some(&first), Some(&last)) if first.is_ascii() && last.is_ascii() => {
            has_first(&EN_NEGATOR_STARTS, first.to_ascii_lowercase())
                || last.eq_ignore_ascii_case(&b't')
        }
        _ => true,
    }
}

/// False when a word token (`text` as written) is certainly no German negator lower-cased
/// ([`de_negator`]): its first char is ASCII and, lower-cased, starts none.
fn may_be_de_negator(text: &str) -> bool {
    text.as_bytes().first().is_none_or(|&b| {
        !b.is_ascii() || has_first(&DE_NEGATOR_LIKE_STARTS, b.to_ascii_lowercase())
    })
}

/// A side's word: lower case, its byte range and its classes ([`class_of`]).
type Word<'l> = (&'l str, Range<usize>, u8);

/// Whether an English word is a contraction with "n't" ("don't", "isn’t"): the tokenizer
/// keeps letters together, so "don't" comes as "don", "'", "t".
fn en_contraction(words: &[Word<'_>], text: &str, k: usize) -> bool {
    let (w, r, _) = &words[k];
    if w.ends_with("n't") || w.ends_with("n’t") {
        return true;
    }
    *w == "t"
        && k > 0
        && words[k - 1].0.ends_with('n')
        && matches!(text.get(words[k - 1].1.end..r.start), Some("'" | "’"))
}

/// The words of a side, lower case ([`Lowered`]), with their byte ranges and their classes
/// in `map` (looked up once a word), into `out`.
fn words<'l>(tokens: &[Token<'_>], lower: &'l Lowered, classes: &Classes, out: &mut Vec<Word<'l>>) {
    out.extend(
        tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.is_word() && t.has_letter())
            .map(|(i, t)| {
                let w = lower.get(i);
                (w, t.range.clone(), class_of(classes, w))
            }),
    );
}

/// Whether a lower-cased English word may be a negator (a superset of what [`english`]
/// counts: a contraction's "t" without looking at its neighbour).
fn en_negator_like(w: &str) -> bool {
    listed(EN_NEGATORS, &EN_NEGATOR_STARTS, w)
        || (w.ends_with('t') && (w.ends_with("n't") || w.ends_with("n’t") || w == "t"))
}

/// Whether a lower-cased German word is a negator, as [`german`] counts them.
fn de_negator(w: &str) -> bool {
    let negator = if listed(DE_NEGATORS, &DE_NEGATOR_STARTS, w) {
        NEGATOR
    } else {
        0
    };
    de_negator_in(w, negator)
}

/// [`de_negator`] of a word whose classes ([`class_of`]) are known.
fn de_negator_in(w: &str, class: u8) -> bool {
    (w.starts_with("kein") && w.len() <= 7) || w == "keinerlei" || class & NEGATOR != 0
}

/// The words covered by an idiom of `idioms`, into `covered` (emptied first).
fn idiom_words(words: &[Word<'_>], idioms: &[&[&str]], covered: &mut Vec<bool>) {
    covered.clear();
    covered.resize(words.len(), false);
    for k in 0..words.len() {
        let (first, _, class) = words[k];
        // Most words start no idiom: their classes tell, before the list.
        if class & IDIOM == 0 {
            continue;
        }
        for idiom in idioms.iter().filter(|i| i.first() == Some(&first)) {
            if k + idiom.len() <= words.len()
                && idiom
                    .iter()
                    .zip(&words[k..k + idiom.len()])
                    .all(|(a, (w, _, _))| a == w)
            {
                for c in &mut covered[k..k + idiom.len()] {
                    *c = true;
                }
            }
        }
    }
}

/// A side's words (lower case, with their byte ranges) and idiom flags.
type SideVecs<'l> = (Vec<Word<'l>>, Vec<bool>);

thread_local! {
    /// A side's words and idiom flags ([`english`], [`german`]), emptied, for the next side:
    /// a thread allocates them once, not per side and pair.
    static SPARE: std::cell::Cell<SideVecs<'static>> = std::cell::Cell::default();
}

/// Spare vectors up to this capacity are kept ([`SPARE`]).
const KEEP_SPARE: usize = 1 << 14;

/// `v` emptied, as a vector of another lifetime's words in the same buffer (collecting a
/// vector's own iterator into a vector of the same layout reuses its allocation).
fn recycle<'b>(mut v: Vec<Word<'_>>) -> Vec<Word<'b>> {
    v.clear();
    v.into_iter().map(|(_, r, c)| ("", r, c)).collect()
}

/// The spare words and flags of [`SPARE`], for a side.
fn take_spare<'l>() -> SideVecs<'l> {
    let (words, covered) = SPARE.take();
    (recycle(words), covered)
}

/// Gives a side's words and flags back to [`SPARE`].
fn give_spare(words: Vec<Word<'_>>, covered: Vec<bool>) {
    if words.capacity() <= KEEP_SPARE && covered.capacity() <= KEEP_SPARE {
        SPARE.set((recycle(words), covered));
    }
}

/// The first English negator (its byte range), and whether the side has any negative word.
fn english(text: &str, tokens: &[Token<'_>], lower: &Lowered) -> (Option<Range<usize>>, bool) {
    let (mut words, mut covered) = take_spare();
    self::words(tokens, lower, &EN_CLASSES, &mut words);
    idiom_words(&words, EN_IDIOMS, &mut covered);
    let mut first = None;
    let mut negative = false;
    for (k, &(w, ref r, class)) in words.iter().enumerate() {
        let contraction = en_contraction(&words, text, k);
        let negator = contraction || class & NEGATOR != 0;
        if negator || class & NEGATIVE != 0 || covered[k] {
            negative = true;
        }
        // Negative morphology, which German often renders with "nicht" or "kein":
        // "unlikely", "incapable", "imperfect", "irrelevant", "non-Arab", "discourage",
        // "careless", "costless".
        const ADJECTIVE: &[&str] = &[
            "able", "ible", "ent", "ant", "ate", "ive", "ect", "ete", "ous", "ar", "ite",
        ];
        if ["un", "dis", "non", "mis"]
            .iter()
            .any(|p| w.starts_with(p) && w.len() >= 7)
            || (["in", "im", "ir", "il"].iter().any(|p| w.starts_with(p))
                && w.len() >= 7
                && ADJECTIVE.iter().any(|e| w.ends_with(e)))
            || w == "non"
            || (w.ends_with("less") && w.len() > 6)
        {
            negative = true;
        }
        // A quoted "No" (a referendum's answer) is a word, not a negation.
        let quoted = w == "no"
            && (text[..r.start].ends_with(['"', '“', '‘', '\''])
                || text[r.end..].starts_with(['"', '”', '’', '\'']));
        if negator && !covered[k] && !quoted && first.is_none() {
            first = Some(if contraction && w == "t" {
                words[k - 1].1.start..r.end
            } else {
                r.clone()
            });
        }
    }
    give_spare(words, covered);
    (first, negative)
}

/// The first German negator (its byte range), and whether the side has any negative word.
fn german(tokens: &[Token<'_>], lower: &Lowered) -> (Option<Range<usize>>, bool) {
    let (mut words, mut covered) = take_spare();
    self::words(tokens, lower, &DE_CLASSES, &mut words);
    idiom_words(&words, DE_IDIOMS, &mut covered);
    let mut first = None;
    let mut negative = false;
    for (k, &(w, ref r, class)) in words.iter().enumerate() {
        let negator = de_negator_in(w, class);
        if negator || class & NEGATIVE != 0 || covered[k] {
            negative = true;
        }
        // "unmöglich", "ineffizient", "missachten", "arbeitslos", "Nichtwähler", "Mangel…",
        // "fehl…"
        if (w.starts_with("un") && w.len() > 5)
            || (w.starts_with("in") && w.len() >= 8)
            || (w.starts_with("miss") && w.len() > 6)
            || (w.ends_with("los") && w.len() > 5)
            || w.ends_with("lose")
            || w.ends_with("losen")
            || w.ends_with("loser")
            || (w.starts_with("nicht") && w.len() > 6)
            || w.starts_with("mangel")
            || w.starts_with("fehl")
            || w.starts_with("ohne")
        {
            negative = true;
        }
        if negator && !covered[k] && first.is_none() {
            first = Some(r.clone());
        }
    }
    give_spare(words, covered);
    (first, negative)
}

impl Check for NegationMismatch {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        if pair.source_sentences.len() != 1 || pair.target_sentences.len() != 1 {
            return;
        }
        if pair.score < 0.5 {
            return;
        }
        let (s_chars, t_chars) = (pair.source.chars().count(), pair.target.chars().count());
        if s_chars < 20 || t_chars < 20 {
            return;
        }
        let ratio = t_chars as f64 / s_chars as f64;
        if !(0.7..=1.8).contains(&ratio) {
            return;
        }
        let a = &pair.analysis;
        let (s_toks, t_toks) = (a.source_tokens(), a.target_tokens());
        let (s_lower, t_lower) = (a.source_lower(), a.target_lower());
        // Most pairs have no negator on either side: nothing to compare.
        // (a word's own first and last bytes tell most words apart before its lower-cased
        // form is looked at)
        let any = |toks: &[Token<'_>],
                   lower: &Lowered,
                   may_be: fn(&str) -> bool,
                   negator: fn(&str) -> bool| {
            (0..toks.len())
                .any(|i| toks[i].is_word() && may_be(toks[i].text) && negator(lower.get(i)))
        };
        if !any(s_toks, s_lower, may_be_en_negator, en_negator_like)
            && !any(t_toks, t_lower, may_be_de_negator, de_negator)
        {
            return;
        }
        let (en_neg, en_negative) = english(pair.source, s_toks, s_lower);
        let (de_neg, de_negative) = german(t_toks, t_lower);
        match (en_neg, de_neg) {
            (Some(r), None) if !de_negative => {
                let word = &pair.source[r.clone()];
                out.push(Finding::new(
                    &Self::RULE,
                    Side::Source,
                    r,
                    format!(
                        "the English '{word}' has no negation in the German (no 'nicht', \
                         'kein', 'nie', 'ohne'): check that the meaning is not reversed"
                    ),
                ));
            }
            (None, Some(r)) if !en_negative => {
                let word = &pair.target[r.clone()];
                out.push(Finding::target(
                    &Self::RULE,
                    r,
                    format!(
                        "the German '{word}' negates, but the English has no negation (no \
                         'not', 'no', 'never', 'without'): check that the meaning is not \
                         reversed"
                    ),
                ));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::{run, spans};

    /// The negator tests without hashing answer as the classes' look-up: on every listed
    /// word (and each with a letter more, fewer, or capitalised) and on random words over
    /// the lists' letters.
    #[test]
    fn negator_tests_answer_as_the_classes() {
        let hashed = |c: &Classes, w: &str| c.map.get(w).copied().unwrap_or(0);
        let slow_en = |w: &str| {
            hashed(&EN_CLASSES, w) & NEGATOR != 0
                || w.ends_with("n't")
                || w.ends_with("n’t")
                || w == "t"
        };
        let slow_de = |w: &str| de_negator_in(w, hashed(&DE_CLASSES, w));
        let lists = [EN_NEGATORS, DE_NEGATORS, EN_NEGATIVE, DE_NEGATIVE];
        let mut words: Vec<String> = ["", "t", "n't", "don’t", "kein", "keinerlei", "'t", "n"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        for w in lists.iter().flat_map(|l| l.iter()) {
            let mut cs = w.chars();
            cs.next_back();
            words.extend([
                w.to_string(),
                format!("{w}s"),
                format!("x{w}"),
                cs.as_str().to_string(),
                w.to_uppercase(),
            ]);
        }
        words.extend(crate::checks::tokens::tests::random_texts(
            "notwhikcemrds'’äßK\u{212a}NT",
            4,
            9,
            100_000,
        ));
        let (mut en, mut de) = (0, 0);
        for w in &words {
            // the filters on the word as written, and on it capitalised
            let capitalised = crate::checks::text::capitalise_first(w);
            for t in [w.as_str(), &capitalised, &w.to_uppercase()] {
                let lt = t.to_lowercase();
                assert!(!slow_en(&lt) || may_be_en_negator(t), "{t:?}");
                assert!(!slow_de(&lt) || may_be_de_negator(t), "{t:?}");
            }
            assert_eq!(class_of(&EN_CLASSES, w), hashed(&EN_CLASSES, w), "{w:?}");
            assert_eq!(class_of(&DE_CLASSES, w), hashed(&DE_CLASSES, w), "{w:?}");
            assert_eq!(en_negator_like(w), slow_en(w), "{w:?}");
            assert_eq!(de_negator(w), slow_de(w), "{w:?}");
            en += usize::from(slow_en(w));
            de += usize::from(slow_de(w));
        }
        assert!(en > 100 && de > 10, "{en} {de}");
    }

    #[test]
    fn negations_on_both_sides_or_idioms_are_not_flagged() {
        for (en, de) in [
            (
                "The government did not raise taxes last year.",
                "Die Regierung hat im vergangenen Jahr die Steuern nicht erhöht.",
            ),
            (
                "There is no easy way out of this crisis.",
                "Es gibt keinen einfachen Ausweg aus dieser Krise.",
            ),
            (
                "No matter what happens, we will stay here.",
                "Was auch immer geschieht, wir bleiben hier.",
            ),
            (
                "Whether or not they agree, the vote will take place.",
                "Ob sie zustimmen oder nicht, die Abstimmung findet statt.",
            ),
            (
                "He failed to convince the voters in the south.",
                "Es gelang ihm nicht, die Wähler im Süden zu überzeugen.",
            ),
            (
                "There is hardly any money left in the budget.",
                "Im Haushalt ist kaum noch Geld übrig.",
            ),
            (
                "They left the city without saying goodbye to anyone.",
                "Sie verließen die Stadt, ohne sich von jemandem zu verabschieden.",
            ),
            (
                "It is not only about money, but about trust.",
                "Es geht nicht nur um Geld, sondern um Vertrauen.",
            ),
        ] {
            assert!(spans(&NegationMismatch, en, de).is_empty(), "{en} / {de}");
        }
    }

    #[test]
    fn a_negation_on_one_side_is_flagged_with_both_words() {
        let found = run(
            &NegationMismatch,
            "The government did not raise taxes last year.",
            "Die Regierung hat im vergangenen Jahr die Steuern erhöht.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "not");
        assert!(found[0].1.contains("'not'") && found[0].1.contains("nicht"));
        assert_eq!(
            spans(
                &NegationMismatch,
                "The central bank raised interest rates in March.",
                "Die Zentralbank hat die Zinsen im März nicht angehoben.",
            ),
            vec!["nicht"]
        );
        assert_eq!(
            spans(
                &NegationMismatch,
                "The reforms haven't reduced unemployment at all.",
                "Die Reformen haben die Arbeitslosigkeit deutlich verringert.",
            ),
            vec!["haven't"]
        );
        assert_eq!(
            spans(
                &NegationMismatch,
                "The party has a clear majority in parliament.",
                "Die Partei hat keine klare Mehrheit im Parlament.",
            ),
            vec!["keine"]
        );
    }

    #[test]
    fn pairs_of_several_sentences_or_very_different_length_are_left_alone() {
        assert!(
            spans(
                &NegationMismatch,
                "The government did not raise taxes.",
                "Die Regierung hat die Steuern erhöht, und zwar deutlich, wie alle Beobachter seit Monaten erwartet hatten, trotz der Proteste.",
            )
            .is_empty()
        );
    }
}
