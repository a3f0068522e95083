//! Content checks MT009–MT014 on whole sentence pairs: correct German translations of the
//! kind found in news and web articles must give no finding, and typical damage must.

use mtlint::checks::{Code, DocStats, Finding, PairView, RuleSet};

const CODES: &[Code] = &[
    Code::MT009,
    Code::MT010,
    Code::MT011,
    Code::MT012,
    Code::MT013,
    Code::MT014,
    Code::MT020,
];

fn findings(source: &str, target: &str) -> Vec<Finding> {
    let doc = DocStats {
        length_ratio: 1.12,
        log_ratio_mean: 0.11,
        log_ratio_sd: 0.1,
        ratio_pairs: 100,
    };
    let pair = PairView::simple(source, target, &doc);
    RuleSet::of(CODES).check_pair(&pair)
}

/// Correct translations: none of the content checks may fire.
const CLEAN: &[(&str, &str)] = &[
    (
        "In their 1997 book The Sovereign Individual, William Rees-Mogg and James Dale Davidson make a convincing case.",
        "In ihrem Buch „Das souveräne Individuum“ von 1997 legen William Rees-Mogg und James Dale Davidson überzeugend dar.",
    ),
    (
        "So, for now, not even Elizabeth Warren – the most anti-bitcoin lawmaker in Washington – is proposing to ban bitcoin completely.",
        "Daher schlägt vorerst nicht einmal Elizabeth Warren – die Bitcoin-feindlichste Gesetzgeberin in Washington – vor, Bitcoin komplett zu verbieten.",
    ),
    (
        "Guillaume Verdon, the man behind the pseudonym @BasedBeffJezos, underlined this risk on a podcast with Lex Fridman.",
        "Guillaume Verdon, der Mann hinter dem Pseudonym @BasedBeffJezos, unterstrich dieses Risiko in einem Podcast mit Lex Fridman.",
    ),
    (
        "Even today, at least one government views the 3D printer with the same suspicion with which the Catholic Church viewed printing in the 15th and 16th centuries.",
        "Auch heute noch betrachtet mindestens eine Regierung den 3D-Drucker mit der gleichen Skepsis wie die katholische Kirche das Drucken im 15. und 16. Jahrhundert.",
    ),
    (
        "New York State Assembly Bill A8132, if passed, would require a criminal background check, with fingerprints sent to the FBI.",
        "Der Gesetzentwurf A8132 der New Yorker Staatsversammlung würde im Falle einer Verabschiedung eine Überprüfung mit Fingerabdrücken durch das FBI erfordern.",
    ),
    (
        "The number of fab labs is growing exponentially, with well over 2,000 so far.",
        "Die Zahl der Fab Labs wächst exponentiell, bisher sind es weit über 2.000.",
    ),
    (
        "Police have arrested a suspect in the fatal shooting death of Wayde Sims, a 20-year-old basketball player at LSU.",
        "Die Polizei hat einen Verdächtigen im Fall des tödlichen Schusses auf Wayde Sims, einen 20-jährigen Basketballspieler der LSU, festgenommen.",
    ),
    (
        "The storm will bring 3 to 6 inches of rain on Tuesday at 3:30 p.m. and last until Wednesday.",
        "Der Sturm bringt am Dienstag um 15:30 Uhr 3 bis 6 Zoll Regen und hält bis Mittwoch an.",
    ),
    (
        "Shares rose 3.5% to $1,250.75, valuing the company at $5.2 billion.",
        "Die Aktie stieg um 3,5 % auf 1.250,75 Dollar, womit das Unternehmen mit 5,2 Milliarden Dollar bewertet wird.",
    ),
    (
        "Two of the three suspects were arrested in the 1990s.",
        "Zwei der drei Verdächtigen wurden in den Neunzigerjahren festgenommen.",
    ),
    (
        "Women who change the world meet in Baden-Baden on March 15.",
        "Frauen, die die Welt verändern, treffen sich am 15. März in Baden-Baden.",
    ),
    (
        "The man who helped the woman said that they are the best.",
        "Der Mann, der der Frau half, sagte, dass die die Besten seien.",
    ),
    (
        "Please delete it promptly and write to info@example.org.",
        "Bitte löschen Sie sie umgehend und schreiben Sie an info@example.org.",
    ),
    (
        "Hello {name}, you have %d new messages. <b>Read them</b> now.",
        "Hallo {name}, Sie haben %d neue Nachrichten. <b>Lesen Sie sie</b> jetzt.",
    ),
    (
        "Pope Francis met Queen Elizabeth in The Hague and later flew to Munich.",
        "Papst Franziskus traf Königin Elisabeth in Den Haag und flog später nach München.",
    ),
    (
        "Step by step, more and more people use SHA-256 and COVID-19 apps.",
        "Schritt für Schritt nutzen immer mehr Menschen SHA-256- und Covid-19-Apps.",
    ),
    ("Trump announces new tariffs", "Trump kündigt neue Zölle an"),
    ("He said: \"No, no, no!\"", "Er sagte: „Nein, nein, nein!“"),
    (
        "Größe, Übermaß and Ärger are German words.",
        "Größe, Übermaß und Ärger sind deutsche Wörter.",
    ),
    (
        "The film was made in 2018 and runs for an hour and a half.",
        "Der Film wurde 2018 gedreht und dauert eineinhalb Stunden.",
    ),
];

