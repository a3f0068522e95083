use std::sync::LazyLock;

use encoding_rs::WINDOWS_1252;
use regex::Regex;

use crate::checks::text::{BYTE_HIGHS as HIGH, BYTE_ONES as ONES, find_byte_by_chunks};
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;

declare_check! {
    /// ## What it catches
    ///
    /// Broken characters in the German: UTF-8 text that was read as Latin-1 or Windows-1252
    /// somewhere on its way ("Ã¼" for "ü", "â€ž" for „, "â€œ" for “), the replacement character
    /// U+FFFD (a character lost in a conversion; a run of them is one finding), HTML character
    /// references left in the text ("60amp#160;%", "&quot;") that the English does not have, control characters — among them C1 controls
    /// U+0080–U+009F, which Windows-1252 text read as Latin-1 leaves where „ “ – … € were
    /// (U+0093 for “; the suggestion is the Windows-1252 character) — and invisible characters that
    /// do not belong in running text: zero-width space, zero-width (non-)joiner outside emoji
    /// sequences, word joiner, a byte order mark in the middle of the text, and bidirectional
    /// overrides.
    ///
    /// ## Why it matters
    ///
    /// Such text is unreadable in print, breaks search and spell-checking, and the invisible
    /// characters make equal-looking words compare unequal.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: The size of the fab labs
    /// de: Die GrÃ¶ÃŸe der â€žFab Labsâ€œ
    ///           ^^^^ suggestion: "öß"
    /// ```
    ///
    /// "â€ž" and "â€œ" are flagged too, with „ and “ as suggestions.
    ///
    /// ## How it decides
    ///
    /// The repair re-encodes the span as Windows-1252 and decodes the bytes as UTF-8, so the
    /// suggestion is exact.
    ///
    /// ## Not flagged
    ///
    /// Ordinary German and other Latin letters ("Größe", "Ägypten", "ß“" at the end of a
    /// quotation), a run of characters whose re-decoding gives anything other than letters and
    /// punctuation, line breaks and tabs, ZWJ between emoji (👩‍💻), non-breaking and thin spaces.
    pub struct Mojibake {
        code: "MT012",
        name: "mojibake",
        severity: Error,
        summary: "Garbled or invisible characters (\"Ã¼\" for \"ü\", U+FFFD, zero-width, control)",
    }
}

/// The Windows-1252 (or Latin-1) byte that `c` was decoded from, if any. A table, not an
/// encoder call: this is asked for every non-ASCII char of every German sentence.
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 {
        return None;
    }
    if u <= 0x9F {
        // C1 controls: text decoded as ISO-8859-1 rather than Windows-1252.
        return u8::try_from(u).ok();
    }
    if u <= 0xFF {
        // 0xA0..=0xFF: Windows-1252 is Latin-1 there.
        return u8::try_from(u).ok();
    }
    // The 27 characters Windows-1252 puts at 0x80..=0x9F.
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201C}' => 0x93,
        '\u{201D}' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// Whether `c` is a plausible character for repaired text (so "ß“" → U+07D3 is rejected).
fn plausible(c: char) -> bool {
    let u = c as u32;
    (0xA0..=0x24F).contains(&u)
        || (0x2000..=0x206F).contains(&u)
        || (0x20A0..=0x20CF).contains(&u)
        || (0x2100..=0x215F).contains(&u)
        || (0x0370..=0x04FF).contains(&u)
}

/// Try to repair a run of non-ASCII characters: `Some(repaired)` when the run is UTF-8 that
/// was read as Windows-1252 (every character maps to a byte and the bytes are valid UTF-8
/// made of plausible multi-byte characters).
pub fn repair(run: &str) -> Option<String> {
    let mut fixed = repair_once(run)?;
    // Text encoded twice ("ÃƒÂ¼" for "ü") needs a second round.
    for _ in 0..2 {
        match repair_once(&fixed) {
            Some(again) => fixed = again,
            None => break,
        }
    }
    Some(fixed)
}

