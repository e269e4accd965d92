"""Text rules shared by the store and the CLI: handles, name keys, e-mail and URL forms."""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import unquote, urlsplit

from .errors import BadInput

HANDLE_MAX = 48
RESERVED_HANDLES = frozenset({"me"})
_HANDLE_RE = re.compile(r"^[^\s/\\]+$")
_WS = re.compile(r"\s+")
# Bidi embedding/override/isolate controls: legitimate RTL text never needs them, spoofing does.
_BIDI_CONTROLS = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F}


def clean_input(text: str) -> str:
    """Trim and NFC-normalise text the user typed; keep every character they meant."""
    if text.isascii():  # NFC leaves ASCII as it is: most of what an import reads
        return text.strip()
    return unicodedata.normalize("NFC", text).strip()


_DIACRITICS = dict.fromkeys(range(0x0300, 0x0370))  # the Combining Diacritical Marks block, all Mn
_BEYOND_DIACRITICS = re.compile("[^\x00-\u036f]")


def _strip_latin_marks(text: str) -> str:
    # Accents on Latin/Greek/Cyrillic letters go (José -> jose); marks that carry meaning in
    # other scripts (Devanagari vowel signs, Thai tones) stay.
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed and not _BEYOND_DIACRITICS.search(decomposed):
        # Latin letters and diacritics only (the usual accented name): each mark follows a letter or
        # a mark below U+0530, so every one goes but a mark that opens the text.
        return unicodedata.normalize("NFC", decomposed[0] + decomposed[1:].translate(_DIACRITICS))
    return _strip_marks_by_char(decomposed)


def _strip_marks_by_char(decomposed: str) -> str:
    out: list[str] = []
    for ch in decomposed:
        if unicodedata.category(ch) == "Mn" and out and ord(out[-1]) < 0x0530:
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


