"""Finding gazetteer names in a token stream: the longest run of tokens that is a name (or a
demonym), inflected forms of Arabic and Slavic names, and acronyms and abbreviations as written."""

from __future__ import annotations

import re
from functools import lru_cache

from geo.model import Mention
from geo.parse.toponyms import morph
from geo.parse.toponyms.memo import Remembered
from geo.text import names

_SENTENCE_END = re.compile(r"[.!?\n:;]['\"”’)\]]*\s*$|^\s*$|\)\s*[-–—]+\s*$|\s[-–—]+\s*$")
_ELIDED_ARTICLE_GAP = re.compile(r"^\s[dDlL]['’]$")
#: "People's Republic" joins; so does a Persian word split by a zero-width non-joiner (خرم‌آباد).
_JOINABLE_GAP = re.compile(r"^(?:['’]s)?[\s\-‐‑–'’`\u200c]{0,3}$")
#: Whether a gap joins two tokens of a name by itself (``_joinable``), by gap: a text has few.
_JOINING_GAPS: dict[str, bool] = {}
#: ... for this many distinct gaps at most.
GAP_CACHE_SIZE = 10_000
_QUOTES_OPEN = "\"'“‘«([—–- "


def has_case(ch: str) -> bool:
    return ch.lower() != ch.upper()


def is_capitalised(s: str) -> bool:
    """Whether the first letter of ``s`` is a capital or has no case (remembered per letter)."""
    first = s[:1]
    known = _CAPITALISED.get(first)
    if known is not None:
        return known
    if first.isalpha():
        known = _CAPITALISED[first] = first.isupper() or not has_case(first)
        return known
    first = next((ch for ch in s if ch.isalpha()), "")
    return bool(first) and (first.isupper() or not has_case(first))


_CAPITALISED: dict[str, bool] = {}


