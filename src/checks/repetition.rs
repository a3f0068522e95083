use crate::checks::registry::RuleOption;
use crate::checks::tokens::Token;
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;
use crate::model::Severity;

declare_check! {
    /// ## What it catches
    ///
    /// Text that machine translation repeated: a word or a group of words looping ("Bürgerinnen und
    /// Bürgerinnen und Bürgerinnen und …", "Stearns-Stearns-Stearns"), and a word doubled where the
    /// English has no such doubling ("Er sah die die Frau", "in in der Stadt", "Stearns-Stearns").
    ///
    /// ## Why it matters
    ///
    /// Neural MT falls into loops when it loses track of the source; the loop often replaces the
    /// rest of the sentence, so the translation is both garbled and incomplete.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: Dear citizens,
    /// de: Liebe Bürgerinnen und Bürgerinnen und Bürgerinnen und Bürger
    ///           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ suggestion: "Bürgerinnen und"
    /// ```
    ///
    /// The loop is flagged with one copy as suggestion.
    ///
    /// ## Not flagged
    ///
    /// Repetitions that the English has too ("No, no, no" → "Nein, nein, nein", "Baden-Baden",
    /// "Bora Bora", one doubled word for each in the English); legal German doubling of an article
    /// after a comma, a comma and preposition or a conjunction when a noun phrase follows ("Frauen,
    /// die die Welt verändern", "Bars, in die die Leute gehen", "dass die die Besten sind"), and of
    /// pronouns ("Wenn Sie sie sehen", "Hat sie sie gesehen?"); doubled interjections ("ja ja");
    /// words separated by punctuation ("die, die") or a spaced dash ("rief es - es war");
    /// "der der" after a preposition, "auch", "und" ("mit der der Bank of England": that of
    /// the bank) and "das das" after a verb ("war das das Rezept"); a doubling for a stutter
    /// or tautology of the English ("I--I" → "Ich ich", "at least--at least", "ferrets are
    /// ferrets" → "Frettchen Frettchen"). A doubled pronoun that is not plainly legal ("steckte
    /// sie sie") is a warning, not an error. Flagged all the same: "in die die Stadt", "die
    /// Änderung des des Namens", "Gesetze, die die von einem Land kommen", and "Frauen die die
    /// Welt" (the message then names the missing comma).
    pub struct Repetition {
        code: "MT011",
        name: "repetition",
        severity: Error,
        summary: "A word or group of words repeated in a loop, or doubled (\"die die\")",
    }
}

/// Articles whose doubling is legal German after a relative pronoun or demonstrative
/// ("Frauen, die die Welt …", "dass die die Besten sind").
/// ("des" is never a relative pronoun, so "des des" is always wrong.)
const ARTICLES: &[&str] = &["der", "die", "das", "den", "dem"];

/// Pronouns whose doubling is legal German ("Hat sie sie gesehen?", "Gebt ihr ihr Buch").
const PRONOUNS: &[&str] = &["sie", "ihr", "es"];

/// Interjections that German doubles on purpose.
const INTERJECTIONS: &[&str] = &[
    "ja", "nein", "na", "nun", "so", "tja", "oh", "ach", "ha", "haha", "hm", "hmm", "bla",
    "blabla", "tschüss", "hallo", "okay", "ok", "aha", "oje", "pst", "huch", "hey",
];

/// Conjunctions and interrogatives after which a demonstrative + article is legal ("dass die
/// die Besten sind", "was die die ganze Zeit …").
const CONJUNCTIONS: &[&str] = &[
    "denn", "dass", "daß", "ob", "weil", "wenn", "als", "wo", "was", "wer", "da", "damit",
    "obwohl", "während", "bevor", "nachdem", "sodass", "falls", "seit", "seitdem", "bis", "sobald",
    "solange", "indem", "ehe",
];

/// Coordinating conjunctions: "und sie sie liebt" is fine, "und die die Welt" lacks a comma.
const COORDINATORS: &[&str] = &["und", "oder", "aber", "sondern", "wie"];