_ASCII_SLUG = re.compile(r"[^a-z0-9]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_WORD = re.compile(r"[^\W_]+")
_DASHES = re.compile(r"-+")


def slugify(name: str) -> str:
    """Return the handle stem for a name: lowercase words joined by '-', in any script."""
    if name.isascii():
        slug = _ASCII_SLUG.sub("-", name.lower()).strip("-")
        if len(slug) <= HANDLE_MAX:
            return slug or "person"
    text = _strip_latin_marks(name).casefold()
    if text.isascii():  # José Núñez: the accents gone, the ASCII rule applies
        slug = _ASCII_SLUG.sub("-", text).strip("-")
        if len(slug) <= HANDLE_MAX:
            return slug or "person"
    out: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch.isalnum() or (cat in ("Mn", "Mc") and out and out[-1] != "-"):  # a mark needs a letter to mark
            out.append(ch)
        else:
            out.append("-")
    slug = _DASHES.sub("-", "".join(out)).strip("-")
    if len(slug) > HANDLE_MAX:
        cut = slug[:HANDLE_MAX]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[HANDLE_MAX // 2 :] else cut
        slug = slug.strip("-")
    return slug or "person"


def claim_handle(stem: str, taken: set[str]) -> str:
    """The first free handle for a stem (`ann-lee`, `ann-lee-2`, …), added to `taken`: bulk paths keep
    the set of every handle ever issued in memory and claim from it."""
    handle, n = stem, 2
    while handle in taken or handle in RESERVED_HANDLES:
        handle, n = f"{stem}-{n}", n + 1
    taken.add(handle)
    return handle


def check_handle(handle: str) -> str:
    """Validate a handle the user chose."""
    h = clean_input(handle)
    if not h or not _HANDLE_RE.match(h) or h != slugify(h) or h.startswith("-"):
        raise BadInput(
            f"handle '{handle}' is not valid: use lowercase letters, digits and '-' (e.g. {slugify(handle)})"
        )
    return h


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Key for exact, case-insensitive name matching."""
    if name.isascii():  # NFKC leaves ASCII alone, and casefold is lower
        return " ".join(name.lower().split())
    return _WS.sub(" ", unicodedata.normalize("NFKC", name).casefold()).strip()


@functools.lru_cache(maxsize=65536)
def name_fold(name: str) -> str:
    """Looser key for duplicate detection: no accents, no punctuation, word order kept."""
    if name.isascii():
        return " ".join(_ASCII_WORD.findall(name.lower()))
    text = _strip_latin_marks(unicodedata.normalize("NFKC", name)).casefold()
    words = _WORD.findall(text)
    return " ".join(words)


# For many plain ASCII names at once: what str.split() splits at (bar \n, which separates the names),
# and what is not a word character, both turned into spaces by str.translate; then runs of spaces go.
_ASCII_SPACES = str.maketrans(dict.fromkeys("\t\x0b\x0c\r\x1c\x1d\x1e\x1f", " "))
_ASCII_NON_WORD = str.maketrans(dict.fromkeys((c for c in map(chr, range(128)) if not c.isalnum() and c != "\n"), " "))
_SPACE_RUNS = re.compile("  +")


def name_forms(names: list[str]) -> list[tuple[str, str, str]]:
    """Return (name_key, name_fold, slugify) of each name; plain ASCII names are done in one pass over their
    joined text, many times faster than name by name when there are thousands."""
    plain = [i for i, n in enumerate(names) if n.isascii() and "\n" not in n]
    out: list = [None] * len(names)
    if plain:
        lowered = "\n".join([names[i] for i in plain]).lower()
        keys = map(str.strip, _SPACE_RUNS.sub(" ", lowered.translate(_ASCII_SPACES)).split("\n"))
        folds = list(map(str.strip, _SPACE_RUNS.sub(" ", lowered.translate(_ASCII_NON_WORD)).split("\n")))
        stems = "\n".join(folds).replace(" ", "-").split("\n")
        for j, size in enumerate(map(len, stems)):
            if not 0 < size <= HANDLE_MAX:  # no word at all, or too long: the general rule decides
                stems[j] = slugify(names[plain[j]])
        if len(plain) == len(names):
            return list(zip(keys, folds, stems, strict=True))
        for i, forms in zip(plain, zip(keys, folds, stems, strict=True), strict=True):
            out[i] = forms
    for i, form in enumerate(out):
        if form is None:
            name = names[i]
            out[i] = (name_key(name), name_fold(name), slugify(name))
    return out


def normalise_email(email: str) -> str:
    """Return an e-mail address in its stored, comparable form; refuse what is not one."""
    e = clean_input(email)
    if e.lower().startswith("mailto:"):
        e = e[7:]
    if e.count("@") != 1 or e.startswith("@") or e.endswith("@") or _WS.search(e):
        raise BadInput(f"e-mail '{email}' is not an address (expected name@domain)")
    local, domain = e.split("@")
    return f"{local}@{domain.lower()}"


def email_key(email: str) -> str:
    return email.casefold()


_PROFILE = re.compile(r"^(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/in/([^/?#\s]+)/?$", re.IGNORECASE)


def normalise_linkedin(url: str) -> str:
    """Return the canonical form of a LinkedIn profile URL: `https://www.linkedin.com/in/slug`."""
    m = _PROFILE.match(url.strip())
    if m:  # the common shape, fast
        return f"https://www.linkedin.com/in/{unquote(m[1]).lower()}"
    raw = clean_input(url)
    if not raw:
        raise BadInput("LinkedIn URL is empty")
    text = raw if "://" in raw else "https://" + raw
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:  # e.g. '[x': an unclosed IPv6 host
        raise BadInput(f"'{printable(url)}' is not a LinkedIn URL (expected linkedin.com/in/...)") from None
    if not (host == "linkedin.com" or host.endswith(".linkedin.com")):
        raise BadInput(f"'{url}' is not a LinkedIn URL (expected linkedin.com/in/...)")
    path = unquote(parts.path).rstrip("/")
    if not path or path == "/in":
        raise BadInput(f"'{url}' has no profile path (expected linkedin.com/in/...)")
    segs = [s for s in path.split("/") if s]
    if len(segs) >= 2 and segs[0].lower() in ("in", "pub"):
        path = f"/{segs[0].lower()}/{segs[1].lower() if segs[0].lower() == 'in' else '/'.join(segs[1:])}"
    return f"https://www.linkedin.com{path}"


def has_name(text: str) -> bool:
    """Whether text can be someone's name: it holds a letter or a digit (LinkedIn writes '- -' for a member
    whose name it withholds; a row of dashes or dots is a placeholder, not a person)."""
    return any(ch.isalnum() for ch in text)


def looks_like_url(text: str) -> bool:
    t = text.lower()
    return "linkedin.com/" in t or t.startswith(("http://", "https://"))


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


def has_control(text: str, *, allow_newlines: bool = False) -> bool:
    """Whether text holds a control character or a lone surrogate (bytes that were not UTF-8); tabs and
    line breaks count unless `allow_newlines`."""
    return bool((_CONTROL if allow_newlines else _CONTROL_OR_BREAK).search(text))


_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogates(text: str) -> bool:
    """Whether text holds lone surrogates: bytes that were not UTF-8 (an argument, a file read leniently)."""
    return bool(_SURROGATE.search(text))


_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + "".join(chr(c) for c in sorted(_BIDI_CONTROLS)) + "]"
)


def printable_all(texts: list[str]) -> list[str]:
    """printable() of each text; when none needs it (nearly always), one scan in C over them all."""
    if not _UNPRINTABLE.search("".join(texts)):
        return texts
    return [printable(t) for t in texts]


def printable(text: str) -> str:
    """Neutralise control characters so text prints literally and cannot drive the terminal: a control
    character as `\\xNN`, a bidi control as `\\uNNNN`, and a byte that was not UTF-8 (Python holds it as a
    lone surrogate, U+DC80–U+DCFF) as the byte typed, `\\xNN`."""
    if not _UNPRINTABLE.search(text):
        return text  # nearly always: one scan in C instead of a loop over characters
    out: list[str] = []
    for ch in text:
        o = ord(ch)
        if ch in "\n\t":
            out.append(ch)
        elif o < 0x20 or 0x7F <= o <= 0x9F:
            out.append(f"\\x{o:02x}")
        elif 0xDC80 <= o <= 0xDCFF:
            out.append(f"\\x{o - 0xDC00:02x}")
        elif o in _BIDI_CONTROLS or 0xD800 <= o <= 0xDFFF:
            out.append(f"\\u{o:04x}")
        else:
            out.append(ch)
    return "".join(out)


# -- counts in messages ---------------------------------------------------------------------------------

_IRREGULAR = {
    "person": "people",
    "it": "they",
    "this": "these",
    "that": "those",
    "was": "were",
    "is": "are",
    "has": "have",
}


def noun(n: int, word: str, many: str | None = None) -> str:
    """`word` in the number `n` asks for: 'person' for 1, 'people' otherwise ('e-mail'/'e-mails',
    'entry'/'entries', 'address'/'addresses'); `many` where the plural is none of these."""
    if n == 1:
        return word
    if many is not None:
        return many
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def counted(n: int, word: str, many: str | None = None) -> str:
    """A count and its noun, as every message that counts says it: '1 person', '3,716 people', '0 links'."""
    return f"{n:,} {noun(n, word, many)}"


def size_text(n: int) -> str:
    """A size in bytes as people say it: '812 bytes', '3.4 MB', '1.7 GB'."""
    unit = next(((u, scale) for u, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)) if n >= scale), None)
    return f"{n / unit[1]:.1f} {unit[0]}" if unit else counted(n, "byte")
