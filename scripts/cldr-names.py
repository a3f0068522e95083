#!/usr/bin/env python3
"""Generate src/checks/data/place_names.tsv, the English <-> German table of country, region,
language and city names that name-mismatch (MT020) uses, from the Unicode CLDR JSON packages.

The packages come from npm (Unicode licence V3, https://www.unicode.org/license.txt):

    npm pack cldr-localenames-full@48.2.0 cldr-dates-full@48.2.0 cldr-core@48.2.0
    python3 scripts/cldr-names.py DIR_WITH_THE_TGZ_FILES > src/checks/data/place_names.tsv

What is taken (locales `en` and `de`):
- country: `main/{en,de}/territories.json`, two-letter codes (and their `-alt-short` /
  `-alt-variant` forms without brackets or commas); pseudo and unknown codes left out.
- region: the same file, the numeric UN regions (continents and their parts) and EU, EZ, UN;
  001 (World) left out.
- language: `main/{en,de}/languages.json`, ISO 639-1 (two-letter) codes whose English name
  is one word; the German name of a language is also the German adjective ("Französisch" ->
  "französisch*", "Deutsch" -> "deutsch*"; `*` = with the adjective endings -e, -en, -er, -es, -em), related to the
  countries where `supplemental/territoryInfo.json` gives the language official status.
- city: `main/{en,de}/timeZoneNames.json` exemplar cities of the zones German names (the
  English name is the zone id's city where CLDR gives none), related to the country of the zone from
  `supplemental/windowsZones.json`.

Output: one line per entry, TAB-separated: kind, id, English forms (`|`), German forms (`|`),
related country codes (space-separated). The hand list `place_names_extra.tsv` beside it adds
what CLDR lacks (demonyms and English adjectives, more cities, organisations, transliterated
names).
"""

import json
import re
import sys
import tarfile
from pathlib import Path

VERSION = "48.2.0"
PACKAGES = ["cldr-localenames-full", "cldr-dates-full", "cldr-core"]
SKIP_TERRITORIES = {"ZZ", "XA", "XB", "QO", "AQ", "UM", "001"}
REGIONS_2 = {"EU", "EZ", "UN"}
ADJ = "*"


def load(tars, pkg, member):
    with tarfile.open(tars[pkg]) as t:
        return json.load(t.extractfile("package/" + member))


def clean(name):
    """A usable name: no brackets, commas or slashes."""
    return None if re.search(r"[(),/&]", name) else name.strip()


def forms_of(names, code):
    out = []
    for key in (code, code + "-alt-short", code + "-alt-variant"):
        n = names.get(key)
        if n and clean(n) and clean(n) not in out:
            out.append(clean(n))
    return out


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    tars = {p: folder / f"{p}-{VERSION}.tgz" for p in PACKAGES}
    for p, path in tars.items():
        if not path.is_file():
            sys.exit(f"{path}: not found; run `npm pack {p}@{VERSION}` in {folder}")
    names = {}
    for loc in ("en", "de"):
        ldn = lambda f: load(tars, "cldr-localenames-full", f"main/{loc}/{f}.json")["main"][
            loc
        ]["localeDisplayNames"]
        zones = load(tars, "cldr-dates-full", f"main/{loc}/timeZoneNames.json")["main"][loc][
            "dates"
        ]["timeZoneNames"]["zone"]
        names[loc] = {
            "territories": ldn("territories")["territories"],
            "languages": ldn("languages")["languages"],
            "zones": zones,
        }
    info = load(tars, "cldr-core", "supplemental/territoryInfo.json")["supplemental"][
        "territoryInfo"
    ]
    official = {}
    for terr, data in info.items():
        for lang, d in data.get("languagePopulation", {}).items():
            if d.get("_officialStatus") in ("official", "de_facto_official"):
                official.setdefault(lang.split("_")[0], set()).add(terr)
    zone_country = {}
    for m in load(tars, "cldr-core", "supplemental/windowsZones.json")["supplemental"][
        "windowsZones"
    ]["mapTimezones"]:
        z = m["mapZone"]
        if z["_territory"] != "001":
            for zone in z["_type"].split():
                zone_country.setdefault(zone, z["_territory"])

    rows = []
    en_t, de_t = names["en"]["territories"], names["de"]["territories"]
    for code in sorted(k for k in en_t if "-alt-" not in k):
        if code in SKIP_TERRITORIES or code not in de_t:
            continue
        if code.isdigit():
            kind = "region"
        elif code in REGIONS_2:
            kind = "region"
        elif len(code) == 2:
            kind = "country"
        else:
            continue
        en, de = forms_of(en_t, code), forms_of(de_t, code)
        if en and de:
            rows.append((kind, code, en, de, [code] if kind == "country" else []))
    en_l, de_l = names["en"]["languages"], names["de"]["languages"]
    for code in sorted(k for k in en_l if "-alt-" not in k):
        if len(code) != 2 or code not in de_l:
            continue
        en, de = clean(en_l[code]), clean(de_l[code])
        if not en or not de or " " in en or " " in de:
            continue
        de_forms = [de]
        if de.lower().endswith("sch"):
            de_forms.append(de.lower() + ADJ)
        rows.append(("language", code, [en], de_forms, sorted(official.get(code, ()))))
    en_z, de_z = names["en"]["zones"], names["de"]["zones"]

    def walk(tree, path):
        for k, v in tree.items():
            if isinstance(v, dict) and "_type" not in v and "exemplarCity" not in v:
                yield from walk(v, path + [k])
            elif isinstance(v, dict):
                yield "/".join(path + [k]), v

    # English gives an exemplar city only where it differs from the zone id's city.
    en_cities = dict(walk(en_z, []))
    for zone, v in sorted(walk(de_z, [])):
        if zone.startswith("Etc/") or "exemplarCity" not in v:
            continue
        en_city = en_cities.get(zone, {}).get("exemplarCity")
        en = clean(en_city or zone.split("/")[-1].replace("_", " "))
        de = clean(v["exemplarCity"])
        if en and de and not en.startswith("Unknown"):
            country = zone_country.get(zone)
            rows.append(("city", zone, [en], [de], [country] if country else []))

    print(f"# English <-> German names of countries, regions, languages and cities, generated by")
    print(f"# scripts/cldr-names.py from the Unicode CLDR JSON packages {', '.join(PACKAGES)}")
    print(f"# {VERSION} (npm; CLDR data, Unicode licence V3, https://www.unicode.org/license.txt;")
    print("# Copyright (c) 2004-2026 Unicode, Inc.). Do not edit: edit the script or the hand list")
    print("# place_names_extra.tsv. Columns (TAB): kind, id, English forms (|), German forms (|;")
    print("# `*` = adjective stem with the endings -e -en -er -es -em), related country codes.")
    for kind, id_, en, de, rel in rows:
        print("\t".join([kind, id_, "|".join(en), "|".join(de), " ".join(rel)]))


if __name__ == "__main__":
    main()