/// Prepositions that open a relative clause after a comma ("…, in die die Leute gehen").
const PREPOSITIONS: &[&str] = &[
    "in",
    "an",
    "auf",
    "mit",
    "von",
    "zu",
    "für",
    "über",
    "unter",
    "nach",
    "bei",
    "aus",
    "durch",
    "gegen",
    "ohne",
    "um",
    "vor",
    "hinter",
    "neben",
    "zwischen",
    "seit",
    "bis",
    "trotz",
    "wegen",
    "statt",
    "laut",
    "gemäß",
    "dank",
    "innerhalb",
    "außerhalb",
    "mithilfe",
    "anhand",
    "bezüglich",
    "entlang",
    "gegenüber",
    "während",
];

/// Finite verbs and particles before a subject pronoun ("Hat sie sie gesehen?").
const BEFORE_PRONOUN: &[&str] = &[
    "hat", "haben", "habe", "hatte", "hatten", "ist", "sind", "war", "waren", "wird", "werden",
    "wurde", "wurden", "kann", "können", "konnte", "soll", "sollen", "sollte", "muss", "müssen",
    "will", "wollen", "würde", "würden", "gibt", "gab", "gebt", "sah", "sieht", "liebt", "kennt",
    "fragt", "fragte", "nahm", "nimmt", "gab", "zeigt", "zeigte", "dann", "nun", "jetzt", "da",
    "so", "auch", "doch", "noch", "schon", "nicht",
];

/// Whether "X X" with X an article or pronoun is legal German here (`k`: the first X).
fn legal_doubling(toks: &[Token<'_>], low: &[&str], k: usize) -> bool {
    let w = low[k];
    let prev = k.checked_sub(1).map(|p| (&toks[p], &*low[p]));
    let Some((p, pl)) = prev else {
        // "Die die Welt verändern, …" is rare; "Sie sie …" is not a sentence.
        return false;
    };
    if PRONOUNS.contains(&w) {
        if toks[k].text == "Sie" && toks.get(k + 1).is_some_and(|t| t.text == "Sie") {
            return false; // "Haben Sie Sie …"
        }
        if w == "es" {
            return BEFORE_PRONOUN.contains(&pl); // "Hat es es gesehen?", not "aber es es"
        }
        return !p.is_word()
            || CONJUNCTIONS.contains(&pl)
            || COORDINATORS.contains(&pl)
            || BEFORE_PRONOUN.contains(&pl)
            || p.is_capitalised();
    }
    // An article: the second one must start a noun phrase ("die die Welt", "die die 11
    // Milliarden"), not stand before a preposition, pronoun or article ("die die von einem").
    if let Some(n) = toks.get(k + 2)
        && n.is_word()
        && !n.is_capitalised()
        && NOT_IN_NOUN_PHRASE.contains(&low[k + 2])
    {
        return false;
    }
    if !p.is_word() {
        // After a comma, quote, bracket or dash: a relative clause ("Frauen, die die Welt …").
        return matches!(
            p.text,
            "," | "(" | "–" | "—" | "-" | "„" | "“" | "\"" | "»" | "«" | "‚" | "'"
        );
    }
    if CONJUNCTIONS.contains(&pl) {
        return true; // "dass die die Besten sind"
    }
    // "…, in die die Leute gehen": a preposition right after a comma.
    PREPOSITIONS.contains(&pl) && k >= 2 && toks[k - 2].text == ","
}

/// Words that cannot follow an article inside a noun phrase.
const NOT_IN_NOUN_PHRASE: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "sich", "es", "er", "sie", "ihr", "wir", "man", "ich", "du", "in", "an", "auf", "mit", "von",
    "zu", "zum", "zur", "im", "am", "für", "über", "unter", "nach", "bei", "aus", "durch", "gegen",
    "ohne", "um", "vor", "und", "oder", "aber", "dass", "nicht", "auch", "noch", "schon", "ist",
    "sind", "war", "waren", "hat", "haben", "wird", "werden", "wurde", "kann", "sein", "seine",
    "seinen", "seinem", "seiner", "seines", "ihre", "ihren", "ihrem", "ihres", "mein", "meine",
    "meinen", "meinem", "meiner", "dein", "deine", "unser", "unsere", "unseren", "unserem",
    "unserer", "euer", "eure", "dessen", "deren",
];