fn repair_once(run: &str) -> Option<String> {
    let bytes: Option<Vec<u8>> = run.chars().map(cp1252_byte).collect();
    let bytes = bytes?;
    let text = std::str::from_utf8(&bytes).ok()?;
    if text.chars().count() >= run.chars().count() || !text.chars().all(plausible) {
        return None;
    }
    Some(text.to_string())
}

fn is_emoji(c: char) -> bool {
    let u = c as u32;
    (0x1F000..=0x1FAFF).contains(&u)
        || (0x2600..=0x27BF).contains(&u)
        || u == 0xFE0F
        || (0x1F3FB..=0x1F3FF).contains(&u)
        || c == '♀'
        || c == '♂'
}

/// Describe an invisible or control character, or `None` when it is fine.
fn bad_char(prev: Option<char>, c: char, next: Option<char>) -> Option<&'static str> {
    match c {
        '\u{FFFD}' => Some("replacement character U+FFFD: a character was lost in conversion"),
        '\u{200B}' => Some("zero-width space U+200B"),
        '\u{200C}' => Some("zero-width non-joiner U+200C"),
        '\u{200D}' if prev.is_some_and(is_emoji) && next.is_some_and(is_emoji) => None,
        '\u{200D}' => Some("zero-width joiner U+200D outside an emoji sequence"),
        '\u{2060}' => Some("word joiner U+2060"),
        '\u{FEFF}' => Some("byte order mark U+FEFF inside the text"),
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            Some("bidirectional control character")
        }
        '\t' | '\n' | '\r' => None,
        c if c.is_control() => Some("control character"),
        _ => None,
    }
}

/// An HTML character reference left in plain text, also with its "&" mangled into "amp"
/// ("60amp#160;%", "&#8220;", "&quot;").
static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:&|amp)#(?:[0-9]{2,6}|[xX][0-9a-fA-F]{2,5});|&(?:amp|quot|apos|lt|gt|nbsp);")
        .expect("valid regex")
});

/// The character an HTML reference stands for, when it is one ("amp#160;" → U+00A0).
fn entity_char(e: &str) -> Option<char> {
    let named = match e {
        "&amp;" => Some('&'),
        "&quot;" => Some('"'),
        "&apos;" => Some('\''),
        "&lt;" => Some('<'),
        "&gt;" => Some('>'),
        "&nbsp;" => Some('\u{A0}'),
        _ => None,
    };
    named.or_else(|| {
        let code = e.split('#').nth(1)?.strip_suffix(';')?;
        let n = match code.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => code.parse().ok()?,
        };
        char::from_u32(n)
    })
}

impl Mojibake {
    /// HTML character references in the German that the English does not have.
    fn entities(pair: &PairView<'_>, out: &mut Findings<'_>) {
        let t = pair.target;
        if memchr::memchr2(b'#', b'&', t.as_bytes()).is_none() {
            return;
        }
        for m in ENTITY.find_iter(t) {
            let e = m.as_str();
            if pair.source.contains(e) {
                continue; // the text is about HTML
            }
            let meant = entity_char(e);
            let what = match meant {
                Some(c) if c.is_whitespace() => format!("a space (U+{:04X})", c as u32),
                Some(c) => format!("'{c}'"),
                None => "a character".to_string(),
            };
            let mut f = Finding::target(
                &Self::RULE,
                m.range(),
                format!("HTML character reference '{e}' left in the text: write {what}"),
            );
            if let Some(c) = meant {
                f = f.with_suggestion(if c == '\u{A0}' { ' ' } else { c }.to_string());
            }
            out.push(f);
        }
    }
}

/// The bytes where [`Mojibake`]'s scan stops: beyond printable ASCII (a char that may be a
/// mis-decoded byte), or a control other than tab and line breaks.
fn unusual(b: u8) -> bool {
    b >= 0x7F || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
}

/// Whether eight bytes (a little-endian word) may hold an [`unusual`] one: a byte with its
/// high bit set, or else (all ASCII: no byte carries) one that adding 1 takes to 0x80 (0x7F)
/// or one below 0x20.
fn may_hold_unusual(w: u64) -> bool {
    w & HIGH != 0 || ((w + ONES) | (w.wrapping_sub(0x20 * ONES) & !w)) & HIGH != 0
}