#[test]
fn correct_translations_give_no_content_findings() {
    for (s, t) in CLEAN {
        let f = findings(s, t);
        assert!(f.is_empty(), "{t}\n→ {f:#?}");
    }
}

/// Damaged translations: the named check fires.
const DAMAGED: &[(&str, &str, &str)] = &[
    (
        "MT009",
        "The number of fab labs is growing exponentially, with well over 2,000 so far.",
        "Die Zahl der Fab Labs wächst exponentiell, bisher sind es weit über 2.500.",
    ),
    (
        "MT009",
        "in the 15th and 16th centuries",
        "im 15. Jahrhundert",
    ),
    (
        "MT010",
        "Guillaume Verdon, the man behind the pseudonym @BasedBeffJezos, underlined this risk.",
        "Guillaume Verdon, der Name hinter dem Pseudonym @BasedBeffJesos, Unterstreicht dieses Risiko.",
    ),
    (
        "MT010",
        "New York State Assembly Bill A8132 would require a background check.",
        "Der Gesetzentwurf A8123 würde eine Überprüfung erfordern.",
    ),
    (
        "MT011",
        "Dear citizens, welcome.",
        "Liebe Bürgerinnen und Bürgerinnen und Bürgerinnen und Bürgerinnen und",
    ),
    (
        "MT011",
        "Stearns said no.",
        "Stearns-Stearns-Stearns sagte nein.",
    ),
    (
        "MT012",
        "The size of fab labs is growing.",
        "Die GrÃ¶ÃŸe der Fab Labs wÃ¤chst.",
    ),
    (
        "MT013",
        "The result was a significant loss of influence and power.",
        "Das Ergebnis war ein erheblicher Einfluss- und",
    ),
    (
        "MT014",
        "Bitcoin, AI and 3D printers share a common theme: decentralisation and the disruptive potential for the nation state.",
        "Bitcoin, KI und 3D-Drucker.",
    ),
];

#[test]
fn damaged_translations_are_caught() {
    for (code, s, t) in DAMAGED {
        let f = findings(s, t);
        assert!(
            f.iter().any(|x| x.rule.code == *code),
            "{code} missed: {t}\n→ {f:#?}"
        );
    }
}

/// Random mixtures of the material the checks parse must never panic or give spans that are
/// not on character boundaries.
#[test]
fn random_input_gives_valid_spans() {
    let pieces = [
        "a",
        "Die",
        "die",
        " ",
        ",",
        ".",
        "2",
        "000",
        "1",
        "-",
        "–",
        "/",
        ":",
        "@x",
        "#t",
        "{n}",
        "%s",
        "<b>",
        "</b>",
        "Ã",
        "¼",
        "â",
        "€",
        "ž",
        "\u{200B}",
        "\u{FFFD}",
        "²",
        "½",
        "twenty",
        "five",
        "two",
        "zwei",
        "drei",
        "und",
        "Warren",
        "Elizabeth",
        "http://a.b/c",
        "'",
        "’s",
        "…",
        "„",
        "“",
        "\u{7}",
        "ü",
        "ß",
        "p.m.",
        "Uhr",
        "million",
        "Mio",
        "A8132",
        "SHA-256",
        "(",
        ")",
        "\n",
        "é",
        "ä",
        "08",
        "1950",
        "-53",
        "dass",
        "in",
        "Sie",
        "sie",
    ];
    let mut seed: u64 = 42;
    let mut next = || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    for _ in 0..3000 {
        let mut make = || {
            let n = next() % 30;
            let sep = if next() % 2 == 0 { " " } else { "" };
            (0..n)
                .map(|_| pieces[next() % pieces.len()])
                .collect::<Vec<_>>()
                .join(sep)
        };
        let (s, t) = (make(), make());
        for f in findings(&s, &t) {
            let text = match f.side {
                mtlint::model::Side::Target => &t,
                mtlint::model::Side::Source => &s,
            };
            assert!(
                text.get(f.span.clone()).is_some(),
                "{} gave span {:?} in {text:?}",
                f.rule.code,
                f.span
            );
        }
    }
}