/// Whether a target (its tokens lower-cased) may hold a loop or a doubled word: some token
/// equals the one `n` before it at `n` positions in a row, for a unit length `n` of 1 to 8 (a
/// loop covers at least two copies of its unit, a doubled word is `n` = 1 or "X-X", `n` = 2).
/// (`hyphen` says which token is "-".)
fn may_repeat<T: PartialEq>(low: &[T], hyphen: impl Fn(&T) -> bool) -> bool {
    (1..=8).any(|n| {
        let mut row = 0;
        (n..low.len()).any(|j| {
            if low[j] != low[j - n] {
                row = 0;
                return false;
            }
            row += 1;
            row >= n || (n == 2 && hyphen(&low[j - 1]))
        })
    })
}

/// A number per token that equal tokens share: a function of the token's bytes alone
/// (`buf[r]`, read eight bytes at a time where `buf` has them), not of where it stands.
fn fingerprint(buf: &[u8], r: std::ops::Range<usize>) -> u64 {
    let n = r.len();
    let word = |at: usize, len: usize| -> u64 {
        // the `len` (≤ 8) bytes from `at`, little-endian, the rest zero
        let mask = if len >= 8 {
            u64::MAX
        } else {
            (1u64 << (8 * len)) - 1
        };
        match buf.get(at..).and_then(|x| x.first_chunk::<8>()) {
            Some(c) => u64::from_le_bytes(*c) & mask,
            None => {
                let mut c = [0u8; 8];
                let part = buf.get(at..at + len.min(8)).unwrap_or_default();
                c[..part.len()].copy_from_slice(part);
                u64::from_le_bytes(c)
            }
        }
    };
    let head = word(r.start, n);
    let tail = if n > 8 { word(r.end - 8, 8) } else { 0 };
    head ^ tail.rotate_left(29) ^ ((n as u64) << 58)
}

/// Whether the tokens whose [`fingerprint`]s are `prints` may repeat ([`may_repeat`] of
/// the tokens): false only where it is false. [`may_repeat`] needs a token equal to the
/// next (`n` = 1), "X - X" (`n` = 2), or for `n` ≥ 2 two tokens in a row equal to the two
/// `n` before: a pair of neighbours that comes again within eight tokens. One pass, the
/// pairs of the last eight positions in a ring.
fn prints_may_repeat(prints: &[u64], hyphen: u64) -> bool {
    // (an empty slot holds 0; a pair that mixes to 0 is taken to repeat)
    let mut ring = [0u64; 8];
    for j in 1..prints.len() {
        let (a, b) = (prints[j - 1], prints[j]);
        if a == b || (a == hyphen && j >= 2 && prints[j - 2] == b) {
            return true;
        }
        let pair = a.rotate_left(23) ^ b;
        if pair == 0 || ring.contains(&pair) {
            return true;
        }
        ring[j % 8] = pair;
    }
    false
}

/// Longest run starting at `i` in which every token equals the one `n` before it: returns the
/// number of tokens covered (≥ n). `end` remembers where the last run for this `n` ended: the
/// run from a later `i` ends there too while that is at least `i + n` (every token between
/// matched), so the scan never goes over the same tokens twice (one long run of a token that
/// is no loop, "1.000 1.000 …", was rescanned from each of its tokens: quadratic).
fn run_len(toks: &[&str], i: usize, n: usize, end: &mut usize) -> usize {
    if *end < i + n {
        let mut j = i + n;
        while j < toks.len() && toks[j] == toks[j - n] {
            j += 1;
        }
        *end = j;
    }
    *end - i
}

/// A loop: (first token, tokens covered, unit length n). `min_copies`: how many copies of the
/// unit make a loop (`None`: three of a single word, two and a half of a longer unit).
fn find_loops(toks: &[&str], min_copies: Option<f64>) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
    let has_letter: Vec<bool> = toks
        .iter()
        .map(|t| t.chars().any(char::is_alphabetic))
        .collect();
    let mut ends = [0usize; 9];
    let mut i = 0;
    while i < toks.len() {
        let mut best: Option<(usize, usize)> = None;
        for n in 1..=8 {
            if i + 2 * n > toks.len() {
                break;
            }
            let len = run_len(toks, i, n, &mut ends[n]);
            // Three copies of a single token; two and a half copies of a longer unit.
            let is_loop = match min_copies {
                Some(m) => len as f64 >= m * n as f64,
                None if n == 1 => len >= 3,
                None => 2 * len >= 5 * n,
            };
            let unit_has_word = has_letter[i..i + n].iter().any(|&b| b);
            if is_loop && unit_has_word && best.is_none_or(|(_, l)| len > l) {
                best = Some((n, len));
            }
        }
        match best {
            Some((n, len)) => {
                found.push((i, len, n));
                i += len;
            }
            None => i += 1,
        }
    }
    found
}