impl Check for Mojibake {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        Self::entities(pair, out);
        let t = pair.target;
        let bytes = t.as_bytes();
        let mut pos = 0;
        while pos < t.len() {
            // Printable ASCII can be neither a mis-decoded byte nor a bad character: skip it,
            // eight bytes at a time (the next stop is a char boundary: ASCII bytes are whole
            // chars).
            match find_byte_by_chunks(bytes, pos, may_hold_unusual, unusual) {
                Some(k) => pos = k,
                None => break,
            }
            let Some(c) = t[pos..].chars().next() else {
                break;
            };
            // Runs of characters that could be mis-decoded bytes 0x80..=0xFF.
            if cp1252_byte(c).is_some() {
                let mut end = pos + c.len_utf8();
                for d in t[end..].chars() {
                    if cp1252_byte(d).is_none() {
                        break;
                    }
                    end += d.len_utf8();
                }
                // One char alone ("ä") is no repairable sequence; only a C1 control is news.
                if end > pos + c.len_utf8() || ('\u{80}'..='\u{9F}').contains(&c) {
                    self.check_run(t, pos, end, out);
                }
                pos = end;
                continue;
            }
            let prev = t[..pos].chars().next_back();
            let mut end = pos + c.len_utf8();
            let next = t[end..].chars().next();
            if let Some(what) = bad_char(prev, c, next) {
                let suggestion = if c == '\u{FFFD}' { None } else { Some("") };
                // A run of U+FFFD is one lost character (its bytes: "k\u{FFFD}\u{FFFD}nnten"):
                // one finding.
                if c == '\u{FFFD}' {
                    while t[end..].starts_with('\u{FFFD}') {
                        end += '\u{FFFD}'.len_utf8();
                    }
                }
                let mut f = Finding::target(
                    &Self::RULE,
                    pos..end,
                    format!(
                        "{what} (U+{:04X}); remove it or restore the lost character",
                        c as u32
                    ),
                );
                if let Some(s) = suggestion {
                    f = f.with_suggestion(s);
                }
                out.push(f);
            }
            pos = end;
        }
    }
}

/// A C1 control character U+0080–U+009F that is not part of a repairable sequence: a
/// Windows-1252 byte read as ISO-8859-1 (0x93 “ became U+0093). The suggestion is the
/// Windows-1252 character, when the byte has one.
fn c1_control(pos: usize, c: char) -> Finding {
    let byte = [c as u32 as u8];
    let (decoded, _) = WINDOWS_1252.decode_without_bom_handling(&byte);
    let meant = decoded.chars().next().filter(|d| *d != c);
    let message = match meant {
        Some(d) => format!(
            "control character U+{:04X} — the text was probably decoded as Latin-1 instead of Windows-1252; should be '{d}'",
            c as u32
        ),
        None => format!(
            "control character U+{:04X} — the text was probably decoded as Latin-1 instead of Windows-1252",
            c as u32
        ),
    };
    let f = Finding::target(&Mojibake::RULE, pos..pos + c.len_utf8(), message);
    match meant {
        Some(d) => f.with_suggestion(d.to_string()),
        None => f,
    }
}

