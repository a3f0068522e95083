use std::ops::Range;

use crate::checks::text::{find_byte_by_chunks, some_byte_masked};
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;

declare_check! {
    /// ## What it catches
    ///
    /// Quotation marks and brackets that are never closed, closed with the wrong mark („…»), or
    /// closed without being opened.
    ///
    /// ## Why it matters
    ///
    /// A quotation that never ends leaves the reader unsure where the quoted words stop; machine
    /// translation often drops or swaps quote marks around markup and line breaks.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: He said: “Bitcoin favours the individual.”
    /// de: Er sagte: „Bitcoin begünstigt den Einzelnen. »
    ///                                                  ^ suggestion: "“"
    /// ```
    ///
    /// The quotation opened with „ is closed with »; German closes „ with “. Without any closing
    /// mark ("dass es „[stop] Das Open-Source-Ökosystem soll gedeihen … kontrolliert werden
    /// sollten.") the quotation is never closed: when the English closes it at the end of the
    /// sentence, the finding points at the German's last word, where the closing mark belongs
    /// (suggestion "sollten.“"), and the message names the opening mark; otherwise it points at
    /// the opening mark.
    ///
    /// ## How it decides
    ///
    /// The whole pair is scanned, so a quotation may run over several sentences. All German styles
    /// are legal: „…“, „…”, „…", »…«, «…», ‚…‘, "…", “…”.
    ///
    /// ## Not flagged
    ///
    /// A pair whose English source is unbalanced in the same way (quotes or brackets), list labels
    /// such as "a)" and "1)", smileys, apostrophes.
    pub struct UnbalancedQuotes {
        code: "MT006",
        name: "unbalanced-quotes",
        severity: Warning,
        summary: "Quotation mark or bracket never closed, or closed with the wrong mark (\"„…»\")",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Low,       // „
    Guillemet, // »…«
    French,    // «…»
    English,   // “…”
    Ascii,     // "…"
    LowSingle, // ‚…‘
    Paren,     // ( )
    Bracket,   // [ ]
    Brace,     // { }
}

impl Kind {
    fn closer(self) -> &'static str {
        match self {
            Kind::Low => "“",
            Kind::Guillemet => "«",
            Kind::French => "»",
            Kind::English => "”",
            Kind::Ascii => "\"",
            Kind::LowSingle => "‘",
            Kind::Paren => ")",
            Kind::Bracket => "]",
            Kind::Brace => "}",
        }
    }
    fn is_bracket(self) -> bool {
        matches!(self, Kind::Paren | Kind::Bracket | Kind::Brace)
    }
}

#[derive(Debug)]
struct Problem {
    span: Range<usize>,
    bracket: bool,
    message: String,
    suggestion: Option<String>,
    /// An opening quotation mark never closed: the mark itself.
    unclosed_quote: Option<char>,
}

fn is_list_label(t: &str, pos: usize) -> bool {
    // "a)", "1)", "iv)" at the start of a token, or a smiley ":)"
    let before = &t[..pos];
    let tok_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let tok = &before[tok_start..];
    before.ends_with(':')
        || before.ends_with(';')
        || (!tok.is_empty() && tok.chars().count() <= 3 && tok.chars().all(char::is_alphanumeric))
}

thread_local! {
    /// [`scan`]'s stack of open marks, emptied, for the next text: a thread allocates it
    /// once, not per pair with a quotation mark or bracket.
    static SPARE_STACK: std::cell::Cell<Vec<(Kind, usize)>> = std::cell::Cell::default();
}

/// The bytes [`scan`] stops at: the ASCII marks, a comma (",," for „), and the lead bytes of
/// « » (0xC2) and of the quotes U+2018..U+201E (0xE2).
fn is_mark_byte(b: u8) -> bool {
    matches!(
        b,
        b'"' | b'(' | b')' | b'[' | b']' | b'{' | b'}' | b',' | 0xC2 | 0xE2
    )
}

/// Whether eight bytes (a little-endian word) may hold an [`is_mark_byte`]: one beyond ASCII,
/// a '"', one of `( ) , -` (the bytes `x` with `x & 0xFA == 0x28`) or one of `Y [ ] _ y { }`
/// DEL (`x & 0xD9 == 0x59`).
fn may_hold_mark(w: u64) -> bool {
    w & 0x8080_8080_8080_8080 != 0
        || some_byte_masked(w, 0xFF, b'"')
        || some_byte_masked(w, 0xFA, 0x28)
        || some_byte_masked(w, 0xD9, 0x59)
}

