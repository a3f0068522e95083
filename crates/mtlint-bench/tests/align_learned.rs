//! The aligner's learned pass (`learn_dice`, issue 13 item 3) on the damaged MQM documents of
//! `../shared/data/mqm/wmt22_dev_ende/`. Skips when `../shared/` is absent.

use mtlint::align::AlignConfig;
use mtlint_bench::align::{mqm_docs, run};

/// Learned word links must not lose against the plain alignment on short documents with
/// omissions and boilerplate lines. Before learning was limited to content words of
/// confident beads (and to documents with enough of them), links between function words
/// (die, des, sie …) gave a boilerplate line enough similarity to be glued into a 1-2 bead:
/// strict F1 fell from 0.957 to 0.946.
#[test]
fn learned_links_do_not_glue_boilerplate_on_damaged_mqm() {
    let dir = mtlint_bench::shared_data_dir()
        .join("mqm")
        .join("wmt22_dev_ende");
    if !dir.is_dir() {
        eprintln!("skipping: {} not found", dir.display());
        return;
    }
    let docs = mqm_docs(&dir, true).expect("MQM dev set");
    let plain = run(&docs, &AlignConfig::default()).counts.prf(true).2;
    let mut cfg = AlignConfig::default();
    cfg.params.set("learn_dice", "0.6").expect("parameter");
    let learned = run(&docs, &cfg).counts.prf(true).2;
    assert!(
        learned >= plain - 0.001,
        "learned pass {learned:.4} below plain alignment {plain:.4}"
    );
}