def sentence_initial(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence, by the eight characters before it (the answer is
    remembered per eight characters: "said. " and ", the " come back in every text)."""
    before = text[max(0, start - 8) : start]
    found = _INITIAL.get(before)
    if found is None:
        found = _sentence_initial(before)
        if len(_INITIAL) >= GAP_CACHE_SIZE:
            _INITIAL.clear()
        _INITIAL[before] = found
    return found


def _sentence_initial(before: str) -> bool:
    if not before.strip() or _SENTENCE_END.search(before):  # the text's start too: nothing before
        return True
    before = before.rstrip(_QUOTES_OPEN)
    return not before.strip() or bool(_SENTENCE_END.search(before))


_INITIAL: dict[str, bool] = {}


def joinable_gap(gap: str) -> bool:
    """Whether a gap may stand inside a name (remembered per gap)."""
    return _JOINABLE[gap]


_JOINABLE: Remembered[str, bool] = Remembered(lambda gap: bool(_JOINABLE_GAP.match(gap)), GAP_CACHE_SIZE)


def is_article(norm: str) -> bool:
    """An Arabic article token ("al", "el", "ar"...), which names drop ("al-Qaim" = "Qaim")."""
    return norm in names.ARTICLES  # what key_of drops before another token


def article_can_start(text: str, toks, i: int) -> bool:
    """An article token starts a name when joined to it ("al-Qaim", "ar-Raqqa") or written
    with a capital ("Al Qaim", "El Paso"); not English "an", "at", "as" before a name."""
    if i + 1 >= len(toks):
        return False
    gap = text[toks[i].end : toks[i + 1].start]
    return gap in ("-", "‐", "'", "’") or (
        gap == " " and text[toks[i].start].isupper() and toks[i].norm in ("al", "el")
    )


def _joinable(text: str, left, right) -> bool:
    """Whether two tokens may belong to one name: a space or hyphen between them, an elided
    article ("Côte d'Ivoire", which the tokenizer drops), or the stop of an abbreviation
    ("St. Petersburg", "Mt. Pleasant", "Ft. Worth")."""
    gap = text[left.end : right.start]
    joins = _JOINING_GAPS.get(gap)
    if joins is None:
        joins = bool(_JOINABLE_GAP.match(gap) or _ELIDED_ARTICLE_GAP.match(gap))
        if len(_JOINING_GAPS) < GAP_CACHE_SIZE:
            _JOINING_GAPS[gap] = joins
    if joins:
        return True
    return (
        gap in (". ", ".")
        and len(left.norm) <= 2
        and text[left.start].isupper()
        and not text[left.end - 1].isupper()
    )


def longest_match(
    text: str, toks, norms: list[str], i: int, gaz, language: str = "und"
) -> tuple[int, str, str | None] | None:
    """The longest token run from ``i`` that is a place name or a demonym: (end, key, demonym_cc)."""
    best = None
    article = is_article(norms[i])
    if article and not article_can_start(text, toks, i):
        return None
    j = i + 1
    while j <= len(toks) and j - i <= gaz.max_tokens:
        if j > i + 1 and not _joinable(text, toks[j - 2], toks[j - 1]):
            break
        key = names.key_of(norms[i:j])
        if key and not (article and j == i + 1):  # an article joined to a word is no name alone
            cc = gaz.demonym(key)  # "Iraqi" is a demonym before it is a village's other name
            if cc:
                best = (j, key, cc)
            elif key in gaz:
                best = (j, key, None)
        if not key or gaz.has_prefix(key) or names.key_of([*norms[i:j], "x"]) == "x":
            j += 1
        else:
            break
    if best is None:
        best = _inflected_match(text, toks, norms, i, gaz, language)
    return best


def _inflected_match(
    text: str, toks, norms: list[str], i: int, gaz, language: str = "und"
) -> tuple[int, str, None] | None:
    """An inflected one- or two-word name: "Мосуле", "Києві", "Дніпропетровської області";
    with ``language``'s morphology installed, also the nominative of a case form the endings
    miss ("Трускавці": Трускавець)."""
    if i + 1 < len(toks) and _is_cyrillic(norms[i + 1]) and _joinable(text, toks[i], toks[i + 1]):
        heads = [h for h in _adjective_variants(norms[i]) if gaz.has_prefix(h)]
        if heads:
            tails = (norms[i + 1], *_noun_variants(norms[i + 1]), *_inflection_variants(norms[i + 1]))
            for tail in tails:
                key = next((f"{h} {tail}" for h in heads if f"{h} {tail}" in gaz), None)
                if key:
                    return i + 2, key, None
    key = _inflected_key(norms[i], gaz)
    if key is None and language in morph.LANGUAGES and _is_cyrillic(norms[i]):
        key = _lemma_key(text[toks[i].start : toks[i].end], language, gaz)
    return (i + 1, key, None) if key else None


def _lemma_key(word: str, language: str, gaz) -> str | None:
    """The gazetteer key of a noun reading's nominative ("Старокостянтинова": старокостянтинів)."""
    return next((k for k in map(names.normalize_name, morph.noun_lemmas(word, language)) if k in gaz), None)


@lru_cache(maxsize=100_000)
def _inflected_key(norm: str, gaz) -> str | None:
    """The likeliest gazetteer key an inflected word stands for (looked up once per word)."""
    keys = [k for k in dict.fromkeys(_inflection_variants(norm)) if k in gaz]
    return max(keys, key=lambda k: _standing(gaz.lookup(k)[0])) if keys else None


_KIND_STANDING = {"country": 4, "admin1": 3, "region": 2, "city": 1}


def _standing(place) -> tuple[int, int]:
    """Which of an inflected word's readings to prefer: "России" is Russia before a town Ross."""
    return _KIND_STANDING.get(place.kind, 0), place.population


#: Conjunctions and prepositions written onto an Arabic word ("والرمادي", and Ramadi), longest first.
ARABIC_PROCLITICS = ("وب", "ول", "فب", "وك", "و", "ف", "ب", "ل", "ك")
# Case endings as the tokens carry them: normalised, so "й" is "и" ("Россией" -> "россиеи").
_SLAVIC_ENDINGS = ("ами", "ями", "ом", "ем", "ои", "еи", "ою", "ею", "ах", "ях", "ам", "ям", "ым", "ім", "ии")
_SLAVIC_ENDINGS += ("е", "у", "ю", "а", "я", "і", "и", "ы")
#: Feminine adjective case endings (Ukrainian, Russian) -> the nominative: "-ської" -> "-ська".
_ADJECTIVE_ENDINGS = (("ою", "а"), ("оі", "а"), ("іи", "а"), ("у", "а"), ("ои", "ая"), ("ую", "ая"))


def _is_cyrillic(norm: str) -> bool:
    return bool(norm) and "\u0400" <= norm[0] <= "\u04ff"


def _adjective_variants(norm: str) -> list[str]:
    if not _is_cyrillic(norm) or len(norm) < 5:
        return []
    return [norm[: -len(end)] + nom for end, nom in _ADJECTIVE_ENDINGS if norm.endswith(end)]


def _noun_variants(norm: str) -> list[str]:
    """A noun's nominative candidates: "області" -> "область", "обл" -> "область"."""
    out = [stem + "ь" for end in ("і", "ю", "и", "ью") if norm.endswith(end) for stem in [norm[: -len(end)]]]
    return out + (["область"] if norm == "обл" else [])


def _inflection_variants(norm: str) -> list[str]:
    """Keys a single inflected word may stand for: Arabic with a proclitic ("والموصل" ->
    "موصل"), Russian and Ukrainian case forms ("Мосуле" -> "мосул", "Ракку" -> "ракка",
    "Києві" -> "київ": the є of the oblique cases is the ї of the nominative)."""
    if len(norm) < 4:
        return []
    first = norm[0]
    out = []
    if "\u0600" <= first <= "\u06ff":
        for p in ARABIC_PROCLITICS:
            if norm.startswith(p) and len(norm) - len(p) >= 3:
                out.append(names.key_of([norm[len(p) :]]))
    elif "\u0400" <= first <= "\u04ff":
        for end in _SLAVIC_ENDINGS:
            if norm.endswith(end) and len(norm) - len(end) >= 3:
                stem = norm[: -len(end)]
                out += [stem, stem + "а", stem + "я", stem + "ь", stem + "и", stem + "ия"]
                if "є" in stem:
                    out.append(stem.replace("є", "і"))
    return out


def acronym_mentions(text: str, gaz, acronyms: dict[str, str]) -> list[Mention]:
    """Country acronyms as written ("U.S.", "UAE", Indonesian "AS"), which tokens alone miss."""

    def country(written: str):
        place = gaz.country(acronyms[written])
        return (names.normalize_name(place.name), (place,)) if place else None

    return _written_forms(text, acronyms, country)


def abbreviation_mentions(text: str, gaz, abbreviations: dict[str, str], home_country: str) -> list[Mention]:
    """Abbreviated divisions and cities as the press writes them: "Kan.", "W.Va." (AP style),
    "D.C.", "L.A."; a division where the name is one ("Wash." is the state), else the city."""

    def division(written: str):
        key = names.normalize_name(abbreviations[written])
        home = [p for p in gaz.lookup(key) if p.country_code == home_country]
        cands = tuple(p for p in home if p.kind == "admin1") or tuple(p for p in home if p.kind == "city")[:1]
        return (key, cands) if cands else None

    return _written_forms(text, abbreviations, division)


def _written_forms(text: str, table: dict[str, str], resolve) -> list[Mention]:
    """Mentions of the exact written forms in ``table``; ``resolve(form) -> (key, candidates)``."""
    if not table:
        return []
    out = []
    for m in _table_pattern(table).finditer(text):
        found = resolve(m.group(0))
        if found:
            out.append(Mention(m.start(), m.end(), m.group(0), found[0], False, found[1]))
    return out


#: ``_table_pattern``'s patterns by table: (the table, its size, the pattern).
_TABLE_PATTERNS: dict[int, tuple[dict[str, str], int, re.Pattern]] = {}


def _table_pattern(table: dict[str, str]) -> re.Pattern:
    """``_acronym_pattern`` of a table's forms, longest first (worked out once per table: the
    filters' tables stay the same from text to text)."""
    hit = _TABLE_PATTERNS.get(id(table))
    if hit is None or hit[0] is not table or hit[1] != len(table):
        if len(_TABLE_PATTERNS) >= 64:
            _TABLE_PATTERNS.clear()
        pattern = _acronym_pattern(tuple(sorted(table, key=len, reverse=True)))
        hit = _TABLE_PATTERNS[id(table)] = (table, len(table), pattern)
    return hit[2]


@lru_cache(maxsize=32)
def _acronym_pattern(acronyms: tuple[str, ...]) -> re.Pattern:
    r"""Any of ``acronyms`` (tried in their order) as a word of its own. The forms are grouped by
    their first character, which the pattern starts with: the engine then skips in C to where one
    of those characters stands (a third of the time of trying every position). The character
    before the form is looked at after the first one is read (``(?<![\w.].)``)."""
    by_first: dict[str, list[str]] = {}
    for a in acronyms:
        by_first.setdefault(a[0], []).append(re.escape(a[1:]))
    alts = "|".join(rf"{re.escape(ch)}(?<![\w.].)(?:{'|'.join(rests)})" for ch, rests in by_first.items())
    # Not the first part of a compound: "US-Präsident", "U.S.-led".
    return re.compile(rf"(?:{alts})(?!\w)(?<!\.\w)(?!-[^\W\d_])")
