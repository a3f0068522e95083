"""A generated English–German corpus for the tests and benchmarks: ``n`` units, most of
them clean, some with the damage machine translation does (doubled punctuation, a changed
number, an untranslated unit, a missing translation, a glued word, a repeated phrase)."""

from __future__ import annotations

import random

_PAIRS = [
    ("The cat sat on the mat.", "Die Katze saß auf der Matte."),
    ("It was {n} degrees in Berlin.", "In Berlin waren es {n} Grad."),
    ("Open the settings and select a language.", "Öffnen Sie die Einstellungen und wählen Sie eine Sprache."),
    ("The meeting starts at {n} o'clock.", "Die Besprechung beginnt um {n} Uhr."),
    ("We sold {n} copies last year. Sales grew again.", "Wir haben letztes Jahr {n} Exemplare verkauft. Der Umsatz wuchs erneut."),
    ("Please restart the computer.", "Bitte starten Sie den Computer neu."),
    ("The river is {n} kilometres long.", "Der Fluss ist {n} Kilometer lang."),
    ("Thank you for your order.", "Vielen Dank für Ihre Bestellung."),
]


def units(n: int, seed: int = 17):
    """``(ids, sources, targets)`` of ``n`` units; deterministic for a seed."""
    rng = random.Random(seed)
    ids, sources, targets = [], [], []
    for i in range(n):
        en, de = rng.choice(_PAIRS)
        k = rng.randint(2, 999)
        en, de = en.format(n=k), de.format(n=k)
        damage = rng.random()
        if damage < 0.04:
            de = de[:-1] + ".."
        elif damage < 0.07 and str(k) in de:
            de = de.replace(str(k), str(k + 1))
        elif damage < 0.08:
            de = en
        elif damage < 0.09:
            de = ""
        elif damage < 0.10:
            de = de.replace(" ", "", 1)
        elif damage < 0.11:
            words = de.split(" ")
            de = " ".join(words[:2] + words[:2] + words[2:])
        ids.append(f"u{i:07d}")
        sources.append(en)
        targets.append(de)
    return ids, sources, targets


def write_parquet(path, n: int, seed: int = 17, row_group_size: int = 50_000):
    import pyarrow as pa
    import pyarrow.parquet as pq

    ids, sources, targets = units(n, seed)
    table = pa.table({"id": ids, "en": sources, "de": targets})
    pq.write_table(table, path, row_group_size=row_group_size)
    return path