fn scan(t: &str) -> Vec<Problem> {
    let mut stack: Vec<(Kind, usize)> = SPARE_STACK.take();
    stack.clear();
    let mut out = Vec::new();
    let top = |s: &Vec<(Kind, usize)>| s.last().map(|&(k, _)| k);
    // Only the marks below (and a comma, for ",,") matter: the text is searched for their
    // first bytes (ASCII, or the lead bytes of « » and of the quotes U+2018..U+201E), and
    // the chars between are passed over without being decoded, most eight bytes at a time.
    let bytes = t.as_bytes();
    let mut at = 0;
    while let Some(i) = find_byte_by_chunks(bytes, at, may_hold_mark, is_mark_byte) {
        let Some(c) = t[i..].chars().next() else {
            break;
        };
        at = i + c.len_utf8();
        let later_has_low_closer = || t[i..].contains(['“', '”', '"']);
        // ",," before a word stands in for „ in plain-typed German
        let double_comma = c == ','
            && t[i + 1..].starts_with(',')
            && t[i + 2..].chars().next().is_some_and(char::is_alphabetic)
            && !t[..i].ends_with(',');
        match c {
            '„' => stack.push((Kind::Low, i)),
            ',' if double_comma => stack.push((Kind::Low, i)),
            '“' => {
                if top(&stack) == Some(Kind::Low) {
                    stack.pop();
                } else {
                    stack.push((Kind::English, i));
                }
            }
            '”' => match top(&stack) {
                Some(Kind::Low | Kind::English) => {
                    stack.pop();
                }
                _ => out.push(Problem {
                    span: i..i + c.len_utf8(),
                    bracket: false,
                    message: "Closing quotation mark '”' without an opening one".into(),
                    suggestion: None,
                    unclosed_quote: None,
                }),
            },
            '»' | '«' => {
                let (mine, other) = if c == '»' {
                    (Kind::Guillemet, Kind::French)
                } else {
                    (Kind::French, Kind::Guillemet)
                };
                if top(&stack) == Some(other) {
                    stack.pop();
                } else if top(&stack) == Some(Kind::Low) && !later_has_low_closer() {
                    stack.pop();
                    out.push(Problem {
                        span: i..i + c.len_utf8(),
                        bracket: false,
                        message: format!(
                            "The quotation opened with „ is closed with {c}: German closes „ with “"
                        ),
                        suggestion: Some("“".into()),
                        unclosed_quote: None,
                    });
                } else {
                    stack.push((mine, i));
                }
            }
            '‚' => stack.push((Kind::LowSingle, i)),
            '‘' if top(&stack) == Some(Kind::LowSingle) => {
                stack.pop();
            }
            '"' => match top(&stack) {
                Some(Kind::Ascii | Kind::Low | Kind::English) => {
                    stack.pop();
                }
                _ => stack.push((Kind::Ascii, i)),
            },
            '(' => stack.push((Kind::Paren, i)),
            '[' => stack.push((Kind::Bracket, i)),
            '{' => stack.push((Kind::Brace, i)),
            ')' | ']' | '}' => {
                let want = match c {
                    ')' => Kind::Paren,
                    ']' => Kind::Bracket,
                    _ => Kind::Brace,
                };
                if let Some(depth) = stack.iter().rposition(|&(k, _)| k == want) {
                    // everything opened inside the bracket and not closed
                    for (k, p) in stack.drain(depth + 1..) {
                        out.push(unclosed(t, k, p));
                    }
                    stack.pop();
                } else if !(c == ')' && is_list_label(t, i)) {
                    out.push(Problem {
                        span: i..i + 1,
                        bracket: true,
                        message: format!("Closing '{c}' without an opening one"),
                        suggestion: None,
                        unclosed_quote: None,
                    });
                }
            }
            _ => {}
        }
    }
    // A lone single opener ‚ is far more often a comma-like glyph than a quote: ignore it.
    for (k, p) in stack.drain(..) {
        if k != Kind::LowSingle {
            out.push(unclosed(t, k, p));
        }
    }
    // (a stack of thousands of marks is not kept)
    if stack.capacity() <= 1 << 12 {
        SPARE_STACK.set(stack);
    }
    out
}

fn unclosed(t: &str, k: Kind, p: usize) -> Problem {
    let c = t[p..].chars().next().unwrap_or(' ');
    Problem {
        span: p..p + c.len_utf8(),
        bracket: k.is_bracket(),
        message: format!("Opened but never closed: '{c}' (expected '{}')", k.closer()),
        suggestion: None,
        unclosed_quote: (!k.is_bracket()).then_some(c),
    }
}

