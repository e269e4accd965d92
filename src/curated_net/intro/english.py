"""English from what people type: the drafter's grammar.

Facts are stored as typed. A fragment — "went to school together", "best doctor I know", "runs the best
supper club in town" — is read by its first words (see `lexicon`) into a `Fragment` of some `Form`, and
the functions here give each form what it needs to stand in a sentence: a subject, an article, "one of
the … I know", verbs that agree with the pronouns. Articles, plurals, verb agreement and numbers come
from inflect. Nothing here reads the database or the clock: the same text always gives the same words.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import lexicon as lx

_SPACE = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_EDGES = '.,;:!?"()[]{}“”«»…'
_ABBREVIATION = re.compile(r"^(?:(?:[A-Za-z]\.){2,}|(?:inc|ltd|co|corp|jr|sr|etc|dr|st|mr|mrs|ms|prof|no)\.)$", re.I)
_FINAL = ".!?;,:…"


@functools.cache
def _engine():
    import inflect

    engine = inflect.engine()
    # Letter names decide an acronym's article: "a UX researcher" (you-ex), "an NYU alum" (en-why-you).
    engine.defa(r"(?-i:U[A-Z]+\b).*")
    engine.defan(r"(?-i:NY[A-Z]*\b).*")
    return engine


def key(word: str) -> str:
    """A word as the word lists hold it: lower case, curly apostrophes straightened, edge punctuation gone."""
    return word.translate(_APOSTROPHES).strip(_EDGES).lower()


_LONE_I = re.compile(r"(?<![\w'’.-])i(?=(?:['’](?:m|ve|d|ll))?(?![\w.-]))")


def clean(text: str | None) -> tuple[str, str]:
    """Text as one line without its final punctuation, "i" written "I"; return it and the end the user chose
    ("!", "?" or "")."""
    t = _LONE_I.sub("I", _SPACE.sub(" ", text or "").strip())
    end = ""
    while t and t[-1] in _FINAL:
        last = t.rsplit(" ", 1)[-1]
        if t[-1] == "." and _ABBREVIATION.match(last):
            end = end or "."
            break
        if t[-1] in "!?" and not end:
            end = t[-1]
        t = t[:-1].rstrip()
    return t, end


def capitalise(text: str) -> str:
    """The first letter made a capital, unless the first word is written in mixed case ("iPhone", "eBay")."""
    if not text:
        return text
    first = text.split(" ", 1)[0]
    if first == "i" or first.startswith("i'"):
        return "I" + text[1:]
    if first[:1].islower() and (first[1:] == first[1:].lower()):
        return text[:1].upper() + text[1:]
    return text


def inline(text: str) -> str:
    """A fragment made to sit inside a sentence: a capital the user typed only because it came first is
    lowered ("Colleagues at Northwind" → "colleagues at Northwind"); names and acronyms keep theirs."""
    first, _, rest = text.partition(" ")
    if len(first) < 2 or not first[0].isupper() or not first[1:].islower():
        return text
    if rest[:1].isupper():
        return text  # "New York", "Brookline High": a name of more than one word
    k = key(first)
    known = (
        k in lx.RELATIONS
        or k in lx.ADJECTIVES
        or k in lx.DETERMINERS
        or k in lx.PREPOSITIONS
        or k in lx.ADVERBS
        or k in lx.CAUSES
        or k in lx.SUBJECTS - {"i"}
        or is_past(first)
        or is_gerund(first)
        or is_adverb(first)
        or is_superlative(first)
        or is_third_person(first)
        or k in lx.AUXILIARIES
        or k in lx.PLURAL_AUXILIARIES
    )
    return first[0].lower() + first[1:] + (" " + rest if rest else "") if known else text


def uncapitalise(text: str) -> str:
    """A sentence made to follow a comma or colon: a capital lowered where it opens a pronoun, an article or
    another common word ("Kids go …" → "kids go …"), never a name or "I"."""
    first = text.split(" ", 1)[0]
    k = key(first)
    if k == "i" or k.startswith("i'"):
        return text
    if k in lx.SUBJECTS | lx.DETERMINERS | lx.CONTRACTED_SUBJECTS | lx.PEOPLE_PLURALS:
        return text[:1].lower() + text[1:]
    return inline(text)


def finish(text: str, end: str = "") -> str:
    """One sentence: a capital to open it and one stop to close it (the user's "!" or "?" kept)."""
    body, typed = clean(text)
    if not body:
        return ""
    stop = end or typed or "."
    if typed == "." and stop == ".":  # an abbreviation already closes it: "Acme Inc."
        return capitalise(body) if body.endswith(".") else capitalise(body) + "."
    return capitalise(body) + stop


def join(items: Sequence[str], conj: str = "and") -> str:
    """ "a", "a and b", "a, b and c"; a comma before the last where an item holds "and" already."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return items[0] if items else ""
    last_sep = f", {conj} " if any(f" {conj} " in i for i in items) else f" {conj} "
    return ", ".join(items[:-1]) + last_sep + items[-1]


# -- words ----------------------------------------------------------------------------------------


_VERB_PREFIXES = ("re", "un", "over", "out", "mis", "under", "with", "fore", "up", "co")


def is_past(word: str) -> bool:
    """A verb in the past: "went", "rebuilt", "co-founded", "worked" (not "bed", "hundred", "naked")."""
    k = key(word).split("-")[-1]
    if k in lx.IRREGULAR_PAST or k in lx.EED_PAST:
        return True
    if any(k.startswith(p) and k[len(p) :] in lx.IRREGULAR_PAST for p in _VERB_PREFIXES):
        return True
    return len(k) > 3 and k.endswith("ed") and not k.endswith("eed") and k not in lx.ED_NOT_VERBS


def is_participle(word: str) -> bool:
    k = key(word)
    return k in lx.IRREGULAR_PARTICIPLES or k.split("-")[-1] in lx.IRREGULAR_PARTICIPLES or is_past(word)


def is_third_person(word: str) -> bool:
    """A verb in the third person singular: "runs", "knows", "has"."""
    k = key(word)
    if k in lx.AUXILIARIES:
        return True
    if len(k) < 3 or not k.isalpha() or not k.endswith("s") or k in lx.NOT_THIRD_PERSON:
        return False
    return not k.endswith(lx.S_NOT_VERB_ENDINGS)


def is_adverb(word: str) -> bool:
    k = key(word)
    return k in lx.ADVERBS or (
        len(k) > 4 and k.endswith("ly") and k not in lx.LY_NOT_ADVERBS and k not in lx.ADJECTIVES
    )


def is_adjective(word: str) -> bool:
    k = key(word)
    if k in lx.ADJECTIVES:
        return True
    if k in lx.ENDING_NOT_ADJECTIVES or k in lx.RELATIONS:
        return False
    return len(k) > 4 and k.endswith(lx.ADJECTIVE_ENDINGS)


def is_gerund(word: str, after: str = "") -> bool:
    """An -ing word read as a verb: "sailing", "building a hospital" (but "a building", "the wedding")."""
    k = key(word)
    if len(k) <= 4 or not k.endswith("ing"):
        return False
    a = key(after)
    return k not in lx.ING_NOUNS or a in lx.DETERMINERS or a in lx.OBJECTS or (bool(a) and is_plural_noun(after))


def is_superlative(word: str) -> bool:
    k = key(word).split("-")[0]
    if k in lx.SUPERLATIVE_WORDS:
        return True
    return len(k) > 4 and k.endswith("est") and k not in lx.EST_NOT_SUPERLATIVES


def is_finite(word: str) -> bool:
    """A word that can carry a clause's tense: "runs", "ran", "can", "is", "are"."""
    k = key(word)
    return is_third_person(word) or is_past(word) or k in lx.PLURAL_AUXILIARIES


def is_plural_noun(word: str) -> bool:
    k = key(word)
    if word.isupper() and len(word) > 2 and word.endswith("s"):  # CEOs, PhDs
        return True
    if not k.endswith("s") or k.endswith(lx.S_NOT_VERB_ENDINGS) or k in lx.S_NOT_VERBS:
        return k in ("people", "children", "men", "women", "folks")
    return bool(_engine().singular_noun(k))


def plural(noun: str) -> str:
    """The plural of a noun (the last word of a phrase): doctors, people, CEOs, brothers-in-law."""
    if is_plural_noun(noun):
        return noun
    if noun.isupper() and len(noun) > 1:
        return noun + "s"
    if "-in-law" in noun.lower():
        head, _, rest = noun.partition("-")
        return f"{plural(head)}-{rest}"
    return _engine().plural_noun(noun)


def with_article(phrase: str) -> str:
    """A noun phrase with its indefinite article: "an MBA", "a UX researcher", "an 18-year veteran"."""
    # The sound of the first word (its first part, before a hyphen) decides; inflect reads the whole
    # phrase otherwise, and an acronym further on ("Harvard MBA") would answer for it.
    if not _latin(phrase):
        return phrase  # "أفضل مهندس", "同僚": English articles are not theirs
    first = re.split(r"[\s-]", phrase, maxsplit=1)[0] or phrase
    if _spelled_out(first):  # "an MIT grad", "an SEC lawyer", "an MI6 agent": the first letter's name decides
        return ("an " if first[0] in "AEFHILMNORSX" else "a ") + phrase
    if first in lx.SAID_AS_WORDS:  # "a CERN physicist": said as the word it spells
        return _engine().a(first.lower()).split(" ", 1)[0] + " " + phrase
    digits = re.match(r"\d+", first)
    if digits:
        spoken = _engine().number_to_words(digits.group())
        first = spoken if isinstance(spoken, str) else " ".join(spoken)
    return _engine().a(first).split(" ", 1)[0] + " " + phrase


def _spelled_out(word: str) -> bool:
    """An initialism said letter by letter (MIT, SEC, LAPD, MI6, F1), not a word (NASA, NATO, CERN): two or three
    capitals, or four with at most one vowel, or capitals with a digit; short ones said as words are listed."""
    if not (2 <= len(word) <= 4 and word.isalnum() and word.isascii() and word == word.upper()):
        return False
    if not word[0].isalpha() or word.isdigit():
        return False
    if any(ch.isdigit() for ch in word):
        return True
    if word in lx.SAID_AS_WORDS:
        return False
    return len(word) <= 3 or sum(ch in "AEIOU" for ch in word) <= 1


def agree(verb_phrase: str, plural_subject: bool) -> str:
    """A third-person verb phrase made to agree with its subject: "runs" → "run" after "they"."""
    if not plural_subject:
        return verb_phrase
    words = verb_phrase.split(" ")
    for i, w in enumerate(words):
        if is_adverb(w) and i + 1 < len(words):
            continue
        k = key(w)
        if is_third_person(w) or k in ("was",) or k in lx.RELATION_VERBS:
            words[i] = _keep_case(w, _engine().plural_verb(k))
        break
    return " ".join(words)


_SINGULAR_OF = {"are": "is", "were": "was", "have": "has", "do": "does", "don't": "doesn't", "aren't": "isn't"}
_SINGULAR_OF |= {"weren't": "wasn't", "haven't": "hasn't"}


def singular(verb_phrase: str) -> str:
    """A verb phrase in the base form made third person singular where it opens with an auxiliary."""
    first, _, rest = verb_phrase.partition(" ")
    k = key(first)
    return f"{_SINGULAR_OF[k]} {rest}".strip() if k in _SINGULAR_OF else verb_phrase


_IRREGULAR_THIRD = {"have": "has", "do": "does", "go": "goes", "be": "is"}


def third_person(verb: str) -> str:
    """A verb in its base form made third person singular: play → plays, watch → watches, fly → flies."""
    k = verb.lower()
    if k in _IRREGULAR_THIRD:
        out = _IRREGULAR_THIRD[k]
    elif k.endswith(("s", "sh", "ch", "x", "z", "o")):
        out = k + "es"
    elif k.endswith("y") and len(k) > 1 and k[-2] not in "aeiou":
        out = k[:-1] + "ies"
    else:
        out = k + "s"
    return _keep_case(verb, out)


def _keep_case(original: str, new: str) -> str:
    return new[:1].upper() + new[1:] if original[:1].isupper() else new


# -- names ----------------------------------------------------------------------------------------

_CJK = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def proper(text: str | None, *, acronyms: bool = False) -> str | None:
    """A name typed all in lower case, written as a name ("mercy general" → "Mercy General", "ludwig van
    beethoven" → "Ludwig van Beethoven"); a name with any capital is kept as typed ("eBay", "danah Boyd").
    With `acronyms` (a firm's name), a short word that is no word is an acronym: "ibm research" → "IBM Research"."""
    if not text or text != text.lower() or not any(ch.isalpha() for ch in text):
        return text

    def word(i: int, w: str) -> str:
        if i and w in lx.NAME_PARTICLES:
            return w
        letters = w.strip(".,&()-")
        if (
            acronyms
            and letters.isalpha()
            and (
                (2 <= len(letters) <= 3 and letters not in lx.SHORT_WORDS)
                or (len(letters) == 4 and not set(letters) & set("aeiouy"))
            )
        ):
            return w.upper()  # "ibm research" → "IBM Research", "kpmg" → "KPMG"
        return w[:1].upper() + w[1:]

    return " ".join(word(i, w) for i, w in enumerate(text.split(" ")))


def title(text: str | None) -> str | None:
    """A job title with its acronyms in capitals ("ceo" → "CEO", "vp product" → "VP product"), else as typed."""
    if not text:
        return text
    return " ".join(w.upper() if key(w) in lx.TITLE_ACRONYMS and w == w.lower() else w for w in text.split(" "))


def capitalised(text: str, known: Iterable[str] = ()) -> str:
    """Words typed in lower case that are written with a capital: languages, days and months, and the names
    in `known` (people's first names, companies, places, as they are stored)."""
    names = {n.casefold(): n for n in known if n and not n.islower()}

    def fix(m: re.Match) -> str:
        w = m.group(0)
        if w != w.lower():
            return w
        if w in names:
            return names[w]
        if w in lx.WRITTEN_AS:
            return lx.WRITTEN_AS[w]
        return w[:1].upper() + w[1:] if w in lx.CAPITALISED else w

    return re.sub(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", fix, text)


def first_name(name: str) -> str:
    """What a note calls someone: the first name, past an honorific ("Dr. Jane O'Neil" → "Jane"); the whole
    name where it opens with an initial ("J. R. R. Tolkien") or is written in Chinese, Japanese or Korean
    (whose order and forms of address a first word would get wrong)."""
    words = [w for w in (proper(name) or name).split() if w]
    while len(words) > 1 and key(words[0]) in lx.HONORIFICS | {k.rstrip(".") for k in lx.HONORIFICS}:
        words = words[1:]
    if not words:
        return name
    first = words[0].rstrip(",")
    if _CJK.search(name) or (len(first.rstrip(".")) == 1 and len(words) > 1):
        return " ".join(words).rstrip(",")
    return first


# -- pronouns -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pronouns:
    """A person's pronouns: subject, object, possessive determiner, and whether verbs take the plural."""

    subject: str
    object: str
    possessive: str | None
    plural: bool = False

    def be(self) -> str:
        """Subject and "is" contracted: "he's", "they're", "xe's"."""
        return f"{self.subject}'re" if self.plural else f"{self.subject}'s"

    def has(self) -> str:
        return f"{self.subject} have" if self.plural else f"{self.subject} has"


_SETS = {
    "he": ("he", "him", "his"),
    "she": ("she", "her", "her"),
    "they": ("they", "them", "their"),
    "xe": ("xe", "xem", "xyr"),
    "ze": ("ze", "zir", "zir"),
    "zie": ("zie", "zir", "zir"),
    "ey": ("ey", "em", "eir"),
    "e": ("e", "em", "eir"),
    "fae": ("fae", "faer", "faer"),
    "ve": ("ve", "ver", "vis"),
    "per": ("per", "per", "pers"),
    "it": ("it", "it", "its"),
}


def parse_pronouns(text: str | None) -> Pronouns | None:
    """Pronouns as people write them ("she/her", "they/them", "xe/xem/xyr", "he/they"); None when none apply."""
    parts = [key(p) for p in re.split(r"[\s/,;|:]+", text or "") if key(p)]
    parts = [p for p in parts if p not in _PRONOUN_LABELS]  # "pronouns: she/her", "they (singular)"
    if not parts or parts[0] in lx.NO_PRONOUNS or not all(p.replace("'", "").isalpha() for p in parts[:3]):
        return None
    first = parts[0]
    third = _determiner(parts[2]) if len(parts) > 2 else None  # "they/them/theirs": their
    if first in _SETS:
        subject, obj, possessive = _SETS[first]
        if len(parts) > 1 and parts[1] not in _SETS and parts[1] != possessive:
            obj = parts[1]  # "ze/hir"
            possessive = third if third else (obj if first in ("ze", "zie") else possessive)
        return Pronouns(subject, obj, possessive, plural=subject == "they")
    return Pronouns(first, parts[1] if len(parts) > 1 else first, third)


# Words people write around their pronouns, not pronouns themselves.
_PRONOUN_LABELS = frozenset({"pronouns", "pronoun", "my", "are", "singular", "plural", "only", "please"})


def _determiner(word: str) -> str:
    """The possessive that goes before a noun, where the one that stands alone was typed: theirs → their,
    xyrs → xyr, pers → per ("his", "its" and "vis" are both)."""
    return word[:-1] if word.endswith("s") and len(word) > 3 and word not in ("his", "its", "vis") else word


# -- fragments ------------------------------------------------------------------------------------


class Form(enum.StrEnum):
    """What a fragment is, read from its first words."""

    SENTENCE = "sentence"  # has its own subject: kept whole ("He hired my team")
    VERB = "verb"  # a verb phrase in the present: "runs the best supper club in town"
    PAST = "past"  # a verb phrase in the past: "went to school together"
    STATE = "state"  # what someone is, by an adjective or participle: "focused on his patients"
    NOUN = "noun"  # a noun phrase that needs an article: "exceptional leader"
    OWN = "own"  # a noun phrase with its own determiner: "the friend who shows up", "my neighbour"
    SUPERLATIVE = "superlative"  # "best doctor I know"
    PLACE = "place"  # a phrase of place or time: "at PyCon 2015", "while on vacation"
    DOING = "doing"  # a gerund phrase: "building a new hospital"
    PURPOSE = "purpose"  # "to compare notes on hiring"
    BASE = "base"  # a verb phrase in its base form, said of us: "go way back", "compare notes on hiring"
    CAUSE = "cause"  # "because Leonard is looking for a new role"


@dataclass(frozen=True)
class Fragment:
    """A piece of typed text, tidied, with what it is."""

    text: str
    form: Form
    end: str = ""

    @property
    def words(self) -> list[str]:
        return self.text.split(" ")

    @property
    def keys(self) -> list[str]:
        return [key(w) for w in self.words]

    def sentence(self) -> str:
        return finish(self.text, self.end)

    def mentions(self, words: Iterable[str]) -> bool:
        wanted = set(words)
        return any(k in wanted for k in self.keys)


def read(text: str | None, *, names: Iterable[str] = ()) -> Fragment | None:
    """Read a fragment: tidy it and tell what it is (None for empty text)."""
    body, end = clean(text)
    if not body:
        return None
    words = body.split(" ")
    name_keys = {key(n) for name in names for n in name.split()} - {""}
    form = _form(words, name_keys)
    return Fragment(body if form is Form.SENTENCE else inline(body), form, end)


def _form(words: list[str], names: set[str]) -> Form:
    keys = [key(w) for w in words]
    k0 = keys[0]
    nxt = keys[1] if len(keys) > 1 else ""
    comma = words[0].endswith(",")
    if k0 in lx.CONTRACTED_SUBJECTS or k0 in lx.SUBJECTS:
        return Form.SENTENCE
    if k0.endswith("'s") and k0[:-2]:
        # "Jim's team needs a doctor" is a sentence; "Acme's best engineer", "Carla's mentor" describe.
        return Form.SENTENCE if _clause_after(words, names, 1) else Form.OWN
    named = k0 in names or (words[0][:1].isupper() and k0 not in lx.DETERMINERS and not _classified(k0))
    if named and nxt and _clause_after(words, names, 1):
        return Form.SENTENCE  # "Leonard saw …", "Meridian is hiring …", "Leonard and Jim both love …"
    if k0 == "to":
        return Form.PLACE if nxt in lx.DETERMINERS else Form.PURPOSE
    if k0 == "because" or (
        k0 in ("since", "as", "given", "so")
        and (nxt in lx.SUBJECTS or nxt in lx.CONTRACTED_SUBJECTS or _clause_after(words, names, 1, names_only=True))
    ):
        return Form.CAUSE
    if k0 in lx.PREPOSITIONS:
        return Form.PLACE
    if k0 in lx.PEOPLE_PLURALS and nxt and nxt not in lx.PREPOSITIONS | lx.DETERMINERS | {"and", "or"}:
        return Form.SENTENCE  # "kids go to the same school"
    if k0 in lx.RELATION_VERBS and nxt and not comma and nxt not in lx.PREPOSITIONS | {"and", "or"}:
        return Form.VERB  # "mentors everyone", "coaches little league"
    if k0 in lx.RELATIONS:
        return Form.NOUN
    if k0 in lx.POSSESSIVES and _clause_after(words, names, 1):
        return Form.SENTENCE  # "our kids go to the same school"
    if k0 in lx.AUXILIARIES | lx.PLURAL_AUXILIARIES and nxt in ("you", "we", "they", "i"):
        return Form.SENTENCE  # a question: "would you be open to a call?"
    if k0 in lx.BASE_VERBS and not (nxt in lx.PREPOSITIONS and nxt in ("of", "for")) and nxt not in lx.RELATIONS:
        return Form.BASE  # "go way back", "play chess every Thursday", "compare notes on hiring"
    if k0 in ("the",) and nxt and is_superlative(words[1]) and len(words) > 2:
        return Form.SUPERLATIVE
    if k0 in lx.DETERMINERS or k0 in lx.NUMBERS or (k0[:1].isdigit() and "-" not in k0 and not k0.endswith("x")):
        return Form.OWN
    if k0[:1].isdigit():
        return Form.NOUN  # "20-year veteran", "3x founder"
    if is_superlative(words[0]):
        return Form.SUPERLATIVE
    if k0 in lx.AUXILIARIES or k0 in lx.PLURAL_AUXILIARIES:
        return Form.VERB
    if is_adverb(words[0]) and len(words) > 1:
        if len(words) == 2 and not is_finite(words[1]):
            return Form.STATE  # an adverb and one word: "never late", "quietly brilliant"
        rest = _form(words[1:], names)
        return {Form.NOUN: Form.NOUN, Form.VERB: Form.VERB, Form.PAST: Form.PAST}.get(rest, Form.STATE)
    if is_past(words[0]) or k0 in lx.IRREGULAR_PARTICIPLES:
        if k0 in lx.IRREGULAR_PARTICIPLES and k0 not in lx.IRREGULAR_PAST:
            return Form.STATE
        if k0 in lx.PAST_ACTIVE and nxt and not comma:
            return Form.PAST  # "worked at Google for ten years": what they did
        if not nxt or comma or nxt in lx.PREPOSITIONS or nxt in ("and", "or", "but") or is_adverb(words[1]):
            return Form.STATE if nxt not in ("up", "down", "out", "off") else Form.PAST
        return Form.PAST
    if is_gerund(words[0], nxt):
        if (
            not nxt
            or comma
            or nxt in lx.DETERMINERS
            or nxt in lx.PREPOSITIONS
            or nxt in lx.OBJECTS
            or nxt in lx.PARTICLES
            or (is_plural_noun(words[1]) and nxt not in lx.RELATIONS)  # "building robots", not "climbing buddies"
        ):
            return Form.DOING
        return Form.NOUN
    if is_third_person(words[0]):
        return Form.VERB
    if is_adjective(words[0]):
        if not nxt or comma or nxt in lx.PREPOSITIONS or nxt in ("and", "or", "but", "enough", "to"):
            return Form.STATE
        return Form.NOUN
    return Form.NOUN


def _clause_after(words: list[str], names: set[str], start: int, *, names_only: bool = False) -> bool:
    """Whether a verb follows the words from `start` on, past the rest of a subject: names, "and", "both",
    adverbs, a possessive and its noun ("Leonard and Jim both love …", "Jim's team needs …", "Jim's clinic and
    Leonard's practice could …"). With `names_only`, the subject must be a name ("so Leonard can …", not "so
    focused on …"). A word in -s at the very end is read as a noun ("Acme's best engineers")."""
    compound = False
    named = False
    noun_allowed = key(words[start - 1]).endswith("'s") or key(words[start - 1]) in lx.POSSESSIVES
    i = start
    while i < len(words):
        w = words[i]
        k = key(w)
        last = i + 1 == len(words)
        if k in ("and", "&", "both", "or"):
            compound, i = True, i + 1
            continue
        if k in names or (w[:1].isupper() and not names_only and k not in lx.AUXILIARIES):
            named, noun_allowed = True, k.endswith("'s")
            i += 1
            continue
        if names_only and not named:
            return False
        if is_adverb(w) and not last:
            i += 1
            continue
        if is_finite(w) and (not last or k in lx.AUXILIARIES or is_past(w)):
            return True
        if compound and not last and k not in lx.DETERMINERS and k not in lx.PREPOSITIONS:
            return True  # a plural subject takes the base form: "Leonard and Jim love sailing"
        if noun_allowed and not names_only:
            noun_allowed = False  # the noun after a possessive: "Jim's team", "our kids"
            compound = compound or is_plural_noun(w)  # a plural subject takes the base form: "our kids go"
            i += 1
            continue
        return False
    return False


def _classified(k: str) -> bool:
    """Whether a word reads as something other than a name when it opens a fragment."""
    return k in lx.ADJECTIVES or k in lx.RELATIONS or is_past(k) or is_gerund(k) or is_adverb(k)


# -- phrases --------------------------------------------------------------------------------------


def _head_end(words: list[str], start: int) -> int:
    """Where the noun phrase that starts at `start` ends: before a preposition, a clause or a comma."""
    j = start
    while j < len(words):
        if key(words[j]) in lx.NP_BOUNDARIES and j > start:
            break
        j += 1
        if words[j - 1].endswith(","):
            break
    return j


def one_of(fragment: Fragment) -> str:
    """A superlative as a modest claim: "best doctor I know" → "one of the best doctors I know"."""
    words = fragment.words
    start = 1 if key(words[0]) == "the" else 0
    i = start + 1
    if key(words[start]) in ("most", "least") and i < len(words):
        i += 1
    j = _head_end(words, i)
    if i >= len(words) or key(words[i]) in lx.NP_BOUNDARIES or j == i:
        return "the " + " ".join(words[start:])  # "best at negotiation", "kindest"
    h = j - 1
    while h > i and not any(ch.isalpha() for ch in words[h]):
        h -= 1  # the head is a word, not an emoji beside it
    head = words[h]
    if not any(ch.isalpha() for ch in head) or not _latin(head):
        return "the " + " ".join(words[start:])
    comma = "," if head.endswith(",") else ""
    return " ".join(["one of the", *words[start:h], plural(head.rstrip(",")) + comma, *words[h + 1 :]])


def head_of(fragment: Fragment) -> str:
    """The head noun of a noun phrase: "knack" of "a knack for numbers" (a word, not an emoji beside it)."""
    words = fragment.words
    h = max(_head_end(words, 0) - 1, 0)
    while h > 0 and not any(ch.isalpha() for ch in words[h]):
        h -= 1
    return words[h].rstrip(",")


def _proper(text: str) -> bool:
    """A name of a place, school or firm: every word capitalised ("Brookline High", "St. Brendan's")."""
    return all(
        w[:1].isupper() or not w[:1].isalpha() for w in text.split(" ") if key(w) not in ("of", "&", "and", "the")
    )


@dataclass(frozen=True)
class Predicate:
    """What is said of a subject: `be` (is …), `have` (has …) or `verb` (a verb phrase in its own tense)."""

    kind: str
    text: str
    nominal: bool = False  # a `be` that names what someone is ("an MBA"), not how they are ("kind")


def predicate(fragment: Fragment) -> Predicate | None:
    """What a highlight says of the person (None for a whole sentence, which stands alone)."""
    f, text = fragment.form, fragment.text
    if f is Form.SENTENCE or f is Form.CAUSE:
        return None
    if f is Form.VERB:
        first, _, rest = text.partition(" ")
        k = key(first)
        if k in ("is",) and rest:
            return Predicate("be", rest)
        verb_next = next((w for w in rest.split(" ") if not is_adverb(w)), "")
        if k in ("has",) and rest and not is_participle(verb_next):
            return Predicate("have", rest)  # "has a knack for…"; "has never missed…" is a verb
        return Predicate("verb", singular(text))
    if f is Form.PAST:
        if key(fragment.words[0]) in lx.PASSIVE_IN_PRAISE:
            return Predicate("verb", "was " + text)  # "promoted twice in a year": it was done to them
        return Predicate("verb", text)
    if f is Form.SUPERLATIVE:
        return Predicate("be", one_of(fragment), nominal=True)
    if f is Form.STATE:
        if key(fragment.words[0]) in lx.PASSIVE_IN_PRAISE | {"born", "raised"}:
            return Predicate("verb", "was " + text)
        return Predicate("be", text)
    if f in (Form.PLACE, Form.DOING):
        return Predicate("be", text)
    if f is Form.PURPOSE:
        return Predicate("verb", "wants " + text)
    if f is Form.BASE:
        first, _, rest = text.partition(" ")
        return Predicate("verb", f"{third_person(first)} {rest}".strip())
    if len(fragment.words) == 1 and key(text).startswith(("ex-", "former-")) and len(text) > 3:
        # "ex-google": where they were, not what they are ("an ex-google")
        return Predicate("verb", f"used to work at {proper(text.split('-', 1)[1], acronyms=True)}")
    head_word = head_of(fragment)
    head = key(head_word)
    plural_head = is_plural_noun(head_word)
    if head in lx.HAVE_HEADS or (plural_head and head not in lx.RELATIONS and f is Form.NOUN):
        # Had, not been: "a knack for numbers", "great instincts", "a PhD in physics", "boundless energy".
        bare = f is Form.OWN or plural_head or head in lx.MASS_HAVE or not _latin(text)
        return Predicate("have", text if bare else with_article(text))
    if f is Form.OWN or head in lx.MASS_HEADS or not _latin(text):
        return Predicate("be", text, nominal=True)
    return Predicate("be", with_article(text), nominal=True)


def _latin(text: str) -> bool:
    """Whether a phrase opens with a Latin letter or a digit (English articles go before those only)."""
    first = next((ch for ch in text if ch.isalnum()), "")
    return bool(first) and (first.isdigit() or (first.isascii() or "LATIN" in _char_name(first)))


def _char_name(ch: str) -> str:
    import unicodedata

    return unicodedata.name(ch, "")


@dataclass(frozen=True)
class Subject:
    """Whom a sentence is about: a name, or pronouns (then "he's", "they run")."""

    name: str
    pronouns: Pronouns | None = None

    @property
    def word(self) -> str:
        return self.pronouns.subject if self.pronouns else self.name

    @property
    def plural(self) -> bool:
        return bool(self.pronouns and self.pronouns.plural)

    def be(self) -> str:
        return self.pronouns.be() if self.pronouns else f"{self.name} is"

    def has(self) -> str:
        return self.pronouns.has() if self.pronouns else f"{self.name} has"

    @property
    def object(self) -> str:
        return self.pronouns.object if self.pronouns else self.name

    @property
    def possessive(self) -> str:
        if self.pronouns and self.pronouns.possessive:
            return self.pronouns.possessive
        return f"{self.name}'" if self.name.endswith("s") else f"{self.name}'s"


def with_also(text: str) -> str:
    """Where "also" goes in a predicate: "is also one of…", "can also read…", "also asks…"."""
    first, _, rest = text.partition(" ")
    if key(first) in lx.AUXILIARIES | lx.PLURAL_AUXILIARIES and rest:
        return f"{first} also {rest}"
    return "also " + text


def clause(subject: Subject, predicates: Sequence[Predicate], *, also: bool = False, appositive: bool = False) -> str:
    """One sentence about a subject from its predicates, grouped: "He's A and B, has C and runs D". With
    `appositive`, what the subject is goes beside the name when more follows: "Marcus, a cardiologist and one
    of the best doctors I know, is kind and runs the best supper club in town"."""
    nominal = [p for p in predicates if p.kind == "be" and p.nominal]
    if appositive and not subject.pronouns and nominal and len(nominal) < len(predicates):
        rest = clause(Subject("", None), [p for p in predicates if p not in nominal], also=also).strip()
        return f"{subject.name}, {join([p.text for p in nominal])}, {rest}"
    groups: list[str] = []
    be = [p.text for p in predicates if p.kind == "be"]
    have = [p.text for p in predicates if p.kind == "have"]
    verbs = [agree(p.text, subject.plural) for p in predicates if p.kind == "verb"]
    if be:
        groups.append(("are " if subject.plural else "is ") + join(be))
    if have:
        # Possession takes "also" before it: "she also has a PhD" (not "has also a PhD").
        had = ("have " if subject.plural else "has ") + join(have)
        groups.append(("also " + had) if also and not be else had)
        also = also and bool(be)
    groups.extend(verbs)
    if not groups:
        return ""
    if also:
        groups[0] = with_also(groups[0])
    body = join(groups)
    if subject.pronouns:
        if body.startswith("is "):
            return f"{subject.pronouns.subject}'s {body[3:]}"
        if body.startswith("are "):
            return f"{subject.pronouns.subject}'re {body[4:]}"
    return f"{subject.word} {body}" if subject.word else body


# -- dates ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class When:
    """The phrases a partial date reads as, from a given day: "in 2019", "since May 2019", "a few years ago"."""

    at: str  # "in 1998", "in May 2019", "on 14 May 2019", "this year"
    since: str  # "since 1998", "for almost thirty years"
    ago: str | None  # "almost thirty years ago" for a year long past; None otherwise
    long_ago: bool


_MONTHS = list(calendar.month_name)[1:]
LONG_AGO_YEARS = 10


def when(date, today: dt.date) -> When:
    """Read a PartialDate (year, year and month, or day) as a person says it, `today` being the day of writing."""
    year, month, day = date.year, date.month, date.day
    if month and day:
        said = f"{day} {_MONTHS[month - 1]}" + ("" if year == today.year else f" {year}")
        at = f"on {said}"
        since = f"since {said}"
    elif month:
        said = _MONTHS[month - 1] + ("" if year == today.year else f" {year}")
        at, since = f"in {said}", f"since {said}"
    elif year == today.year:
        at, since = "this year", "since earlier this year"
    elif year == today.year - 1:
        at, since = "last year", "since last year"
    else:
        at, since = f"in {year}", f"since {year}"
    years = today.year - year
    long_ago = month is None and years >= LONG_AGO_YEARS
    ago = None
    if long_ago:
        span = _span(years)
        ago, since = f"{span} ago", f"for {span}"
    return When(at, since, ago, long_ago)


def _span(years: int) -> str:
    """A span of years as a person rounds it: "over ten years", "almost thirty years", "twenty years"."""
    words = _engine().number_to_words
    five = 5 * (years // 5)
    if years % 5 == 0:
        return f"{words(years)} years"
    if years % 5 <= 2:
        return f"over {words(five)} years"
    return f"almost {words(five + 5)} years"


def tells_the_past(text: str) -> bool:
    """Whether a clause tells of something past: its first verb (after the subject) is in the past tense
    ("she married my brother", "we were introduced by Carla"), not the present ("our kids go to …")."""
    words = text.split(" ")
    for i, w in enumerate(words[1:], 1):
        k = key(w)
        if k in ("was", "were") and i + 1 < len(words):
            return is_past(words[i + 1])  # "we were introduced" tells of then; "we were neighbours" of a time
        if is_past(w) and k not in ("was", "were", "had"):
            return True
        if is_finite(w) or k in lx.BASE_VERBS or k in lx.PLURAL_AUXILIARIES:
            return False
    return False


def has_time(fragment: Fragment) -> bool:
    """Whether a fragment already says when ("in 2019", "years ago", "since school"); a closing "ever since"
    or "since then" says only that it lasted."""
    keys = fragment.keys
    for i, k in enumerate(keys):
        if k in ("since", "once", "back", "when") and (i == len(keys) - 1 or keys[i + 1] == "then"):
            continue
        if k in lx.TIME_WORDS or (k.isdigit() and len(k) == 4):
            return True
    return False


# -- a reason, turned toward its reader --------------------------------------------------------------


def without_greeting(text: str, names: Iterable[str]) -> str:
    """Text without a name that opens it as a greeting: "Jim, Leonard is the doctor you need" → "Leonard is …"."""
    forms = sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)
    if not forms:
        return text
    alternatives = "|".join(re.escape(f) for f in forms)
    return re.sub(rf"^\s*(?:{alternatives})\s*[,:–—-]\s+", "", text, flags=re.IGNORECASE)


def _other_names(text: str, names: Iterable[str], allowed: Iterable[str]) -> bool:
    """Whether a text names someone other than the reader and the other person, so that a "her" in it might
    be theirs: a capitalised word that is neither's name and reads as a person's — one with a possessive,
    or one a verb or "and" follows ("Dan and her team", "Dan's sister", "Dan wants …"; not "Series A terms",
    "at Google")."""
    known = {key(w) for n in (*names, *allowed) for w in n.split()} | {"you", "your", "i"}
    words = text.split(" ")
    for i, w in enumerate(words):
        k = key(w)
        base = k.removesuffix("'s")
        if not w[:1].isupper() or w.isupper() or len(base) < 2 or base in known or k in lx.CAPITALISED:
            continue
        if base in lx.SUBJECTS | lx.DETERMINERS or k in lx.CONTRACTED_SUBJECTS or base in lx.PREPOSITIONS:
            continue
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if k.endswith("'s") or key(nxt) in ("and", "or") or (nxt and is_finite(nxt)):
            return True
    return False


def _agree_after(words: list[str], at: int) -> None:
    """Make the verbs of a clause whose subject became "you" agree with it, in place: the first ("you are
    launching …") and those joined to it by "and" ("… and want him as a guest"), up to the clause's end."""
    i = at
    first = True
    while i < len(words):
        w = words[i]
        if first or (i > 0 and key(words[i - 1]) == "and"):
            if is_third_person(w):
                words[i] = _keep_case(w, _engine().plural_verb(key(w))) + w[len(w.rstrip(".,;:!?")) :]
            first = False
        if w.endswith((".", ";", "!", "?")):
            break
        i += 1


def _pronouns_toward(text: str, pronouns: Pronouns) -> str:
    """A text about the reader, by their pronouns only, made to speak to them: "she's launching a podcast"
    → "you're launching a podcast", "ask her about hosting one" → "ask you about …", "her club" → "your club"."""
    subject, obj, poss = pronouns.subject, pronouns.object, pronouns.possessive
    words = text.split(" ")
    out: list[str] = []
    for i, w in enumerate(words):
        k = key(w)
        nxt = words[i + 1] if i + 1 < len(words) else ""
        cap = w[:1].isupper()
        lead = w[: len(w) - len(w.lstrip("\"'(“‘"))]
        trail = w[len(w.rstrip(".,;:!?\"')”’")) :]
        said: str | None = None
        if k == f"{subject}'s" or k == f"{subject}'re":
            said = "you're"
        elif k == subject:
            said = "you"
            _agree_after(words, i + 1)
        elif poss and k == poss and obj != poss:
            said = "your"
        elif k == obj:
            follows = key(nxt)
            noun_next = (
                bool(follows)
                and not trail
                and follows not in lx.PREPOSITIONS | lx.DETERMINERS | {"and", "or"}
                and not is_adverb(nxt)
            )
            said = "your" if (obj == poss and noun_next) else "you"
        if said is None:
            out.append(w)
        else:
            out.append(lead + (said.capitalize() if cap else said) + trail)
    return " ".join(out)


def name_for_pronoun(text: str, pronouns: Pronouns, name: str) -> str:
    """A subject pronoun opening the text or a clause ("he's moving", "… and he is looking") said as the
    name, its verb made singular where the pronoun was plural ("they are thinking" → "Sofia is thinking")."""
    words = text.split(" ")
    for i, w in enumerate(words):
        k = key(w)
        opens = i == 0 or key(words[i - 1]) in lx.CLAUSE_OPENERS or words[i - 1].endswith((",", ";", "."))
        if not opens:
            continue
        lead = w[: len(w) - len(w.lstrip("\"'(“‘"))]
        if k == pronouns.subject:
            words[i] = lead + name
            if pronouns.plural and i + 1 < len(words):
                words[i + 1] = singular(words[i + 1]) if key(words[i + 1]) in _SINGULAR_OF else _third(words[i + 1])
        elif k in (f"{pronouns.subject}'s", f"{pronouns.subject}'re", f"{pronouns.subject}'ve"):
            nxt = words[i + 1] if i + 1 < len(words) else ""
            has = k.endswith("'ve") or (is_participle(nxt) and key(nxt) not in lx.ADJECTIVES)
            words[i] = lead + f"{name} {'has' if has else 'is'}"  # "he's moving" → "Tom is moving"
    return " ".join(words)


def _third(word: str) -> str:
    """A base-form verb after a plural subject, made to follow a singular name: "think" → "thinks"."""
    k = key(word)
    return third_person(word) if k in lx.BASE_VERBS else word


def toward(
    text: str,
    names: Iterable[str],
    *,
    pronouns: Pronouns | None = None,
    others: Pronouns | None = None,
    others_names: Iterable[str] = (),
) -> str:
    """Text about the reader made to speak to them: "Jim's posting" → "your posting", "from Jim" → "from you",
    "Jim is hiring" → "you're hiring", and after that, their own pronouns in the same sentence ("Jim has an
    opening on his team" → "… on your team") unless `others` (the other person's) are the same words.
    A name opening the text as a greeting ("Jim, …") goes. Longer names are matched first; "I" and "my" stay."""
    forms = sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)
    if not forms:
        return text
    alternatives = "|".join(re.escape(f) for f in forms)
    text = without_greeting(text, forms)
    pattern = re.compile(rf"(?<![\w'’-])({alternatives})(['’]s\b)?(?![\w-])", re.IGNORECASE)
    out: list[str] = []
    pos = 0
    subject_at: int | None = None  # where the reader became the subject of a clause
    named_at: int | None = None  # where the reader was first named
    for m in pattern.finditer(text):
        out.append(text[pos : m.start()])
        pos = m.end()
        if m.group(2):
            out.append("your")
            named_at = named_at if named_at is not None else len("".join(out))
            continue
        before = "".join(out).rstrip()
        prior = key(before.rsplit(" ", 1)[-1]) if before else ""
        at_start = not before or before.endswith((".", "!", "?", ":", ";", ","))
        rest = text[pos:]
        stripped = rest.lstrip()
        gap = rest[: len(rest) - len(stripped)]
        following = stripped.split(" ", 1)[0] if stripped else ""
        if (at_start or prior in lx.CLAUSE_OPENERS) and following and is_finite(following):
            verb = key(following)
            agreed = _engine().plural_verb(verb) if is_third_person(following) else verb
            after = stripped[len(following) :].lstrip().split(" ", 1)[0]
            if agreed == "are":
                out.append("you're")
            elif agreed == "have" and after and is_participle(after):
                out.append("you've")
            else:
                out.append("you" + gap + agreed)
            pos += len(gap) + len(following)
            subject_at = len("".join(out))
            named_at = named_at if named_at is not None else subject_at
            continue
        out.append("you")
        named_at = named_at if named_at is not None else len("".join(out))
    out.append(text[pos:])
    result = "".join(out)
    if (
        pronouns is not None
        and not (others and others.subject == pronouns.subject)
        and not _other_names(result, names, others_names)
    ):
        # No one else here could be meant by the reader's pronouns: after they are named (or throughout,
        # where they are not), "she", "her", "him" speak to them.
        start = named_at or 0
        return result[:start] + _pronouns_toward(result[start:], pronouns)
    if subject_at is not None and pronouns is not None and not (others and others.possessive == pronouns.possessive):
        head, tail = result[:subject_at], result[subject_at:]
        cut = re.search(r"[.!?;]", tail)
        clause, rest = (tail[: cut.start()], tail[cut.start() :]) if cut else (tail, "")
        for word, said in ((pronouns.possessive, "your"), (pronouns.object, "you")):
            if word and word not in ("you", "your"):
                clause = re.sub(rf"\b{re.escape(word)}\b", said, clause)
        result = head + clause + rest
    return result