/// How many stutters and tautologies the English has, which a translator renders as a
/// doubled word: "I--I", "at least--at least", "ferrets are ferrets".
fn source_stutters(toks: &[Token<'_>], low: &[&str]) -> usize {
    let dashes =
        |t: &Token<'_>| !t.text.is_empty() && t.text.chars().all(|c| matches!(c, '-' | '–' | '—'));
    // the index after the dash tokens from `j` on (`j` itself when there are none)
    let skip_dashes = |mut j: usize| {
        while j < toks.len() && dashes(&toks[j]) {
            j += 1;
        }
        j
    };
    let mut n = 0;
    for k in 0..toks.len().saturating_sub(2) {
        if !toks[k].is_word() {
            continue;
        }
        // "I--I'm": the word before an apostrophe
        let base = |w: &str| w.split(['\'', '’']).next().unwrap_or(w).to_string();
        let j = skip_dashes(k + 1);
        if j > k + 1 && j < toks.len() && toks[j].is_word() && base(low[j]) == base(low[k]) {
            n += 1; // "I--I", "unimportant--unimportant"
            continue;
        }
        if matches!(low[k + 1], "are" | "is") && toks[k + 2].is_word() && low[k + 2] == low[k] {
            n += 1; // "ferrets are ferrets"
            continue;
        }
        // "at least--at least"
        if toks[k + 1].is_word() {
            let j = skip_dashes(k + 2);
            if j > k + 2 && j + 1 < toks.len() && low[j] == low[k] && low[j + 1] == low[k + 1] {
                n += 1;
            }
        }
    }
    n
}

/// Prepositions and particles after which "der der" is a demonstrative and a genitive
/// article ("mit der der Bank of England", "auch der der Welt").
const BEFORE_DER_DER: &[&str] = &[
    "mit",
    "von",
    "zu",
    "bei",
    "aus",
    "nach",
    "seit",
    "gegenüber",
    "einschließlich",
    "auch",
    "als",
    "wie",
    "und",
    "oder",
    "in",
    "an",
    "auf",
    "über",
    "unter",
    "vor",
    "hinter",
    "neben",
    "zwischen",
];

/// Lower-cased words that appear doubled (adjacent, or joined by a hyphen) in `toks`
/// (`low`: the tokens in lower case).
fn doubled_words(toks: &[Token<'_>], low: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for k in 0..toks.len().saturating_sub(1) {
        if toks[k].is_word() && toks[k + 1].is_word() && low[k] == low[k + 1] {
            out.push(low[k].to_string());
        }
    }
    for k in 0..toks.len().saturating_sub(2) {
        if toks[k].is_word()
            && toks[k + 1].text == "-"
            && toks[k + 2].is_word()
            && low[k] == low[k + 2]
        {
            out.push(low[k].to_string());
        }
    }
    out
}

impl Check for Repetition {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        RepetitionWith::default().check(pair, out);
    }
}

/// The `[thresholds]` key of MT011: `repetition-min`.
pub const OPTIONS: &[RuleOption] = &[RuleOption {
    name: "repetition-min",
    help: "MT011: how many copies of a word or group of words in a row make a loop (default: 3 of a single word, 2.5 of a longer group; at least 2)",
}];

/// MT011 with the loop threshold of `mtlint.toml` (`repetition-min`): how many copies of a word
/// or group of words in a row make a loop (`None`: the default, three copies of a single word,
/// two and a half of a longer unit; at least 2). Doubled words ("die die") are judged as
/// before.
#[derive(Debug, Clone, Copy, Default)]
pub struct RepetitionWith {
    pub min_copies: Option<f64>,
}