/// Where the English closes the quotation that the German leaves open: at the very end of the
/// pair (`"…government."` or `"…government".`), seen from the source's last characters.
/// `Some(true)` when the closing mark comes after the final punctuation, `Some(false)` when
/// before it, `None` when the source does not end with a closing quotation mark.
fn source_closes_at_end(source: &str) -> Option<bool> {
    let is_closer = |c: char| matches!(c, '"' | '”' | '“' | '»' | '«' | '’' | '\'');
    let mut rev = source.trim_end().chars().rev();
    let last = rev.next()?;
    if is_closer(last) {
        return Some(true);
    }
    let before = rev.next()?;
    (matches!(last, '.' | '!' | '?' | ':' | ';' | ',') && is_closer(before)).then_some(false)
}

/// The span where the closing mark of the quotation opened with `open` belongs when the English
/// closes it at the end of the pair: the German's last word with its final punctuation, and the
/// suggestion that adds the mark German closes `open` with.
fn end_of_quotation(
    pair: &PairView<'_>,
    open: char,
    opened_at: usize,
) -> Option<(Range<usize>, String, String)> {
    let after_punctuation = source_closes_at_end(pair.source)?;
    let t = pair.target.trim_end();
    let start = t
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    if start >= t.len() || start <= opened_at {
        return None;
    }
    let last = &t[start..];
    if !last.chars().any(char::is_alphanumeric) {
        return None;
    }
    let closer = match open {
        '„' | ',' => "“",
        '»' => "«",
        '«' => "»",
        '“' => "”",
        _ => "\"",
    };
    let body = last.trim_end_matches(['.', '!', '?', ':', ';', ',']);
    let suggestion = if after_punctuation || body.len() == last.len() {
        format!("{last}{closer}")
    } else {
        format!("{body}{closer}{}", &last[body.len()..])
    };
    let message = format!(
        "Opened but never closed: '{open}'; the English quotation ends with the sentence, \
         so the closing '{closer}' belongs here"
    );
    Some((start..t.len(), message, suggestion))
}

/// English single quotes used as quotation marks ('What is innate?), counted at token edges
/// so that apostrophes inside words ("what's") do not count: an odd number means the source
/// quotation is split over several pairs.
fn odd_single_quotes(s: &str) -> bool {
    let mut n = 0;
    let cs: Vec<char> = s.chars().collect();
    for (i, &c) in cs.iter().enumerate() {
        if matches!(c, '\'' | '‘' | '’') {
            let before = i.checked_sub(1).map(|j| cs[j]);
            let after = cs.get(i + 1).copied();
            let at_start = before.is_none_or(|b| b.is_whitespace() || b == '(');
            let at_end = after.is_none_or(|a| {
                a.is_whitespace() || matches!(a, '.' | ',' | ';' | ':' | '?' | '!')
            }) && before.is_some_and(|b| !b.eq_ignore_ascii_case(&'s'));
            if at_start != at_end {
                n += 1;
            }
        }
    }
    n % 2 == 1
}

impl Check for UnbalancedQuotes {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        let problems = scan(pair.target);
        if problems.is_empty() {
            return;
        }
        let src = scan(pair.source);
        let src_quotes = src.iter().any(|p| !p.bracket) || odd_single_quotes(pair.source);
        let src_brackets = src.iter().any(|p| p.bracket);
        for p in problems {
            if (p.bracket && src_brackets) || (!p.bracket && src_quotes) {
                continue;
            }
            let moved = p
                .unclosed_quote
                .and_then(|open| end_of_quotation(pair, open, p.span.start));
            let mut f = match moved {
                Some((span, message, suggestion)) => {
                    Finding::target(&Self::RULE, span, message).with_suggestion(suggestion)
                }
                None => Finding::target(&Self::RULE, p.span, p.message),
            };
            if let Some(s) = p.suggestion {
                f = f.with_suggestion(s);
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::{run, spans};

    #[test]
    fn the_chunk_test_misses_no_mark() {
        // every byte value at every offset, among letters and the bytes beside the marks
        let mut sure = 0;
        for x in 0..=255u8 {
            for at in 0..8 {
                let mut w = [b'a', b'!', b'#', b'\'', b'*', b'Z', b'|', b'\\'];
                w[at] = x;
                let may = may_hold_mark(u64::from_le_bytes(w));
                assert!(may || !is_mark_byte(x), "{w:?}");
                sure += usize::from(!may);
            }
        }
        // (most bytes are passed over)
        assert!(sure > 8 * 100, "{sure}");
        let texts = crate::checks::tokens::tests::random_texts("a,(]}\"„»«Y_ä ", 53, 30, 20_000);
        for t in &texts {
            let b = t.as_bytes();
            for from in 0..b.len().min(9) {
                let want = b[from..]
                    .iter()
                    .position(|&x| is_mark_byte(x))
                    .map(|k| from + k);
                assert_eq!(
                    find_byte_by_chunks(b, from, may_hold_mark, is_mark_byte),
                    want
                );
            }
        }
    }

    #[test]
    fn flags_the_seed_quotes() {
        let t = "Er sagte (zitiert aus dem Gedächtnis): „Bitcoin ist eine Technologie, die im Internet den Einzelnen begünstigt. KI ist eine Technologie, die im Netz den Staat begünstigt. » Es ist diese letztgenannte Technologie.";
        let r = run(&UnbalancedQuotes, "", t);
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].0, "»");
        let t = "argumentierte, dass es „[stop] Das Open-Source-Ökosystem soll gedeihen … per Executive Order, die bekräftigt.";
        assert_eq!(spans(&UnbalancedQuotes, "", t), vec!["„"]);
        assert_eq!(spans(&UnbalancedQuotes, "", "Er (sagte es nie."), vec!["("]);
        assert_eq!(spans(&UnbalancedQuotes, "", "Er sagte es nie]."), vec!["]"]);
        // Marks among other non-ASCII chars (the dash's lead byte is a quote's too), found
        // at their own offsets.
        assert_eq!(
            spans(&UnbalancedQuotes, "", "Größe — „Maß“ – ‚x‘ … äöü (Straße"),
            vec!["("]
        );
        assert_eq!(
            spans(&UnbalancedQuotes, "", "Größe — „Maß – ‚x‘ … äöü"),
            vec!["„"]
        );
    }

