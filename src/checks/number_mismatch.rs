use std::ops::Range;

use crate::checks::entities::entity_spans;
use crate::checks::numbers::{
    Num, currency, extract_into, is_added_conversion, is_fraction, is_nine_eleven,
};
use crate::checks::text::{next_ascii_digit, with_lower};
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;
use crate::model::{Lang, Severity, Side};

declare_check! {
    /// ## What it catches
    ///
    /// Numbers that differ between the English and the German: a number changed ("2,500" →
    /// "2.000"), dropped, or added.
    ///
    /// ## Why it matters
    ///
    /// A wrong number is the most damaging small error in a translation (money, dates, doses,
    /// votes), and it is invisible to a reader who does not compare with the source.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: more than 2,000 Fab Labs
    /// de: weit über 2.500 Fab Labs
    ///               ^^^^^ suggestion: "2.000"
    /// ```
    ///
    /// A number in the English that the German lacks, with no other number in its place, is a
    /// warning on the source side (once per token: "6-foot-6"). Warnings too: a spelled-out
    /// number that differs ("in a decade or two" → "in zehn oder zwanzig Jahren"), and an
    /// amount converted into another currency ("$130 billion" → "100 Milliarden Euro").
    ///
    /// ## How it decides
    ///
    /// Numbers are compared as values after normalising the locale formats, so "2,000" = "2.000",
    /// "3.5" = "3,5", "1,000.50" = "1.000,50", "15th" = "15.", "3 p.m." = "15 Uhr", "5.2 million" =
    /// "5,2 Millionen" = "5.200.000", "1990s" = "1990er". Versions and dates are compared part by
    /// part. Digits inside entities ("URL-0", "A8132") are left to MT010.
    ///
    /// ## Not flagged
    ///
    /// Numbers spelled out on one side and written in digits on the other ("two" ↔ "2", "25" ↔
    /// "fünfundzwanzig", "2nd" ↔ "zweiten", "March" ↔ "3."); spelled-out words with no counterpart
    /// (German "ein" is mostly an article); a German decade of two digits for the English
    /// one ("90er Jahre" ↔ "1990s"), ranges written out ("2001-2" ↔ "2001-2002", "1994-5" ↔
    /// "1994-95"), a metric quantity the translator added for an imperial one ("a gallon" →
    /// "3,785 Liter"), a number the English has elsewhere ("G-20" → "G20 … Gruppe der 20"),
    /// HTML character references ("amp#160;", MT012's); super- and subscripts ("CO₂", "m²"); idioms such as
    /// "24/7" and "9/11"; pairs with an empty side (see MT007/MT008).
    pub struct NumberMismatch {
        code: "MT009",
        name: "number-mismatch",
        severity: Error,
        summary: "A number differs between source and target (after normalising 2,000 ↔ 2.000)",
    }
}

/// Small cardinals spelled out, in value order (2..=12), English and German.
const EN_SMALL: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];
/// Whether a word of `t` (a run of letters between non-letters, as
/// `t.split(|c: char| !c.is_alphabetic())` gives them) equals one of `list`, ASCII words,
/// ignoring ASCII case. A byte scan: only a run of ASCII letters can equal an ASCII word,
/// and it is a whole word when no letter outside ASCII stands right before or after it.
fn has_ascii_word(t: &str, list: &[&str]) -> bool {
    // The first letters (lower case, one bit each) and the lengths of the list's words: most
    // words of a text are compared with none of them.
    let (mut firsts, mut shortest, mut longest) = (0u32, usize::MAX, 0);
    for w in list {
        if let Some(f) = w.bytes().next() {
            firsts |= 1 << (f.to_ascii_lowercase() & 31);
        }
        shortest = shortest.min(w.len());
        longest = longest.max(w.len());
    }
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
        }
        if firsts & (1 << (b[start].to_ascii_lowercase() & 31)) == 0
            || !(shortest..=longest).contains(&(i - start))
        {
            continue;
        }
        let (Some(before), Some(run), Some(after)) = (t.get(..start), t.get(start..i), t.get(i..))
        else {
            continue;
        };
        if list.iter().any(|x| x.eq_ignore_ascii_case(run))
            && !before.chars().next_back().is_some_and(char::is_alphabetic)
            && !after.chars().next().is_some_and(char::is_alphabetic)
        {
            return true;
        }
    }
    false
}