impl Check for RepetitionWith {
    fn rule(&self) -> &'static Rule {
        &Repetition::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        let toks = pair.analysis.target_tokens();
        let lowered = pair.analysis.target_lower();
        // Cheap exit first, on numbers: where the target lower-cased is one string (nearly
        // always), a token's lower case is its own range of it, and the fingerprints of the
        // tokens, in this thread's spare vector, say most targets repeat nothing.
        if let Some(whole) = lowered.whole() {
            let whole = whole.as_bytes();
            let mut prints = SPARE_PRINTS.take();
            prints.clear();
            prints.extend(toks.iter().map(|t| fingerprint(whole, t.range.clone())));
            let maybe = prints_may_repeat(&prints, fingerprint(b"-", 0..1));
            if prints.capacity() <= KEEP_LOW {
                SPARE_PRINTS.set(prints);
            }
            if !maybe {
                return;
            }
        }
        // The target's tokens lower-cased, in this thread's spare vector (not one per pair).
        let mut low = recycle(SPARE_LOW.take());
        low.extend((0..toks.len()).map(|i| lowered.get(i)));
        // Cheap exit: nothing repeats closely enough for a loop or a doubled word.
        if may_repeat(&low, |w| *w == "-") {
            self.report(pair, &low, out);
        }
        if low.capacity() <= KEEP_LOW {
            SPARE_LOW.set(recycle(low));
        }
    }
}

/// A spare vector up to this capacity is kept for the next pair ([`SPARE_LOW`]).
const KEEP_LOW: usize = 1 << 14;

thread_local! {
    /// [`RepetitionWith::check`]'s vector of lower-cased tokens, emptied, for the next pair.
    static SPARE_LOW: std::cell::Cell<Vec<&'static str>> = std::cell::Cell::default();
    /// [`RepetitionWith::check`]'s vector of token fingerprints, for the next pair.
    static SPARE_PRINTS: std::cell::Cell<Vec<u64>> = std::cell::Cell::default();
}

/// `v` emptied, as a vector of another lifetime's strings in the same buffer (collecting a
/// vector's own iterator into a vector of the same layout reuses its allocation).
fn recycle<'b>(mut v: Vec<&str>) -> Vec<&'b str> {
    v.clear();
    v.into_iter().map(|_| "").collect()
}