    #[test]
    fn all_german_styles_are_legal() {
        for t in [
            "Er sagte: „Das ist gut.“ Und: »Das auch.« Dann ‚so‘ und \"so\" und “so”.",
            "Sie nannten es „Fab-Lab“ und «Fabrik» (oder so).",
            "„Bitcoin ist gut. KI ist schlecht. Das sagte er.“",
            "„Das ist gut.\" sagte sie.",
            "Punkt a) und b) sowie 1) sind erfüllt :)",
            "„[stop] Das Ökosystem“ wurde (laut [1]) genannt.",
            "Thomas sagte: ,,Wann kommst zu mir?” ,,Das weiß ich nicht“, antwortete Susi.",
        ] {
            assert!(
                spans(&UnbalancedQuotes, "", t).is_empty(),
                "{t}: {:?}",
                run(&UnbalancedQuotes, "", t)
            );
        }
    }

    #[test]
    fn unbalanced_source_is_not_flagged() {
        assert!(
            spans(
                &UnbalancedQuotes,
                "He continued: 'What's innate and what's taught?",
                "Er fuhr fort: \"Was ist angeboren und was wird gelehrt?"
            )
            .is_empty()
        );
        assert!(
            spans(
                &UnbalancedQuotes,
                "He said: “Bitcoin is a technology that favours the individual.",
                "Er sagte: „Bitcoin ist eine Technologie, die den Einzelnen begünstigt."
            )
            .is_empty()
        );
        assert_eq!(
            spans(
                &UnbalancedQuotes,
                "He said: “Bitcoin favours the individual.”",
                "Er sagte: „Bitcoin begünstigt den Einzelnen."
            ),
            vec!["Einzelnen."]
        );
    }

    #[test]
    fn an_unclosed_quotation_is_reported_where_the_english_closes_it() {
        let doc = crate::checks::DocStats::default();
        let report = |s: &str, t: &str| {
            let mut out = Findings::new();
            UnbalancedQuotes.check(&PairView::simple(s, t, &doc), &mut out);
            out.iter()
                .map(|f| {
                    (
                        t[f.span.clone()].to_string(),
                        f.message.clone(),
                        f.suggestion.clone().unwrap_or_default(),
                    )
                })
                .collect::<Vec<_>>()
        };
        // The example article: the English closes after the final period.
        let r = report(
            "and argued that it is \"[stop] the open-source ecosystem from flourishing … by executive order, declaring that open-source LLMs should be controlled by the government.\"",
            "und argumentierte, dass es „[stop] Das Open-Source-Ökosystem soll gedeihen … per Executive Order, die bekräftigt, dass Open-Source-LLMs von der Regierung kontrolliert werden sollten.",
        );
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].0, "sollten.");
        assert!(r[0].1.contains('„') && r[0].1.contains('“'), "{}", r[0].1);
        assert_eq!(r[0].2, "sollten.“");
        // The English closes before the final period: so does the suggestion.
        let r = report("He called it “a scam”.", "Er nannte es »einen Betrug.");
        assert_eq!((r[0].0.as_str(), r[0].2.as_str()), ("Betrug.", "Betrug«."));
        // The English closes inside the sentence: where the German should close is unknown,
        // so the opening mark is reported.
        let r = report(
            "He called it “a scam” and left.",
            "Er nannte es „einen Betrug und ging.",
        );
        assert_eq!(r[0].0, "„");
    }
}