const DE_SMALL: &[&str] = &[
    "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf",
];

/// The English digits in German form: "2,000.50" → "2.000,50", "15th" → "15.".
fn german_form(en: &str) -> String {
    en.chars()
        .map(|c| match c {
            ',' => '.',
            '.' => ',',
            c => c,
        })
        .collect()
}

/// A spelled-out fraction of at most one ("two-thirds", "drei Drittel"), not an ordinal
/// compound such as "twenty-fifth".
fn is_fraction_num(n: &Num, text: &str, lang: Lang) -> bool {
    !n.digits && n.values[0] <= 1.0 + 1e-9 && is_fraction(&text[n.span.clone()], lang)
}

/// Past this many source × target numbers, a pair is matched through hash maps
/// ([`unmatched_bulk`]); below it (every sentence pair), number by number.
const PAIRWISE_LIMIT: usize = 1_000_000;

/// A number's value as a hash key: ten significant digits (the tolerance of `same` is
/// 1e-9 relative); None for NaN and infinities, which match nothing.
fn value_key(v: f64) -> Option<String> {
    v.is_finite()
        .then(|| format!("{:.9e}", if v == 0.0 { 0.0 } else { v }))
}

/// [`unmatched`] for a pair with very many numbers, in linear time: the same passes, each
/// source number taking the first unused target number with a value of the same key
/// ([`value_key`]).
fn unmatched_bulk(src: &[Num], tgt: &[Num]) -> (Vec<usize>, Vec<usize>) {
    let mut s_used = vec![false; src.len()];
    let mut t_used = vec![false; tgt.len()];
    for (req_s, req_t, primary) in [
        (true, true, true),
        (true, true, false),
        (true, false, false),
        (false, true, false),
    ] {
        // (as in [`unmatched`]: digits and a spelled-out number match only when both or
        // neither have a scale word after them)
        let mixed = req_s != req_t;
        let values = |n: &Num| -> Vec<String> {
            let vs = if primary {
                &n.values[..n.values.len().min(1)]
            } else {
                &n.values[..]
            };
            vs.iter()
                .filter_map(|&v| value_key(v))
                .map(|k| {
                    if mixed && n.scaled {
                        format!("{k}s")
                    } else {
                        k
                    }
                })
                .collect()
        };
        let mut queues: std::collections::HashMap<String, std::collections::VecDeque<usize>> =
            std::collections::HashMap::new();
        for (j, t) in tgt.iter().enumerate() {
            if !t_used[j] && t.digits == req_t {
                for k in values(t) {
                    queues.entry(k).or_default().push_back(j);
                }
            }
        }
        for (i, s) in src.iter().enumerate() {
            if s_used[i] || s.digits != req_s {
                continue;
            }
            let mut best: Option<usize> = None;
            for k in values(s) {
                if let Some(q) = queues.get_mut(&k) {
                    while q.front().is_some_and(|&j| t_used[j]) {
                        q.pop_front();
                    }
                    if let Some(&j) = q.front() {
                        best = Some(best.map_or(j, |b| b.min(j)));
                    }
                }
            }
            if let Some(j) = best {
                s_used[i] = true;
                t_used[j] = true;
            }
        }
    }
    leftovers(src, tgt, |i| s_used[i], |j| t_used[j])
}

/// The indices of the numbers written in digits that no match used, on each side.
fn leftovers(
    src: &[Num],
    tgt: &[Num],
    s_used: impl Fn(usize) -> bool,
    t_used: impl Fn(usize) -> bool,
) -> (Vec<usize>, Vec<usize>) {
    let s_left = (0..src.len())
        .filter(|&i| !s_used(i) && src[i].digits)
        .collect();
    let t_left = (0..tgt.len())
        .filter(|&j| !t_used(j) && tgt[j].digits)
        .collect();
    (s_left, t_left)
}

/// Which numbers of a side a match used ([`unmatched`]): bits on the stack for up to 128
/// numbers (every sentence), a vector beyond, so matching costs no allocation.
struct Used {
    bits: [u64; 2],
    more: Vec<bool>,
}

impl Used {
    fn new(n: usize) -> Used {
        Used {
            bits: [0; 2],
            more: if n > 128 { vec![false; n] } else { Vec::new() },
        }
    }