impl Mojibake {
    /// Look for repairable sub-runs inside a run of Windows-1252-encodable characters.
    fn check_run(&self, t: &str, start: usize, end: usize, out: &mut Findings<'_>) {
        let run = &t[start..end];
        let idx: Vec<usize> = run.char_indices().map(|(p, _)| p).collect();
        let mut a = 0;
        while a < idx.len() {
            // A UTF-8 lead byte (0xC2..=0xF4) starts a candidate; take the longest repairable
            // stretch from there.
            let first = run[idx[a]..].chars().next();
            let lead = first.and_then(cp1252_byte);
            if !lead.is_some_and(|b| (0xC2..=0xF4).contains(&b)) {
                if let Some(c) = first.filter(|c| ('\u{80}'..='\u{9F}').contains(c)) {
                    out.push(c1_control(start + idx[a], c));
                }
                a += 1;
                continue;
            }
            let mut best = None;
            for b in (a + 2..=idx.len()).rev() {
                let hi = idx.get(b).copied().unwrap_or(run.len());
                if let Some(fixed) = repair(&run[idx[a]..hi]) {
                    best = Some((b, hi, fixed));
                    break;
                }
            }
            match best {
                Some((b, hi, fixed)) => {
                    let span = start + idx[a]..start + hi;
                    out.push(
                        Finding::target(
                            &Self::RULE,
                            span.clone(),
                            format!(
                                "garbled characters '{}': UTF-8 read as Windows-1252; should be '{}'",
                                &t[span], fixed
                            ),
                        )
                        .with_suggestion(fixed),
                    );
                    a = b;
                }
                None => a += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::{run, spans};

    #[test]
    fn the_chunk_test_misses_no_unusual_byte() {
        // every byte value at every offset, among printable ASCII (its ends among it)
        for x in 0..=255u8 {
            for at in 0..8 {
                let mut w = [b' ', b'~', b'a', b'!', b'Z', b'0', b'}', b'@'];
                w[at] = x;
                let may = may_hold_unusual(u64::from_le_bytes(w));
                assert_eq!(may, !(0x20..0x7F).contains(&x), "{w:?}");
                assert!(may || !unusual(x));
            }
        }
        let texts = crate::checks::tokens::tests::random_texts(
            "ab \t\n\u{7f}\u{1f}ä€\u{80}~",
            47,
            30,
            20_000,
        );
        for t in &texts {
            let b = t.as_bytes();
            for from in 0..b.len().min(9) {
                let want = b[from..].iter().position(|&x| unusual(x)).map(|k| from + k);
                assert_eq!(
                    find_byte_by_chunks(b, from, may_hold_unusual, unusual),
                    want,
                    "{t:?}"
                );
            }
        }
    }

    #[test]
    fn cp1252_table_is_the_encoder() {
        for u in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(u) else { continue };
            let expected = if (0x80..=0x9F).contains(&u) {
                Some(u as u8)
            } else if u < 0xA0 {
                None
            } else {
                let mut buf = [0u8; 4];
                let (bytes, _, had_errors) = WINDOWS_1252.encode(c.encode_utf8(&mut buf));
                (!had_errors && bytes.len() == 1).then(|| bytes[0])
            };
            assert_eq!(cp1252_byte(c), expected, "U+{u:04X}");
        }
    }

    #[test]
    fn repairs_utf8_read_as_cp1252() {
        assert_eq!(repair("Ã¼").as_deref(), Some("ü"));
        assert_eq!(repair("â€ž").as_deref(), Some("„"));
        assert_eq!(repair("â€œ").as_deref(), Some("“"));
        assert_eq!(repair("Ã¶ÃŸ").as_deref(), Some("öß"));
        assert_eq!(repair("ÃƒÂ¼").as_deref(), Some("ü"));
        assert_eq!(repair("Â\u{a0}").as_deref(), Some("\u{a0}"));
        assert_eq!(repair("ß“"), None);
        assert_eq!(repair("ü"), None);
    }

    #[test]
    fn flags_mojibake_with_suggestion() {
        let found = spans(
            &Mojibake,
            "",
            "Die GrÃ¶ÃŸe der â€žFab Labsâ€œ ist fÃ¼r alle.",
        );
        assert_eq!(found, vec!["Ã¶ÃŸ", "â€ž", "â€œ", "Ã¼"]);
        let pair_doc = crate::checks::DocStats::default();
        let pair = PairView::simple("", "fÃ¼r", &pair_doc);
        let mut out = Findings::new();
        Mojibake.check(&pair, &mut out);
        assert_eq!(out[0].suggestion.as_deref(), Some("ü"));
    }

    #[test]
    fn flags_latin1_c1_controls() {
        // "–" (E2 80 93) read as ISO-8859-1: "â" U+0080 U+0093.
        assert_eq!(
            spans(&Mojibake, "", "2018 \u{e2}\u{80}\u{93} 2020"),
            vec!["\u{e2}\u{80}\u{93}"]
        );
    }

    #[test]
    fn flags_c1_controls_from_windows_1252_read_as_latin1() {
        // „Hallo“ – 5 € in Windows-1252 (84 … 93 96 … 80) read as ISO-8859-1.
        let found = run(&Mojibake, "", "\u{84}Hallo\u{93} \u{96} 5 \u{80}.");
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(
            found[1].1.contains(
                "control character U+0093 — the text was probably decoded as Latin-1 instead of Windows-1252"
            ),
            "{found:?}"
        );
        assert_eq!(
            spans(&Mojibake, "", "Er sagte \u{93}ja\u{94}."),
            vec!["\u{93}", "\u{94}"]
        );
        let doc = crate::checks::DocStats::default();
        let pair = PairView::simple("", "\u{84}ja\u{93}", &doc);
        let mut out = Findings::new();
        Mojibake.check(&pair, &mut out);
        let suggestions: Vec<_> = out.iter().map(|f| f.suggestion.as_deref()).collect();
        assert_eq!(suggestions, vec![Some("„"), Some("“")]);
        // 0x81 has no Windows-1252 character: flagged, no suggestion.
        let pair = PairView::simple("", "a\u{81}b", &doc);
        let mut out = Findings::new();
        Mojibake.check(&pair, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].suggestion, None);
    }

    #[test]
    fn windows_1252_punctuation_is_not_a_c1_control() {
        for t in [
            "Er sagte „ja“ – und ging… für 5 €.",
            "‚Einfach‘ ‹so› — ™ • ˜ ‰ Š Œ Ž š œ ž Ÿ ƒ † ‡",
        ] {
            assert!(spans(&Mojibake, "", t).is_empty(), "{t}");
        }
    }

    #[test]
    fn flags_invisible_and_lost_characters() {
        let found = run(
            &Mojibake,
            "",
            "Bit\u{200B}coin und Gr\u{FFFD}\u{FFFD}e\u{7}.",
        );
        // the two U+FFFD of one lost character ("Grö" → "Gr\u{FFFD}\u{FFFD}") are one finding
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].1.contains("zero-width space"));
        assert!(found[1].1.contains("U+FFFD"));
        assert_eq!(found[1].0, "\u{FFFD}\u{FFFD}");
        assert!(found[2].1.contains("control"));
        assert_eq!(spans(&Mojibake, "", "Text\u{FEFF}mitte").len(), 1);
    }

    #[test]
    fn correct_german_is_not_flagged() {
        for t in [
            "Die Größe der Fab Labs wächst über 2.000 hinaus – „schön“, sagte er.",
            "Ägypten, Österreich, Übermaß: »Fuß« und „Fuß“ sind gleich.",
            "Er sagte: „Das ist ein Spaß“ — und ging. 25 °C, 5 €, 3 ½ Tage, © 2024 Café Crème",
            "Zeilen\nmit Tab\tund 👩\u{200D}💻 als Emoji, 10\u{202F}000 Menschen",
            "Łódź, Kraków, Dvořák, Erdoğan und Müller-Lüdenscheidt trafen sich.",
        ] {
            assert!(spans(&Mojibake, "", t).is_empty(), "{t}");
        }
    }

    #[test]
    fn html_character_references_are_flagged() {
        let found = run(&Mojibake, "over 60% of GDP", "über 60amp#160;% des BIP");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "amp#160;");
        assert!(found[0].1.contains("U+00A0"), "{}", found[0].1);
        assert_eq!(
            spans(&Mojibake, "", "Er sagte &quot;ja&quot;."),
            ["&quot;", "&quot;"]
        );
        // an English text about HTML, and German without references
        assert!(
            spans(
                &Mojibake,
                "Write &amp; for &.",
                "Schreiben Sie &amp; für &."
            )
            .is_empty()
        );
        assert!(spans(&Mojibake, "", "Nr. 5 & Co. #1; Tag #160").is_empty());
    }
}