impl RepetitionWith {
    /// [`RepetitionWith::check`] of a target that may repeat ([`may_repeat`]), `low` its
    /// tokens lower-cased.
    fn report(&self, pair: &PairView<'_>, low: &[&str], out: &mut Findings<'_>) {
        let min_copies = self.min_copies.map(|m| m.max(2.0));
        let t = pair.target;
        let toks = pair.analysis.target_tokens();
        let src_toks = pair.analysis.source_tokens();
        let src_lowered = pair.analysis.source_lower();
        let src_low: Vec<&str> = (0..src_toks.len()).map(|i| src_lowered.get(i)).collect();
        let source_loops = !find_loops(&src_low, min_copies).is_empty();
        let source_doubles = doubled_words(src_toks, &src_low);
        let stutters = source_stutters(src_toks, &src_low);

        let mut covered = vec![false; toks.len()];
        if !source_loops {
            for (i, len, n) in find_loops(low, min_copies) {
                // Skip a loop made of one number ("1 1 1") or of a doubled word the source has.
                let unit = &toks[i..i + n];
                if !unit.iter().any(Token::has_letter) {
                    continue;
                }
                let mut end_tok = i + len - 1;
                // Do not end the span on a dangling hyphen or comma.
                while end_tok > i && !toks[end_tok].is_word() {
                    end_tok -= 1;
                }
                let span = toks[i].range.start..toks[end_tok].range.end;
                let one = &t[toks[i].range.start..toks[i + n - 1].range.end];
                let copies = len as f64 / n as f64;
                let copies = if copies.fract() == 0.0 {
                    format!("{copies:.0}")
                } else {
                    format!("{copies:.1}")
                };
                out.push(
                    Finding::target(
                        &Repetition::RULE,
                        span,
                        format!("The translation loops: '{one}' repeats {copies} times in a row"),
                    )
                    .with_suggestion(one.trim_end_matches(['-', ',', ' '])),
                );
                for c in covered.iter_mut().skip(i).take(len) {
                    *c = true;
                }
            }
        }

        // Doubled words: "X X" and "X-X".
        let target_doubles = doubled_words(toks, low);
        // (counted in hash maps: a list search per doubled word was quadratic on "die die die …")
        let in_target: std::collections::HashSet<&String> = target_doubles.iter().collect();
        let mut same_left: std::collections::HashMap<&str, usize> =
            std::collections::HashMap::new();
        let mut doubles_left = stutters;
        for w in &source_doubles {
            if in_target.contains(w) {
                *same_left.entry(w.as_str()).or_default() += 1;
            } else {
                doubles_left += 1;
            }
        }
        for k in 0..toks.len() {
            let a = &toks[k];
            if covered[k] || !a.is_word() || !a.has_letter() {
                continue;
            }
            let (b_idx, hyphen) = match (toks.get(k + 1), toks.get(k + 2)) {
                (Some(b), _) if b.is_word() && low[k + 1] == low[k] => (k + 1, false),
                (Some(h), Some(b)) if h.text == "-" && b.is_word() && low[k + 2] == low[k] => {
                    (k + 2, true)
                }
                _ => continue,
            };
            if covered[b_idx] {
                continue;
            }
            // "rief es - es war die Mutter": a spaced dash interrupts, it does not join.
            if hyphen && t[a.range.end..toks[b_idx].range.start].contains(char::is_whitespace) {
                continue;
            }
            // The English doubles a word too: the same word ("Roa Roa"), or a translated one
            // ("Fine fine" → "Gut gut"), as many times as the English has doublings.
            if let Some(left) = same_left.get_mut(low[k])
                && *left > 0
            {
                *left -= 1;
                continue;
            }
            if doubles_left > 0 {
                doubles_left -= 1;
                continue;
            }
            // "Sie sie" (formal you + her), "Die die": different words that look alike.
            if !hyphen && a.text != toks[b_idx].text && PRONOUNS.contains(&low[k]) {
                continue;
            }
            // Interjections are doubled on purpose ("ja ja", "na na").
            if INTERJECTIONS.contains(&low[k]) {
                continue;
            }
            let guarded = ARTICLES.contains(&low[k]) || PRONOUNS.contains(&low[k]);
            if !hyphen && guarded && legal_doubling(toks, low, k) {
                continue;
            }
            let prev = k.checked_sub(1).map(|p| &*low[p]);
            // "mit der der Bank of England" (that of the Bank), "war das das Rezept" (was
            // that the recipe): a demonstrative and an article.
            if !hyphen
                && ((low[k] == "der" && prev.is_some_and(|p| BEFORE_DER_DER.contains(&p)))
                    || (low[k] == "das" && prev.is_some_and(|p| BEFORE_PRONOUN.contains(&p))))
            {
                continue;
            }
            // A doubled pronoun after a verb is mostly legal ("steckte sie sie in einen
            // Topf"): a warning.
            let weak = !hyphen && PRONOUNS.contains(&low[k]);
            let span = a.range.start..toks[b_idx].range.end;
            let finding =
                Finding::target(
                    &Repetition::RULE,
                    span,
                    if ARTICLES.contains(&low[k]) {
                        format!(
                            "Doubled word: '{}', and the English has no such repetition (if a relative clause starts here, a comma is missing: \"Frauen, die die Welt …\")",
                            a.text
                        )
                    } else {
                        format!(
                            "Doubled word: '{}', and the English has no such repetition",
                            a.text
                        )
                    },
                )
                .with_suggestion(a.text);
            out.push(if weak {
                finding.with_severity(Severity::Warning)
            } else {
                finding
            });
            covered[b_idx] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::with_severity;
    use crate::checks::testing::{run, spans};

    #[test]
    fn fingerprints_repeat_wherever_the_tokens_do() {
        let texts =
            crate::checks::tokens::tests::random_texts("ab -aab abcdefghij", 31, 30, 20_000);
        for t in &texts {
            let toks = crate::checks::tokens::tokenize(t);
            let words: Vec<&str> = toks.iter().map(|k| k.text).collect();
            let prints: Vec<u64> = toks
                .iter()
                .map(|k| fingerprint(t.as_bytes(), k.range.clone()))
                .collect();
            if may_repeat(&words, |w| *w == "-") {
                assert!(prints_may_repeat(&prints, fingerprint(b"-", 0..1)), "{t:?}");
            }
        }
        // a function of the bytes, wherever they stand
        let x = b"the cat-catalogue the";
        assert_eq!(fingerprint(x, 0..3), fingerprint(x, 18..21));
        assert_eq!(fingerprint(x, 0..3), fingerprint(b"the", 0..3));
        assert_eq!(fingerprint(x, 8..17), fingerprint(b"catalogue", 0..9));
        assert_ne!(fingerprint(x, 4..7), fingerprint(x, 8..12));
    }

    #[test]
    fn loop_threshold_is_configurable() {
        let three = "Liebe Bürgerinnen und Bürgerinnen und Bürgerinnen und Bürger";
        assert_eq!(spans(&Repetition, "Dear citizens,", three).len(), 1);
        let four = RepetitionWith {
            min_copies: Some(4.0),
        };
        assert!(spans(&four, "Dear citizens,", three).is_empty());
        let two = RepetitionWith {
            min_copies: Some(2.0),
        };
        assert_eq!(
            spans(&two, "the big house", "das große Haus große Haus"),
            ["große Haus große Haus"]
        );
        assert!(spans(&Repetition, "the big house", "das große Haus große Haus").is_empty());
    }

    #[test]
    fn flags_loops() {
        assert_eq!(
            spans(
                &Repetition,
                "Dear citizens,",
                "Liebe Bürgerinnen und Bürgerinnen und Bürgerinnen und Bürgerinnen und"
            ),
            vec!["Bürgerinnen und Bürgerinnen und Bürgerinnen und Bürgerinnen und"]
        );
        assert_eq!(
            spans(
                &Repetition,
                "Stearns said.",
                "Stearns-Stearns-Stearns sagte."
            ),
            vec!["Stearns-Stearns-Stearns"]
        );
        let found = run(&Repetition, "no", "nein nein nein nein");
        assert!(found[0].1.contains("repeats 4 times"), "{found:?}");
    }

    #[test]
    fn flags_doubled_words() {
        assert_eq!(
            spans(&Repetition, "He saw the woman.", "Er sah die die Frau."),
            vec!["die die"]
        );
        assert_eq!(
            spans(&Repetition, "in the city", "in in der Stadt"),
            vec!["in in"]
        );
        assert_eq!(
            spans(
                &Repetition,
                "He went into the city.",
                "Er ging in die die Stadt."
            ),
            vec!["die die"]
        );
        assert_eq!(
            spans(&Repetition, "It is the world.", "Das ist die die Welt."),
            vec!["die die"]
        );
        assert_eq!(
            spans(&Repetition, "The world is big.", "Die die Welt ist groß."),
            vec!["Die die"]
        );
        assert_eq!(spans(&Repetition, "He came.", "Er er kam."), vec!["Er er"]);
        for t in [
            "bei der Strafverfolgung der der Gegend",
            "Gesetze, die die von einem Land kommen",
            "eine Gruppe, die die sich als Partei sieht",
            "die Änderung des des Namens",
            "Haben Sie Sie das Dokument?",
            "Aber es es gibt Zweifel.",
            "um es zu zu bekämpfen",
            "Wir machen uns gut gut.",
        ] {
            assert_eq!(spans(&Repetition, "x", t).len(), 1, "{t}");
        }
        assert_eq!(
            spans(
                &Repetition,
                "the collapse of the Roa Roa Hotel",
                "nach dem Zusammenbruch des des Roa Roa Hotels"
            ),
            vec!["des des"]
        );
        for t in [
            "eine Zunahme von 14 % der der Zahl",
            "Institutionen wie die die EU",
            "Robinson, der der seine Chance nutzte",
            "Männer und die die Frauen",
        ] {
            assert_eq!(spans(&Repetition, "x", t).len(), 1, "{t}");
        }
        // One doubling in the English allows one in the German, not two.
        assert_eq!(
            spans(
                &Repetition,
                "Fine fine, it is in the box.",
                "Gut gut, es ist in in der Box."
            ),
            vec!["in in"]
        );
        // A relative clause without its comma: flagged, and the message says so.
        let found = run(
            &Repetition,
            "Women who change the world.",
            "Frauen die die Welt verändern.",
        );
        assert!(found[0].1.contains("comma"), "{found:?}");
        assert_eq!(
            spans(&Repetition, "Stearns said", "Stearns-Stearns sagte"),
            vec!["Stearns-Stearns"]
        );
    }

    #[test]
    fn legal_german_doubling_is_not_flagged() {
        for (s, t) in [
            (
                "Women who change the world.",
                "Frauen, die die Welt verändern.",
            ),
            (
                "The house that survived the fire.",
                "Das Haus, das das Feuer überstand.",
            ),
            (
                "The man who helped the woman.",
                "Der Mann, der der Frau half.",
            ),
            (
                "the cause for which people fight",
                "die Sache, für die die Menschen kämpfen",
            ),
            (
                "I know they are the best.",
                "Ich weiß, dass die die Besten sind.",
            ),
            ("If you see her", "Wenn Sie sie sehen"),
            (
                "Please delete it promptly.",
                "Bitte löschen Sie sie prompt.",
            ),
            ("Fine fine, I agree.", "Gut gut, ich stimme zu."),
            ("Did she see her?", "Hat sie sie gesehen?"),
            ("Give her her book", "Gebt ihr ihr Buch"),
            ("bars where people go", "Bars, in die die Leute gehen"),
            ("what they do all day", "Was die die ganze Zeit machen"),
            ("that the 11 billion", "betont, dass die die 11 Milliarden"),
            ("so that they vote for them", "damit sie sie wählen"),
            ("Those who", "Die, die es wissen"),
            ("No, no, no!", "Nein, nein, nein!"),
            ("He lives in Baden-Baden.", "Er lebt in Baden-Baden."),
            ("a trip to Bora Bora", "eine Reise nach Bora Bora"),
            ("step by step", "Schritt für Schritt"),
            ("Yeah, right.", "Ja ja, schon klar."),
            ("more and more", "mehr und mehr"),
            ("1 1 1", "1 1 1"),
        ] {
            assert!(spans(&Repetition, s, t).is_empty(), "{t}");
        }
    }

    #[test]
    fn legal_doublings_of_issue_16_are_not_errors() {
        let r = &Repetition;
        assert!(
            spans(
                r,
                "",
                "die Unabhängigkeit der Fed mit der der Bank of England vergleichen"
            )
            .is_empty()
        );
        assert!(spans(r, "", "und somit auch der der Welt").is_empty());
        assert!(spans(r, "", "einschließlich der der EU angehörenden Staaten").is_empty());
        assert!(spans(r, "", "Damals war das das revolutionäre Rezept.").is_empty());
        assert!(
            spans(
                r,
                "'I--I'm a little girl'",
                "»Ich ich bin ein kleines Mädchen«"
            )
            .is_empty()
        );
        assert!(
            spans(
                r,
                "'at least--at least I mean it'",
                "»wenigstens wenigstens meine ich es«"
            )
            .is_empty()
        );
        assert!(
            spans(
                r,
                "as sure as ferrets are ferrets",
                "so gewiß Frettchen Frettchen sind"
            )
            .is_empty()
        );
        assert!(
            spans(
                r,
                "somebody called - it was his mother",
                "rief es - es war die Mutter"
            )
            .is_empty()
        );
        // "Stearns-Stearns" (no spaces) is still doubled
        assert_eq!(
            spans(r, "Stearns said", "Stearns-Stearns sagte"),
            vec!["Stearns-Stearns"]
        );
        assert_eq!(
            with_severity(r, "she put them", "und damit steckte sie sie in den Topf"),
            vec![("sie sie".to_string(), Severity::Warning)]
        );
        assert_eq!(
            with_severity(r, "precisely in this region", "genau in in dieser Region"),
            vec![("in in".to_string(), Severity::Error)]
        );
        assert_eq!(
            with_severity(
                r,
                "within the EU policy",
                "im Rahmen der der Gemeinsamen Politik"
            ),
            vec![("der der".to_string(), Severity::Error)]
        );
    }
}