    fn get(&self, i: usize) -> bool {
        if self.more.is_empty() {
            self.bits[i >> 6] >> (i & 63) & 1 == 1
        } else {
            self.more[i]
        }
    }

    fn set(&mut self, i: usize) {
        if self.more.is_empty() {
            self.bits[i >> 6] |= 1 << (i & 63);
        } else {
            self.more[i] = true;
        }
    }
}

/// Match source numbers to target numbers; returns the unmatched indices of each side.
fn unmatched(src: &[Num], tgt: &[Num]) -> (Vec<usize>, Vec<usize>) {
    if src.len().saturating_mul(tgt.len()) > PAIRWISE_LIMIT {
        return unmatched_bulk(src, tgt);
    }
    let mut s_used = Used::new(src.len());
    let mut t_used = Used::new(tgt.len());
    let mut pass = |req_s: bool, req_t: bool, primary: bool| {
        for (i, s) in src.iter().enumerate() {
            if s_used.get(i) || s.digits != req_s {
                continue;
            }
            // Digits and a spelled-out number stand for each other only when both or
            // neither have a scale word after them: "one" is not the "1" of "1 Million",
            // "$2 trillion" is "zwei Billionen".
            let hit = tgt.iter().enumerate().position(|(j, t)| {
                !t_used.get(j)
                    && t.digits == req_t
                    && (req_s == req_t || s.scaled == t.scaled)
                    && if primary {
                        s.matches_primary(t)
                    } else {
                        s.matches(t)
                    }
            });
            if let Some(j) = hit {
                s_used.set(i);
                t_used.set(j);
            }
        }
    };
    pass(true, true, true);
    pass(true, true, false);
    pass(true, false, false);
    pass(false, true, false);
    leftovers(src, tgt, |i| s_used.get(i), |j| t_used.get(j))
}

impl Check for NumberMismatch {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        if pair.source.trim().is_empty() || pair.target.trim().is_empty() {
            return;
        }
        // Without digits on either side nothing can be missing (spelled-out numbers are
        // optional); this skips the work for most sentences.
        let has_digit = |t: &str| next_ascii_digit(t.as_bytes(), 0).is_some();
        if !has_digit(pair.source)
            && !has_digit(pair.target)
            && !has_ascii_word(pair.source, EN_SMALL)
        {
            return;
        }
        let a = &pair.analysis;
        // The numbers of both sides in this thread's two vectors, reused from pair to pair.
        let (mut src, mut tgt) = NUMS.take();
        extract_into(
            pair.source,
            a.source_tokens(),
            a.source_lower(),
            Lang::En,
            &mut src,
        );
        extract_into(
            pair.target,
            a.target_tokens(),
            a.target_lower(),
            Lang::De,
            &mut tgt,
        );
        compare(pair, &src, &tgt, out);
        // (a pair with thousands of numbers does not keep its vectors' memory)
        if src.capacity() <= KEEP_NUMS && tgt.capacity() <= KEEP_NUMS {
            src.clear();
            tgt.clear();
            NUMS.set((src, tgt));
        }
    }
}

/// Vectors of numbers up to this capacity are kept for the next pair ([`NUMS`]).
const KEEP_NUMS: usize = 1024;

thread_local! {
    /// The numbers of a pair's source and target ([`NumberMismatch`]), emptied, for the next
    /// pair of this thread.
    static NUMS: std::cell::Cell<(Vec<Num>, Vec<Num>)> = std::cell::Cell::default();
}

/// [`NumberMismatch`]'s findings for a pair with digits, whose numbers are `src` and `tgt`.
fn compare(pair: &PairView<'_>, src: &[Num], tgt: &[Num], out: &mut Findings<'_>) {
    // Thousands of numbers on both sides (hostile input): value look-ups through hash
    // sets, and no "10 000" joining, instead of number-by-number comparisons.
    let bulk = src.len().saturating_mul(tgt.len()) > PAIRWISE_LIMIT;
    let key_set = |nums: &[Num]| -> std::collections::HashSet<String> {
        if !bulk {
            return std::collections::HashSet::new();
        }
        nums.iter()
            .flat_map(|n| n.values.iter().filter_map(|&v| value_key(v)))
            .collect()
    };
    let (src_keys, tgt_keys) = (key_set(src), key_set(tgt));
    let any_match = |keys: &std::collections::HashSet<String>, others: &[Num], n: &Num| {
        if bulk {
            n.values
                .iter()
                .any(|&v| value_key(v).is_some_and(|k| keys.contains(&k)))
        } else {
            others.iter().any(|o| o.matches(n))
        }
    };
    // "$26,750" left in English format: German reads it as 26.75.
    for t in tgt.iter().filter(|t| t.digits && t.values.len() >= 2) {
        let text = &pair.target[t.span.clone()];
        let english_only = |v: f64| {
            if bulk {
                value_key(v).is_some_and(|k| src_keys.contains(&k))
            } else {
                src.iter().any(|s| s.values.contains(&v))
            }
        };
        if text.contains(',')
            && english_only(t.values[1])
            && !english_only(t.values[0])
            && !pair.target[..t.span.start].ends_with(['/', '\'', '’'])
        {
            out.push(
                Finding::target(
                    &NumberMismatch::RULE,
                    t.span.clone(),
                    format!(
                        "English number format: German readers take '{text}' for {}; write '{}'",
                        german_form(&t.values[0].to_string()),
                        german_form(text)
                    ),
                )
                .with_suggestion(german_form(text))
                .with_severity(Severity::Warning),
            );
        }
    }
    // A fraction changed ("two-thirds" → "zwei bis drei Drittel"): a source fraction
    // with no number of its value in the German, and a German fraction of another value
    // that matches nothing in the English.
    for s in src
        .iter()
        .filter(|n| is_fraction_num(n, pair.source, Lang::En))
    {
        if any_match(&tgt_keys, tgt, s) {
            continue;
        }
        let other = tgt
            .iter()
            .find(|t| is_fraction_num(t, pair.target, Lang::De) && !any_match(&src_keys, src, t));
        if let Some(t) = other {
            let (s_text, t_text) = (&pair.source[s.span.clone()], &pair.target[t.span.clone()]);
            out.push(Finding::target(
                &NumberMismatch::RULE,
                t.span.clone(),
                format!("fraction '{t_text}' does not match the English '{s_text}'"),
            ));
        }
    }
    let (s_left, t_left) = unmatched(src, tgt);
    let mut t_left: std::collections::VecDeque<usize> = t_left.into();
    // Small numbers spelled out ("two" → "drei"): only reported against a German number
    // that has no counterpart either, since "two" may become "beide", "Paar" or nothing.
    let word_in = |text: &str, list: &[&str]| with_lower(text, |lw| list.contains(&lw));
    // (a word of a fraction is the fraction's business, above)
    let fractions: Vec<Range<usize>> = src
        .iter()
        .filter(|n| is_fraction_num(n, pair.source, Lang::En))
        .map(|n| n.span.clone())
        .collect();
    let s_soft: Vec<usize> = (0..src.len())
        .filter(|&i| {
            !src[i].digits
                && !fractions
                    .iter()
                    .any(|f| f.start <= src[i].span.start && src[i].span.end <= f.end)
                && word_in(&pair.source[src[i].span.clone()], EN_SMALL)
                && !any_match(&tgt_keys, tgt, &src[i])
        })
        .collect();
    if !s_soft.is_empty() {
        let mut t_soft: std::collections::VecDeque<usize> = (0..tgt.len())
            .filter(|&j| {
                !tgt[j].digits
                    && word_in(&pair.target[tgt[j].span.clone()], DE_SMALL)
                    && !any_match(&src_keys, src, &tgt[j])
            })
            .collect();
        for i in s_soft {
            let j = if t_soft.is_empty() {
                if t_left.is_empty() {
                    break;
                }
                match t_left.pop_front() {
                    Some(j) => j,
                    None => break,
                }
            } else {
                match t_soft.pop_front() {
                    Some(j) => j,
                    None => break,
                }
            };
            let s_text = &pair.source[src[i].span.clone()];
            let t_text = &pair.target[tgt[j].span.clone()];
            let v = src[i].values[0];
            let suggestion = if tgt[j].digits {
                format!("{v}")
            } else {
                DE_SMALL
                    .iter()
                    .zip(EN_SMALL)
                    .find(|(_, en)| word_in(s_text, &[en]))
                    .map_or(String::new(), |(de, _)| de.to_string())
            };
            // A spelled-out number is a weak sign ("in a decade or two" → "in zehn oder
            // zwanzig Jahren", "quarter past seven" → "einviertel acht"): a warning.
            out.push(
                Finding::target(
                    &NumberMismatch::RULE,
                    tgt[j].span.clone(),
                    format!("number '{t_text}' does not match the English '{s_text}'"),
                )
                .with_suggestion(suggestion)
                .with_severity(Severity::Warning),
            );
        }
    }
    if s_left.is_empty() && t_left.is_empty() {
        return;
    }
    // "10 000" written with a plain space: two target numbers that join into one source
    // number.
    let mut s_rest = Vec::new();
    let mut t_left: Vec<usize> = t_left.into();
    for &i in &s_left {
        if bulk {
            s_rest.push(i);
            continue;
        }
        let joined = t_left.windows(2).position(|w| {
            let (a, b) = (&tgt[w[0]], &tgt[w[1]]);
            let gap = pair.target.get(a.span.end..b.span.start).unwrap_or("");
            let b_text = &pair.target[b.span.clone()];
            gap == " "
                && a.span.len() <= 3
                && b_text.len() == 3
                && src[i]
                    .values
                    .iter()
                    .any(|v| (v - (a.values[0] * 1000.0 + b.values[0])).abs() < 1e-9)
        });
        match joined {
            Some(k) => {
                t_left.drain(k..k + 2);
            }
            None => s_rest.push(i),
        }
    }
    // Digits inside an entity ("URL-0", "A8132", a URL or handle) are MT010's business.
    let s_ents = entity_spans(pair.source);
    let t_ents = entity_spans(pair.target);
    // (the entity spans are sorted and do not overlap: the one starting last at or
    // before `r` is the only one that can hold it)
    let inside = |ents: &[Range<usize>], r: &Range<usize>| {
        let k = ents.partition_point(|e| e.start <= r.start);
        k > 0 && r.end <= ents[k - 1].end
    };
    let mut s_iter = s_rest.into_iter();
    for j in t_left {
        let t = &tgt[j];
        let t_text = &pair.target[t.span.clone()];
        if inside(&t_ents, &t.span) {
            continue;
        }
        match s_iter.next() {
            Some(i) => {
                let s_text = &pair.source[src[i].span.clone()];
                let finding = Finding::target(
                    &NumberMismatch::RULE,
                    t.span.clone(),
                    format!("number '{t_text}' does not match the English '{s_text}'"),
                )
                .with_suggestion(german_form(s_text));
                // "$130 billion" → "100 Milliarden Euro": an amount converted into another
                // currency differs on purpose; a warning to check the rate.
                let converted = matches!(
                    (currency(pair.source, &src[i].span), currency(pair.target, &t.span)),
                    (Some(a), Some(b)) if a != b
                );
                out.push(if converted {
                    finding.with_severity(Severity::Warning)
                } else {
                    finding
                });
            }
            None => {
                // Not an invented number: the same value stands in the English elsewhere
                // (a repeated year, "G-20" → "G20 … die Gruppe der 20"), a conversion the
                // translator added ("a gallon" → "3,785 Liter"), or "9/11".
                let repeated = !bulk && src.iter().any(|s| s.matches(t));
                // "two-thirds" → "66 %"
                let percent_of_fraction = pair.target[t.span.end..]
                    .trim_start_matches([' ', '\u{A0}', '\u{202F}'])
                    .starts_with(['%', 'P'])
                    && fractions.iter().any(|f| {
                        src.iter().any(|s| {
                            s.span == *f && (s.values[0] * 100.0 - t.values[0]).abs() < 1.0
                        })
                    });
                if percent_of_fraction {
                    continue;
                }
                if repeated
                    || is_added_conversion(pair.target, t.span.end, pair.source)
                    || is_nine_eleven(pair.target, &t.span, pair.source)
                {
                    continue;
                }
                out.push(Finding::target(
                    &NumberMismatch::RULE,
                    t.span.clone(),
                    format!("number '{t_text}' is not in the English"),
                ))
            }
        }
    }
    // What is left is missing from the German with no other number in its place: an
    // omission the reader may not miss ("6-foot-6", "(190 miles)" dropped), so a warning;
    // numbers of one token ("6-foot-6") give one finding.
    let mut missing: Vec<Range<usize>> = Vec::new();
    for i in s_iter {
        let r = src[i].span.clone();
        if inside(&s_ents, &r) {
            continue;
        }
        if let Some(last) = missing.last_mut() {
            let gap = pair.source.get(last.end..r.start).unwrap_or(" ");
            if !gap.is_empty() && !gap.contains(char::is_whitespace) {
                last.end = r.end;
                continue;
            }
        }
        missing.push(r);
    }
    for r in missing {
        let s_text = &pair.source[r.clone()];
        out.push(
            Finding::new(
                &NumberMismatch::RULE,
                Side::Source,
                r,
                format!("the English number '{s_text}' is missing from the German"),
            )
            .with_severity(Severity::Warning),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_ascii_word_answers_as_the_split_words() {
        assert!(EN_SMALL.iter().all(|w| w.is_ascii()));
        let plain = |t: &str| {
            t.split(|c: char| !c.is_alphabetic())
                .any(|w| EN_SMALL.iter().any(|x| x.eq_ignore_ascii_case(w)))
        };
        for t in
            crate::checks::tokens::tests::random_texts("twoTWOsixé 1-ßÄ\u{2011}", 21, 12, 30_000)
        {
            assert_eq!(has_ascii_word(&t, EN_SMALL), plain(&t), "{t:?}");
        }
        assert!(has_ascii_word("Seven-Eleven", EN_SMALL) && !has_ascii_word("twoé", EN_SMALL));
    }
    use crate::checks::testing::with_severity;
    use crate::checks::testing::{run, spans};

    #[test]
    fn flags_changed_numbers() {
        let found = run(
            &NumberMismatch,
            "the number of Fab Labs is growing far beyond 2,500 so far",
            "wächst die Zahl der Fab Labs weit über 2.000 Bisher",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "2.000");
        assert!(found[0].1.contains("2,500"));
        assert_eq!(
            spans(&NumberMismatch, "in the 1997 book", "Im Buch von 1979"),
            vec!["1979"]
        );
        assert_eq!(
            spans(
                &NumberMismatch,
                "It costs 3.5 euros.",
                "Es kostet 3,6 Euro."
            ),
            vec!["3,6"]
        );
        // "2.000" is two thousand in German, not two.
        assert_eq!(
            spans(&NumberMismatch, "about 2 people", "etwa 2.000 Menschen"),
            vec!["2.000"]
        );
    }

    #[test]
    fn a_scaled_number_is_not_matched_by_a_spelled_out_one() {
        // CED22 dev line 334: "100,000" became "1 Million"; the "1" must not pair with the
        // spelled-out "one" of "one atom bomb" (issue 16 item 2).
        let found = run(
            &NumberMismatch,
            "killing roughly 100,000 people in Hiroshima with one atom bomb",
            "die Ermordung von etwa 1 Million Menschen in Hiroshima mit einer Atombombe",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "1");
        assert!(found[0].1.contains("100,000"), "{found:?}");
        // A right scaled number still matches, spelled-out or not.
        assert!(spans(&NumberMismatch, "one million people", "1 Million Menschen").is_empty());
        assert!(
            spans(
                &NumberMismatch,
                "2 million people and one dog",
                "2 Millionen Menschen und ein Hund"
            )
            .is_empty()
        );
        // CED22 dev lines 1169, 15106: a scale word after both.
        for (en, de) in [
            (
                "It bought more than $2 trillion of bonds.",
                "Sie kaufte für mehr als zwei Billionen Dollar Anleihen.",
            ),
            (
                "between one million and 1.5 million Sunnis",
                "zwischen einer und anderthalb Millionen Sunniten",
            ),
        ] {
            assert!(spans(&NumberMismatch, en, de).is_empty(), "{en}");
        }
    }

    #[test]
    fn a_changed_fraction_is_an_error_and_a_kept_one_is_quiet() {
        // CED22 dev line 8 (issue 16 item 2).
        let found = run(
            &NumberMismatch,
            "Two-thirds of the recent growth of banks' balance sheets",
            "Zwei bis drei Drittel des jüngsten Bilanzwachstums der Banken",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "drei Drittel");
        assert!(found[0].1.contains("Two-thirds"), "{found:?}");
        assert_eq!(
            spans(
                &NumberMismatch,
                "three quarters of voters",
                "zwei Drittel der Wähler"
            ),
            vec!["zwei Drittel"]
        );
        for (en, de) in [
            ("Two-thirds of the growth", "Zwei Drittel des Wachstums"),
            ("three quarters of voters", "drei Viertel der Wähler"),
            ("one half of the money", "die Hälfte des Geldes"),
            ("two-thirds of the vote", "66 % der Stimmen"),
            // CED22 dev line 3766: "twenty-fifth" is no fraction of its own.
            (
                "about one-seventh of the wage, and the Chinese wage is one twenty-fifth.",
                "bei einem Siebtel des Lohns, das chinesische Lohnniveau beträgt ein Fünfundzwanzigstel.",
            ),
        ] {
            assert!(spans(&NumberMismatch, en, de).is_empty(), "{en} / {de}");
        }
    }

    #[test]
    fn english_number_format_in_german_is_a_warning() {
        let d = crate::checks::DocStats::default();
        let pair = PairView::simple("stole $26,750 from", "stahlen $26,750 von", &d);
        let mut out = Findings::new();
        NumberMismatch.check(&pair, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].severity(), Severity::Warning);
        assert_eq!(out[0].suggestion.as_deref(), Some("26.750"));
        assert!(spans(&NumberMismatch, "stole $26,750 from", "stahlen 26.750 $").is_empty());
        assert!(spans(&NumberMismatch, "weighs 1.75 kg", "wiegt 1,750 kg").is_empty());
    }

    #[test]
    fn flags_changed_spelled_numbers() {
        let found = run(
            &NumberMismatch,
            "two of the suspects",
            "drei der Verdächtigen",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "drei");
        assert_eq!(
            spans(&NumberMismatch, "two of the suspects", "5 der Verdächtigen"),
            vec!["5"]
        );
        // "two" with no German number at all: a paraphrase, not flagged.
        assert!(spans(&NumberMismatch, "the two suspects", "beide Verdächtigen").is_empty());
        assert!(spans(&NumberMismatch, "two weeks later", "vierzehn Tage später").is_empty());
        assert!(spans(&NumberMismatch, "two suspects", "ein Paar Verdächtige").is_empty());
    }

    #[test]
    fn flags_missing_and_added_numbers() {
        // Missing: points into the source.
        assert_eq!(
            spans(
                &NumberMismatch,
                "printing in the 15th and 16th centuries",
                "dem Drucken im 15. Jahrhundert"
            ),
            vec!["16"]
        );
        assert_eq!(
            spans(
                &NumberMismatch,
                "The film was great.",
                "Der Film von 1982 war toll."
            ),
            vec!["1982"]
        );
    }

    #[test]
    fn missing_numbers_are_warnings_and_entities_are_skipped() {
        let d = crate::checks::DocStats::default();
        let run_all = |s: &str, t: &str| {
            let mut out = Findings::new();
            NumberMismatch.check(&PairView::simple(s, t, &d), &mut out);
            out
        };
        // One finding for "6-foot-6", a warning: nothing else stands in its place.
        let out = run_all("the 6-foot-6 forward scored", "der Stürmer traf");
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].severity(), Severity::Warning);
        assert_eq!(out[0].side, Side::Source);
        // A changed number is still an error.
        let out = run_all("the 6-foot-6 forward", "der 7 Fuß große Stürmer");
        assert!(out.iter().any(|f| f.severity() == Severity::Error));
        // "URL-0" is an entity (MT010), not a number.
        assert!(run_all("see URL-0 for the forecast", "siehe Wetter.com").is_empty());
        assert!(run_all("see URL-0 for details", "siehe URL-1 für Details").is_empty());
    }

    #[test]
    fn equal_numbers_in_other_formats_are_fine() {
        for (s, t) in [
            ("more than 2,000 Fab Labs", "weit über 2.000 Fab Labs"),
            ("It costs 1,000.50 dollars.", "Es kostet 1.000,50 Dollar."),
            (
                "in the 15th and 16th centuries",
                "im 15. und 16. Jahrhundert",
            ),
            ("In the 1997 book", "Im Buch von 1997"),
            ("a rise of 3.5%", "ein Anstieg um 3,5 %"),
            ("two dogs and 3 cats", "2 Hunde und drei Katzen"),
            ("one of 25 players", "einer von fünfundzwanzig Spielern"),
            ("the 2nd-degree murder", "Mord zweiten Grades"),
            ("at 3:30 p.m.", "um 15:30 Uhr"),
            ("at 3.30pm", "um 15.30 Uhr"),
            ("5.2 million people", "5,2 Millionen Menschen"),
            ("5.2 million people", "5.200.000 Menschen"),
            ("in the 1990s", "in den 1990er-Jahren"),
            ("in the 1990s", "in den Neunzigerjahren"),
            ("on 15 March 2020", "am 15.3.2020"),
            ("Web 2.0 and v2.0.1", "Web 2.0 und v2.0.1"),
            ("CO2 emissions", "CO₂-Emissionen"),
            ("open 24/7", "rund um die Uhr geöffnet"),
            ("10,000 people", "10 000 Menschen"),
            ("a 20-year-old player", "ein 20-jähriger Spieler"),
            ("a two-year-old", "ein Zweijähriger"),
            ("A8132 and SHA-256", "A8132 und SHA-256"),
            ("the 1950-53 Korean War", "der Koreakrieg von 1950 bis 1953"),
            (
                "In the 1/1/08 documentary",
                "Im Dokumentarfilm vom 1. Januar 2008",
            ),
            (
                "It sold 40.000 CDs in Spain.",
                "Es wurden 40.000 CDs in Spanien verkauft.",
            ),
            ("", "1997"),
        ] {
            assert!(spans(&NumberMismatch, s, t).is_empty(), "{s} → {t}");
        }
    }

    #[test]
    fn correct_conversions_of_issue_16_are_not_errors() {
        let n = &NumberMismatch;
        assert!(
            spans(
                n,
                "The polls close at 9 pm.",
                "Die Wahllokale schließen um 21 Uhr."
            )
            .is_empty()
        );
        assert!(spans(n, "throughout the 1990s", "im Verlaufe der 90er Jahre").is_empty());
        assert!(spans(n, "in the 1930s and '40s", "in den 30er und 40er Jahren").is_empty());
        assert!(spans(n, "a crisis in 2001-2", "eine Krise 2001-2002").is_empty());
        assert!(spans(n, "in Mexico in 1994-5", "in Mexiko 1994-95").is_empty());
        assert!(
            spans(
                n,
                "as a gallon of gasoline",
                "wie eine US-Gallone (3,785 Liter) Benzin"
            )
            .is_empty()
        );
        assert!(spans(n, "the G-20's role", "die G20, die Gruppe der 20").is_empty());
        assert!(
            spans(
                n,
                "the hijacker on 9/11",
                "der Attentäter vom 11. September"
            )
            .is_empty()
        );
        // a spelled-out mismatch is a warning, a changed or invented digit number an error
        assert_eq!(
            with_severity(n, "in a decade or two", "in zehn oder zwanzig Jahren"),
            vec![("zehn".to_string(), Severity::Warning)]
        );
        assert_eq!(
            with_severity(n, "by about 2060", "bis etwa 2090"),
            vec![("2090".to_string(), Severity::Error)]
        );
        assert_eq!(
            with_severity(n, "It will rise.", "Es steigt um 40 Prozent."),
            vec![("40".to_string(), Severity::Error)]
        );
        // a metric number with no imperial unit in the English is invented
        assert_eq!(
            spans(n, "a kilogram", "ein Kilo (3,785 Liter)"),
            vec!["3,785"]
        );
    }

    #[test]
    fn currency_conversions_are_warnings_and_entities_no_numbers() {
        assert_eq!(
            with_severity(
                &NumberMismatch,
                "Germany's $130 billion solar subsidies",
                "die mit 100 Milliarden Euro geförderten Solaranlagen"
            ),
            vec![("100".to_string(), Severity::Warning)]
        );
        // the same currency: an error
        assert_eq!(
            with_severity(
                &NumberMismatch,
                "$130 billion",
                "130 Milliarden Dollar, 100 Dollar"
            ),
            vec![("100".to_string(), Severity::Error)]
        );
        assert!(
            spans(
                &NumberMismatch,
                "over 60% of GDP",
                "über 60amp#160;% des BIP"
            )
            .is_empty()
        );
    }
}
