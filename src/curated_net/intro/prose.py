"""The paragraphs of a draft, composed from one person's facts (see `english` for the grammar).

A paragraph introduces a person to a reader the way the seeds' Jim and Leonard note does: how we know
each other and since when, what stands out, a nickname among friends; then a closing word to the person
being reached. Every fact is used once, where it fits. With no pronouns recorded, everything said about
the person goes into one sentence, so their name appears at most twice in the paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..dates import PartialDate, load_partial_date
from . import english as en
from . import lexicon as lx
from .english import Form, Fragment, Predicate, Pronouns, Subject

CLOSE = ("friend", "family")
WORK = ("client", "colleague", "business-partner")
# Which evidence says best how we met, when no how-we-met was written down.
_HOW_ORDER = ("met-in-person", "classmate", "colleague", "business-partner", "client", "family", "friend")


@dataclass
class Person:
    """What a draft may say of one person: stored facts only, read into fragments."""

    handle: str
    name: str
    first: str
    nickname: str | None
    pronouns: Pronouns | None
    how: Fragment | None
    met: PartialDate | None
    evidence: list[dict]
    highlights: list[Fragment]
    title: str | None = None
    company: str | None = None
    location: str | None = None
    names: tuple[str, ...] = ()
    close: bool = field(init=False)

    def __post_init__(self) -> None:
        self.close = any(e["criterion"] in CLOSE for e in self.evidence)

    @property
    def call(self) -> str:
        """What I call them in a note: the nickname among close friends, else the first name."""
        return self.nickname if (self.close and self.nickname) else self.first

    @property
    def subject(self) -> Subject:
        return Subject(self.first, self.pronouns)


def role(title: str | None, company: str | None) -> str | None:
    """A job as a predicate: "the CFO at Harbor", "an Attending Physician at St. Brendan's", "the founder of
    Fischer & Sons", "at Acme"."""
    if title and company:
        of = en.key(title.split(" ")[-1]) in lx.OF_ROLES or en.key(title.split(" ")[0]) in lx.OF_ROLES
        return f"{title_article(title)} {title} {'of' if of else 'at'} {company}"
    if company:
        return f"at {company}"
    if title:
        return f"{title_article(title)} {title}"
    return None


def title_article(title: str) -> str:
    """The article before a job title: "the CFO" (there is one), "an Attending Physician", "a Designer"."""
    word = en.key(title.split(" ", 1)[0])
    if word in lx.UNIQUE_ROLES:
        return "the"
    return en.with_article(title).split(" ", 1)[0]


# -- what we know of each other ------------------------------------------------------------------


@dataclass
class Said:
    """One thing a paragraph says: a clause about us ("we went to school together"), a predicate of the
    person ("a good friend"), a whole sentence, or a memory ("our conversation about …")."""

    kind: str  # "we", "i", "them", "pred", "sentence"
    text: str = ""
    predicate: Predicate | None = None
    words: frozenset[str] = frozenset()
    dated: bool = False  # it says when already ("since 2019")
    joined: bool = False  # said already, joined to the how-we-met sentence


def _content(text: str) -> frozenset[str]:
    """The words that carry what a text says, cut to their first five letters ("rebuilt" and "rebuild" agree)."""
    return frozenset(k.removesuffix("'s")[:5] for k in (en.key(w) for w in text.split()) if k and k not in lx.STOP)


# The content words (as `_content` cuts them) a tie says by itself: a detail made only of them adds nothing.
_TIE_WORDS = {
    "colleague": frozenset({"worke", "work", "colle", "toget", "job"}),
    "classmate": frozenset({"studi", "study", "class", "toget"}),
    "business-partner": frozenset({"busin", "partn", "worke", "work", "toget"}),
    "client": frozenset({"clien", "worke", "work", "toget"}),
    "friend": frozenset({"frien", "good"}),  # "close" is news: how close we are
    "family": frozenset({"famil"}),
}


def _nothing_new(text: str, criterion: str | None, said: frozenset[str]) -> bool:
    """Whether a detail (or, with no criterion, a place) only repeats what was said: its own words, or what it
    adds beyond the tie's words ("we worked at Initech" adds nothing to "colleagues at Initech")."""
    words = _content(text)
    news = words - _TIE_WORDS.get(criterion or "", frozenset())
    return not news or _covered(news, said) or _covered(words, said)


def _covered(words: frozenset[str], said: frozenset[str]) -> bool:
    """Whether what a piece of text says has been said already (more than half its content words)."""
    return bool(words) and len(words & said) * 2 > len(words)


def _who_did(fragment: Fragment, p: Person) -> str:
    """Who a past or present verb phrase is about: "hired my team" (them), "sat next to her" (I), else we."""
    keys = set(fragment.keys)
    if keys & lx.MY_WORDS and not keys & lx.OUR_WORDS:
        return "them"
    objects = {"him", "her", "them", "xem", "zir", "em", "faer", "ver"}
    if p.pronouns:
        objects.add(p.pronouns.object)
    if keys & objects and not keys & lx.OUR_WORDS:
        return "i"
    return "we"


def _at_place(text: str) -> str:
    """A place as it follows "we met": "at PyCon", "on a sailing trip", "in Lisbon" (a typed preposition kept)."""
    f = en.read(text)
    if f is None:
        return ""
    if f.form is Form.PLACE:
        return f.text
    head = en.key(en.head_of(f))
    return ("on " if head in lx.ON_PLACES else "at ") + f.text


def _object(fragment: Fragment) -> str:
    """A noun phrase as the object of "from"/"about": the article it needs, none for names, plurals, masses."""
    text = fragment.text
    if fragment.form is not Form.NOUN:
        return text
    head = en.head_of(fragment)
    if (
        en._proper(text)
        or en.key(text) in lx.BARE_PLACES
        or en.is_plural_noun(head)
        or en.key(head) in lx.MASS_HEADS
        or en.key(head).endswith(("ics", "ism"))
        or en.is_gerund(head)
    ):
        return text
    return en.with_article(text)


def how_we_met(p: Person) -> Said | None:
    """How we know each other, from the how-we-met text as typed."""
    f = p.how
    if f is None:
        return None
    words = _content(f.text)
    form = f.form
    if f.keys[0] == "both" and len(f.keys) > 1 and f.keys[1] != "of":
        # "both on the board of the food bank": we're both on …; "both love sailing": we both love …
        nxt, after = f.words[1], (f.words[2] if len(f.words) > 2 else "")
        state = f.keys[1] in lx.PREPOSITIONS or en.is_adjective(nxt) or en.is_gerund(nxt, after)
        rest = " ".join(f.words[1:])
        return Said("we", ("we're both " if state else "we both ") + rest, words=words)
    if f.keys[0] in lx.PEOPLE_PLURALS and len(f.keys) > 1 and f.keys[1] not in lx.PREPOSITIONS:
        return Said("sentence", en.finish("our " + f.text), words=words)  # "kids go to the same school"
    if form is Form.SENTENCE:
        return Said("sentence", f.sentence(), words=words)
    if form in (Form.PAST, Form.VERB):
        who = _who_did(f, p)
        verb = next((w for w in f.words if not en.is_adverb(w)), "")
        if form is Form.VERB and en.is_third_person(verb):
            who = "them"  # "runs the supper club I go to": said of them, whatever else it holds
        if who == "them":
            return Said("them", predicate=Predicate("verb", en.singular(f.text)), words=words)
        return Said(who, ("I " if who == "i" else "we ") + f.text, words=words)
    if form is Form.PLACE:
        k0 = f.keys[0]
        verb = {"from": "we know each other", "since": "we've known each other", "like": "we're"}.get(k0, "we met")
        return Said("we", f"{verb} {f.text}", words=words)
    if form is Form.DOING:
        return Said("we", f"we met while {f.text}", words=words)
    if form is Form.BASE:
        return Said("we", f"we {f.text}", words=words)  # "go way back"
    if len(f.keys) == 1 and f.keys[0] in lx.HOW_ADVERBS:
        return Said("we", f"we met {f.text}", words=words)  # "online"
    if form in (Form.CAUSE, Form.PURPOSE):
        return Said("we", f"we know each other {f.text}", words=words)
    if form is Form.STATE and en.is_past(f.words[0]) and (len(f.keys) < 2 or f.keys[1] != "by"):
        if _who_did(f, p) == "them":  # "used to sit next to me at Initech": they did, to me
            return Said("them", predicate=Predicate("verb", f.text), words=words)
        return Said("we", f"we {f.text}", words=words)  # "met on vacation": an event, not a state
    if form is Form.STATE:
        return Said("we", f"we were {f.text}", words=words)
    head = en.key(en.head_of(f))
    if head in lx.RELATIONS:
        if en.is_plural_noun(en.head_of(f)) or form is Form.SUPERLATIVE:
            return Said("we", f"{_we_are(f)} {f.text}", words=words)
        return Said("pred", predicate=Predicate("be", _relation(f), nominal=True), words=words)
    return Said("we", f"we know each other from {_object(f)}", words=words)


def _we_are(f: Fragment) -> str:
    """The verb for "we" and a plural relation: "we have mutual friends", "we're cousins", "we're old
    friends", "we've been friends since school", "we were college roommates"."""
    if f.keys[0] in ("mutual", "common", "shared"):
        return "we have"
    if "since" in f.keys:
        return "we've been"
    lasting = f.keys[0] in ("old", "good", "close", "best", "lifelong", "longtime", "long-time") or (
        f.keys[-1] in ("friends", "buddies", "pals", "mates")  # "gym buddies": they still are
    )
    return "we're" if lasting or set(f.keys) & lx.FAMILY else "we were"


def _relation(f: Fragment) -> str:
    """Who someone is to me: "my neighbour", "a family friend", "a friend of Carla's", "a godfather to my
    kid" (a determiner kept; "my" added only where the phrase has none of its own)."""
    if f.form is Form.OWN:
        return f.text
    if en.key(en.head_of(f)) in ("friend", "acquaintance") and len(f.words) > 1:
        return en.with_article(f.text)  # "a family friend", not "my family friend"
    if set(f.keys[1:]) & lx.MY_WORDS:
        return en.with_article(f.text)  # "a godfather to my kid", not "my godfather to my kid"
    return f"my {f.text}"


def _period(e: dict, today: dt.date, known: PartialDate | None = None) -> tuple[str, bool]:
    """An evidence's period as words, and whether it is ongoing: "since 2019", "from 2016 to 2019" (its
    start left out where the paragraph has said it already, as when we met)."""
    since, until = load_partial_date(e.get("since")), load_partial_date(e.get("until"))
    if since is not None and since == known:
        since = None
        if until is None:
            return "", True
    if since and until:
        return f"from {_plain(since, today)} to {_plain(until, today)}", False
    if since:
        return en.when(since, today).since, True
    if until:
        return f"until {_plain(until, today)}", False
    return "", False


def _plain(d: PartialDate, today: dt.date) -> str:
    return en.when(d, today).at.removeprefix("in ").removeprefix("on ")


def _detail_tail(detail: Fragment | None, prep_for_own: str) -> str:
    """A detail as it follows a clause: "at Northwind", "on the data platform", or as typed after a preposition."""
    if detail is None:
        return ""
    if detail.form in (Form.PLACE, Form.DOING, Form.CAUSE, Form.PURPOSE):
        return " " + detail.text  # "at Acme", "building robots", "because of the merger"
    if detail.form in (Form.OWN, Form.NOUN) and set(detail.keys[:2]) & lx.DURATIONS:
        return f" for {detail.text}"  # "for two years at Google"
    if detail.form is Form.OWN:
        return f" {prep_for_own} {detail.text}"
    if detail.form is Form.NOUN:
        if en._proper(detail.text):
            return f" at {detail.text}"
        return f" {prep_for_own} {_topic(detail, detail.text)}"
    return ""


def evidence_said(e: dict, p: Person, today: dt.date, *, known: PartialDate | None = None) -> list[Said]:
    """What one piece of evidence says, in the words that fit its criterion (`known`: the date the
    paragraph gives already)."""
    c = e["criterion"]
    detail = en.read(e.get("detail"))
    period, ongoing = _period(e, today, known)
    when = f" {period}" if period else ""
    place = f" {_at_place(e['place'])}" if e.get("place") else ""
    words = _content(" ".join(x for x in (e.get("detail"), e.get("place")) if x))
    out: list[Said] = []
    tail_used = False

    def rest_of_detail() -> None:
        # A detail that is a clause or a sentence of its own, when the criterion's words could not hold it:
        # a past verb phrase joins the clause before it ("We've worked together since 2019, and we built …").
        if detail is None or tail_used:
            return
        if detail.form is Form.PAST:
            who = _who_did(detail, p)
            head = out[0] if out else None
            if who == "them" and head is not None and head.predicate is not None:
                head.predicate = Predicate("verb", f"{singular_of(head.predicate)}, and {detail.text}")
            elif who == "them":
                out.append(Said("them", predicate=Predicate("verb", detail.text), words=words))
            elif head is not None and head.kind == "we":
                head.text += f", and {'I' if who == 'i' else 'we'} {detail.text}"
            else:
                out.append(Said(who, ("I " if who == "i" else "we ") + detail.text, words=words))
        elif detail.form is Form.VERB:
            out.append(Said("them", predicate=Predicate("verb", en.singular(detail.text)), words=words))
        elif detail.form is Form.STATE:
            out.append(Said("we", f"we're {detail.text}", words=words))
        else:
            out.append(Said("sentence", detail.sentence(), words=words))

    if (
        c in ("colleague", "business-partner")
        and detail is not None
        and detail.form in (Form.NOUN, Form.OWN)
        and en.key(en.head_of(detail)) in lx.RELATIONS
    ):
        # Who they were to me at work: "my manager at Acme".
        verb = "has been " if ongoing and period else ("was " if period else "is ")
        pred = Predicate("verb", verb + _relation(detail) + when)
        out.append(Said("them" if p.pronouns else "pred", predicate=pred, words=words, dated=bool(period)))
        return out
    if c in ("colleague", "business-partner", "classmate"):
        told = {"colleague": ("worked", "work"), "classmate": ("studied", "study")}.get(c, ())
        # "we worked at Initech" says what "worked at Initech" says
        if detail is not None and detail.form is Form.SENTENCE and detail.keys[:1] == ["we"] and detail.keys[1:2]:
            detail = en.read(" ".join(detail.words[1:])) if detail.keys[1] in told else detail
        if detail is not None and detail.form in (Form.PAST, Form.BASE) and detail.keys[0] in told:
            # The detail says the criterion's own words better: "worked together at Acme".
            we = "we've" if ongoing and period else "we"  # "we've worked together at Acme since 2019"
            out.append(Said("we", f"{we} {detail.text}{place}{when}", words=words, dated=bool(period)))
            return out
        if c == "colleague":
            base = "we've worked together" if ongoing and period else "we worked together"
            if ongoing and not period:
                base = "we still work together"  # since when is said already
        elif c == "business-partner":
            if period:
                base = "we've been business partners" if ongoing else "we were business partners"
            else:
                base = "we're still business partners" if ongoing else "we're business partners"
        else:
            base = "we've studied together" if ongoing else "we studied together"
        tail = _detail_tail(detail, "in" if c != "colleague" else "on")
        tail_used = bool(tail)
        if detail is not None and detail.form in (Form.CAUSE, Form.PURPOSE):
            said = base + place + when + tail  # "since 2019 because of the merger"
        else:
            said = base + place + tail + when
        out.insert(0, Said("we", said, words=words, dated=bool(period)))
        rest_of_detail()
    elif c == "client":
        tail = _detail_tail(detail, "for")
        tail_used = bool(tail)
        mine = "my client" if p.pronouns else "a client of mine"
        if not period:
            pred = Predicate("be", mine + tail + place)
        else:
            pred = Predicate("verb", ("has been " if ongoing else "was ") + mine + tail + place + when)
        out.append(Said("them" if p.pronouns else "pred", predicate=pred, words=words, dated=bool(period)))
        rest_of_detail()
    elif c == "met-in-person":
        # When we met is said by the paragraph, as of how we met; a detail that names a place is where.
        if not place and detail is not None and detail.form in (Form.NOUN, Form.OWN, Form.PLACE):
            place, detail = f" {_at_place(detail.text)}", None
        out.append(Said("we", "we met" + place, words=words))
        rest_of_detail()
    elif c == "family":
        if detail is not None and detail.form in (Form.NOUN, Form.OWN):
            text = detail.text if detail.form is Form.OWN else f"my {detail.text}"
            out.append(Said("pred", predicate=Predicate("be", text), words=words))
        else:
            out.append(Said("we", "we're family", words=words))
            rest_of_detail()
    elif c == "friend":
        out.extend(_friend(detail, p, period, words))
    return out


def singular_of(p: Predicate) -> str:
    """A predicate as a verb phrase of its own: "is my client" for a `be` predicate, the text for a verb."""
    return {"be": "is ", "have": "has "}.get(p.kind, "") + p.text


def _told_alone(detail: Fragment, p: Person, criterion: str = "") -> list[Said]:
    """A detail of a tie that how-we-met told already, said on its own: as a sentence where it makes one,
    else in brackets beside the tie as it stands now ("he remains a good friend (board games)")."""
    words = _content(detail.text)
    if detail.form in (Form.NOUN, Form.OWN, Form.DOING) and criterion in _NOW:
        now = _NOW[criterion][0 if p.pronouns else 1]
        if p.pronouns:
            return [Said("them", predicate=Predicate("verb", f"{now} ({detail.text})"), words=words)]
        return [Said("we", f"{now} ({detail.text})", words=words)]
    if detail.form in (Form.PAST, Form.BASE):
        who = _who_did(detail, p) if detail.form is Form.PAST else "we"
        if who == "them":
            return [Said("them", predicate=Predicate("verb", detail.text), words=words)]
        return [Said(who, ("I " if who == "i" else "we ") + detail.text, words=words)]
    if detail.form is Form.VERB:
        return [Said("them", predicate=Predicate("verb", en.singular(detail.text)), words=words)]
    if detail.form is Form.SENTENCE:
        return [Said("sentence", detail.sentence(), words=words)]
    return []


# A tie as it stands now, said of them (with pronouns) and of us: for a detail how-we-met left out.
_NOW = {
    "friend": ("remains a good friend", "we're still good friends"),
    "classmate": ("studied with me", "we studied together"),
    "colleague": ("worked with me", "we worked together"),
    "business-partner": ("is my business partner", "we're business partners"),
}


# A time of life that is over: a relation from it is in the past ("she was my college roommate").
_OVER = frozenset({"college", "school", "university", "uni", "childhood", "kindergarten", "army", "boarding"})


def _friend(detail: Fragment | None, p: Person, period: str, words: frozenset[str]) -> list[Said]:
    if detail is None or detail.form in (Form.PLACE,):
        tail = (
            f" {detail.text}" if detail is not None else (f" {period}" if period.startswith(("since", "for")) else "")
        )
        if p.pronouns:
            verb = "has been a good friend" if tail.startswith(" since") else "remains a good friend"
            return [Said("them", predicate=Predicate("verb", verb + tail), words=words)]
        return [
            Said(
                "we",
                ("we've been good friends" + tail) if tail.startswith(" since") else "we're still good friends" + tail,
                words=words,
            )
        ]
    head = en.key(en.head_of(detail))
    if detail.form in (Form.NOUN, Form.SUPERLATIVE) and en.is_plural_noun(en.head_of(detail)) and head in lx.RELATIONS:
        verb = "we've been" if "since" in detail.keys else "we're"
        if "for" in detail.keys and set(detail.keys) & lx.DURATIONS:
            verb = "we were"  # "neighbours for six years": a time that is over
        return [Said("we", f"{verb} {detail.text}", words=words)]
    if detail.form in (Form.NOUN, Form.OWN) and head in lx.RELATIONS:
        if detail.keys[0] in _OVER and len(detail.keys) > 1:  # "college roommate": was, at college
            return [Said("pred", predicate=Predicate("verb", "was " + _relation(detail)), words=words)]
        return [Said("pred", predicate=Predicate("be", _relation(detail), nominal=True), words=words)]
    if detail.form is Form.STATE:
        if "since" in detail.keys:  # "still close since school": we've been close since school
            text = " ".join(w for w, k in zip(detail.words, detail.keys, strict=True) if k != "still")
            return [Said("we", f"we've been {text}", words=words)]
        return [Said("we", f"we're {detail.text}", words=words)]
    if detail.form is Form.BASE:
        return [Said("we", f"we {detail.text}", words=words)]  # "go way back", "play chess every Thursday"
    if detail.form in (Form.NOUN, Form.OWN, Form.DOING, Form.SUPERLATIVE) and head not in lx.RELATIONS:
        # What we share, in brackets beside the tie: "a good friend (board games, weekly dinners)".
        if p.pronouns:
            return [Said("them", predicate=Predicate("verb", f"remains a good friend ({detail.text})"), words=words)]
        return [Said("we", f"we're still good friends ({detail.text})", words=words)]
    if detail.form is Form.PAST:
        who = _who_did(detail, p)
        if who == "them":
            return [Said("them", predicate=Predicate("verb", detail.text), words=words)]
        return [Said(who, ("I " if who == "i" else "we ") + detail.text, words=words)]
    if p.pronouns:
        return [
            Said("them", predicate=Predicate("verb", "remains a good friend"), words=frozenset()),
            Said("sentence", detail.sentence(), words=words),
        ]
    return [Said("we", "we're still good friends", words=frozenset()), Said("sentence", detail.sentence(), words=words)]


def conversations(evidence: list[dict]) -> list[Said]:
    """The memorable conversations of our meetings, each told once: "I still remember our conversation about
    tidal energy" (two are told together); one written as a sentence of its own stays one."""
    topics: list[str] = []
    words: frozenset[str] = frozenset()
    out: list[Said] = []
    for e in evidence:
        f = en.read(e.get("conversation"))
        if f is None:
            continue
        if f.form is Form.SENTENCE:
            out.append(Said("sentence", f.sentence(), words=_content(f.text)))
        elif f.form is Form.PAST and not (set(f.keys) & (lx.MY_WORDS | {"him", "her", "them"})):
            out.append(Said("sentence", en.finish("we " + f.text), words=_content(f.text)))
        else:
            topics.append(f.text if f.keys[0] in ("about", "on", "over") else f"about {f.text}")
            words |= _content(f.text)
    if topics:
        noun = "conversation" if len(topics) == 1 else "conversations"
        said = f"I still remember our {noun} {en.join(topics)}"
        out.insert(0, Said("sentence", en.finish(said), words=words))
    return out


# -- a paragraph ------------------------------------------------------------------------------------


def _date_phrases(p: Person, today: dt.date) -> en.When | None:
    """When we met, as typed (--met-on): the dates of the evidence belong to the evidence."""
    return en.when(p.met, today) if p.met else None


def _how_variants(how: Said, p: Person, when: en.When | None, has_time: bool) -> list[str]:
    """The ways the how-we-met sentence can go, best first: an event takes its date ("We met on vacation in
    2019", "Almost thirty years ago, she married my brother"); a state says how long we have known each
    other ("We've known each other since 2019: she's my neighbour")."""
    if how.kind in ("them", "pred"):
        assert how.predicate is not None
        said = en.clause(p.subject, [how.predicate])
        text = en.uncapitalise(said) if p.pronouns else said
        event = how.predicate.kind == "verb" and en.is_past(how.predicate.text.split(" ")[0])
    else:
        text = en.clean(how.text)[0] if how.kind == "sentence" else how.text
        text = en.uncapitalise(text) if how.kind == "sentence" else text
        event = en.tells_the_past(text)
    end = en.clean(how.text)[1] if how.kind == "sentence" else ""
    if when is None or has_time:
        return [en.finish(text, end)]
    known = f"we've known each other {when.since}"
    if event:
        dated = [en.finish(f"{en.capitalise(when.ago or when.at)}, {text}", end)]
        if how.kind in ("we", "i"):
            words = text.split(" ")
            if not when.ago and len(words) > 2 and en.key(words[1]) in lx.DURATIVE_PAST:
                # "We first worked together at Globex in March 2015": a date is where a time began ("… almost
                # thirty years ago" needs no "first")
                text = " ".join([words[0], "first", *words[1:]])
            dated.insert(0, en.finish(f"{text} {when.ago or when.at}"))
        if when.since.startswith("since"):
            dated.append(en.finish(f"{known}, when {text}", end))
        return dated
    if text.startswith("we know each other "):
        rest = text.removeprefix("we know each other ")
        return [en.finish(f"{known}{',' if rest.startswith(('from', 'because')) else ''} {rest}", end)]
    if text.startswith(("we've known each other", "we have known each other")):
        return [en.finish(text, end)]
    return [en.finish(f"{known}: {text}", end), en.finish(f"{text}, and {known}", end)]


def _opening(sentence: str) -> tuple[str, ...]:
    """How a sentence opens, to keep two paragraphs from opening alike: its first word, and the second after
    a subject ("We went" and "We met" differ; "In 2019," and "In May 2020," do not)."""
    words = [en.key(w) for w in sentence.split(" ")[:2]]
    return tuple(words) if words and words[0] in lx.SUBJECTS | lx.CONTRACTED_SUBJECTS else tuple(words[:1])


def paragraph(
    p: Person,
    reader: str,
    today: dt.date,
    *,
    avoid: tuple[str, ...] | None = None,
    said_before: Sequence[str] = (),
) -> list[str]:
    """The sentences that introduce `p` to a reader called `reader`, opening unlike `avoid` where it can; a
    sentence the other paragraph has said already says so ("We're also still good friends"; "Like Ann, …"
    where it has an "also" of its own). The reader is the one the other paragraph is about."""
    before = {x.casefold() for x in said_before[1:]}  # the opening is each paragraph's own
    sentences = _paragraph(p, reader, today, avoid)
    if any(x.startswith(_REMEMBER) for x in said_before):
        sentences = [_remembered_otherwise(x) for x in sentences]
    return sentences[:1] + [_again(x, reader) if x.casefold() in before else x for x in sentences[1:]]


_REMEMBER = "I still remember our "


def _remembered_otherwise(sentence: str) -> str:
    """A conversation remembered in the other paragraph too, told another way: "We had a memorable
    conversation about …" (two paragraphs in one frame read like a form)."""
    if not sentence.startswith(_REMEMBER):
        return sentence
    rest = sentence.removeprefix(_REMEMBER)
    return ("We had a memorable " if rest.startswith("conversation ") else "We had memorable ") + rest


def _again(sentence: str, other: str) -> str:
    """A sentence said a second time: with "also" ("We're also …", "We also …"), or "Like Ann, …"."""
    body, end = en.clean(sentence)
    words = body.split(" ")
    keys = [en.key(w) for w in words]
    if "also" in keys:
        at = keys.index("also")
        return en.finish(f"like {other}, " + en.uncapitalise(" ".join(words[:at] + words[at + 1 :])), end)
    if len(words) > 1 and keys[0] in lx.CONTRACTED_SUBJECTS:
        return en.finish(" ".join([words[0], "also", *words[1:]]), end)
    if len(words) > 2 and keys[0] in lx.SUBJECTS and keys[1] in lx.AUXILIARIES | lx.PLURAL_AUXILIARIES:
        return en.finish(" ".join([*words[:2], "also", *words[2:]]), end)
    if len(words) > 1 and keys[0] in lx.SUBJECTS:
        return en.finish(" ".join([words[0], "also", *words[1:]]), end)
    return en.finish(f"like {other}, {en.uncapitalise(body)}", end)


def _paragraph(p: Person, reader: str, today: dt.date, avoid: tuple[str, ...] | None) -> list[str]:
    opener = f"{reader}, meet {p.first}."
    if p.nickname and p.close and not p.pronouns:
        opener = f"{reader}, meet {p.first} ({p.nickname} to close friends like me)."
    said: list[Said] = []
    how = how_we_met(p)
    used: frozenset[str] = how.words if how else frozenset()
    evidence = list(p.evidence)
    when = _date_phrases(p, today)
    if how is None and evidence:
        first = min(evidence, key=lambda e: _HOW_ORDER.index(e["criterion"]) if e["criterion"] in _HOW_ORDER else 9)
        evidence.remove(first)
        from_evidence = evidence_said(first, p, today)
        how, said = from_evidence[0], from_evidence[1:]
        used = frozenset().union(*(s.words for s in from_evidence))
        began = load_partial_date(first.get("since"))
        when = None if how.dated else (en.when(began, today) if began else when)
    memories = conversations(p.evidence)
    for e in sorted(evidence, key=lambda e: CLOSE.index(e["criterion"]) if e["criterion"] in CLOSE else 5):
        if e["criterion"] == "met-in-person" and how is not None:
            # The meeting is how we met: only its conversation is told, and where, if how-we-met did not.
            told_where = p.how is not None and "met" in p.how.keys and not set(p.how.keys) & lx.HOW_ADVERBS
            if e.get("place") and not told_where and not _covered(_content(e["place"]), used):
                said.append(Said("we", f"we met in person {_at_place(e['place'])}", words=_content(e["place"])))
                used |= _content(e["place"])
            continue
        if p.how is not None and set(p.how.keys) & lx.TELLS.get(e["criterion"], frozenset()):
            # How we met tells this tie already; what its detail adds is told on its own (unless it tells
            # the same event again: "co-founded Sokolova & Rivera" after "we co-founded a consultancy").
            detail = en.read(e.get("detail"))
            same_event = detail is not None and detail.keys[0] in set(p.how.keys)
            if detail is not None and not same_event and not _nothing_new(detail.text, e["criterion"], used):
                said.extend(_told_alone(detail, p, e["criterion"]))
                used |= _content(detail.text)
            continue
        for part in ("detail", "place"):
            if e.get(part) and _nothing_new(e[part], e["criterion"] if part == "detail" else None, used):
                e = {**e, part: None}  # the tie is news, this part of it is not
        for s in evidence_said(e, p, today, known=p.met):
            said.append(s)
            used |= s.words
    memories = [m for m in memories if not _covered(m.words, used)]

    sentences: list[str] = [opener]
    person_preds: list[Predicate] = []
    if how is not None:
        has_time = bool(p.how and en.has_time(p.how))
        if how.kind == "pred" and not p.pronouns:
            assert how.predicate is not None
            person_preds.append(how.predicate)
            if when:
                sentences.append(en.finish(f"we've known each other {when.since}"))
        elif how.kind == "them" and not p.pronouns:
            assert how.predicate is not None
            pred = how.predicate
            if when and not has_time and en.is_past(pred.text.split(" ")[0]):
                pred = Predicate(pred.kind, f"{pred.text} {when.ago or when.at}")  # "married my brother in 2010"
            elif when and not has_time:
                sentences.append(en.finish(f"we've known each other {when.since}"))
            person_preds.append(pred)
        else:
            variants = _how_variants(how, p, when, has_time)
            chosen = next((v for v in variants if _opening(v) != avoid), variants[0])
            sentences.append(_join_relation(chosen, said, p))
    # What the evidence says beyond how we met: of us, of the person, or whole sentences.
    for s in said:
        if s.kind in ("we", "i") and not s.joined:
            sentences.append(en.finish(s.text))
        elif s.kind == "them" and not s.joined:
            assert s.predicate is not None
            if p.pronouns:
                sentences.append(en.finish(en.clause(p.subject, [s.predicate])))
            else:
                person_preds.append(s.predicate)
        elif s.kind == "pred":
            assert s.predicate is not None
            person_preds.append(s.predicate)
        elif s.kind == "sentence":
            sentences.append(s.text)
    sentences += [m.text for m in memories]
    sentences += _identity(p, person_preds, used | frozenset().union(*(s.words for s in said)))
    if p.nickname and p.close and p.pronouns:
        poss = p.subject.possessive  # a set with no possessive given: "Sam's close friends"
        sentences.append(en.finish(f"by the way, {poss} close friends like me call {p.pronouns.object} {p.nickname}"))
    return _unique(sentences)


def _join_relation(how: str, said: list[Said], p: Person) -> str:
    """The how-we-met sentence, with the first thing the evidence says of us or of them joined on by "and"."""
    body, end = en.clean(how)
    if body.count(",") > 1 or len(body) > 140 or ", and " in body:
        return how  # one "and" a sentence
    said = [x for x in said if ", and " not in (x.text or "")]
    for s in said:
        if s.kind == "we" and not body.lower().startswith("we've known"):
            s.joined = True
            said_words = s.text.split(" ")
            pair = " ".join(said_words[:2]).lower()
            if len(said_words) > 2 and (body.lower().startswith(pair + " ") or f", {pair} " in body.lower()):
                # the same subject and verb twice: "We met online, and in person at a meetup"
                return en.finish(f"{body}, and {' '.join(said_words[2:])}", end)
            return en.finish(f"{body}, and {s.text}", end)
        if s.kind == "them" and p.pronouns:
            assert s.predicate is not None
            s.joined = True
            return en.finish(f"{body}, and {en.uncapitalise(en.clause(p.subject, [s.predicate]))}", end)
    return how


def _identity(p: Person, extra: list[Predicate], said: frozenset[str] = frozenset()) -> list[str]:
    """What the person is and does: their job, the highlights, what the evidence says of them. With no
    pronouns, one sentence holds it all, what they are beside the name ("Marcus, a cardiologist and one of
    the best doctors I know, is kind and runs …"). With pronouns, what they are opens ("He's a Captain at
    Starfleet, an exceptional leader and a cunning strategist"), how they are and what they do follow two
    to a sentence, "also" said once."""
    job = role(p.title, p.company)
    if job and not p.title and p.company and _content(p.company) <= said:
        job = None  # "They're at Initech" after "we worked at Initech" says nothing new
    preds: list[Predicate] = [Predicate("be", job, nominal=True)] if job else []
    preds += extra
    sentences: list[str] = []
    seen: set[str] = set()
    for h in p.highlights:
        if h.text.casefold() in seen:
            continue
        seen.add(h.text.casefold())
        pred = en.predicate(h)
        if pred is None:
            sentences.append(h.sentence())
        else:
            preds.append(pred)
    if not preds:
        return sentences
    if not p.pronouns:
        return [en.finish(en.clause(p.subject, preds, appositive=True)), *sentences]
    nominal = [x for x in preds if x.kind == "be" and x.nominal]
    rest = [x for x in preds if not (x.kind == "be" and x.nominal)]
    out: list[str] = []
    if nominal:
        # Up to three short ones together; two where one is long or holds a list of its own.
        short = [x for x in nominal[:3] if len(x.text) <= 48 and "," not in x.text and " and " not in x.text]
        first = nominal[:3] if len(short) == 3 else nominal[:2]
        if len(first) == 2 and " and " in first[1].text and "," not in first[0].text:
            # the second holds its own "and": the two read as one list ("the CEO at Meridian, an exceptional
            # leader and a cunning strategist"), not "…, and an exceptional leader and a cunning strategist"
            out.append(en.finish(f"{p.pronouns.be()} {first[0].text}, {first[1].text}"))
        elif len(first) == 2 and ("," in first[0].text or " and " in first[1].text):
            out.append(en.finish(f"{p.pronouns.be()} {first[0].text}, and {first[1].text}"))
        else:
            out.append(en.finish(en.clause(p.subject, first)))
        rest = nominal[len(first) :] + rest
    also = bool(out)
    i = 0
    while i < len(rest):
        # Two to a sentence ("He's kind and runs the best supper club in town"), three where all are short.
        n = 3 if len(rest) - i >= 3 and all(len(x.text) <= 30 for x in rest[i : i + 3]) else 2
        group = rest[i : i + n]
        out.append(en.finish(en.clause(p.subject, group, also=also)))
        also = False
        i += len(group)
    return out + sentences


def _unique(sentences: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for s in sentences:
        k = s.casefold()
        if s and k not in seen:
            seen.add(k)
            out.append(s)
    return out


# -- the word to the person being reached ------------------------------------------------------------------


def said_to(sentences: list[str], reader: Person) -> list[str]:
    """A paragraph said to `reader`: past its opening, a mention of them by name is "you"."""
    names = [reader.name, reader.first, *([reader.nickname] if reader.nickname else [])]
    return sentences[:1] + [en.finish(en.toward(x, names)) for x in sentences[1:]]


def unnamed(p: Person) -> Person:
    """The same person with no pronouns: what is said of them names them."""
    from dataclasses import replace

    return replace(p, pronouns=None)


def toward_reader(text: str, a: Person, b: Person) -> str:
    """Text about b said to b: b's names and, where no one else could be meant, b's pronouns, as "you";
    a's pronouns opening a clause are a's name ("he's moving to Tokyo" → "Tom's moving to Tokyo")."""
    names = [b.name, b.first, *([b.nickname] if b.nickname else [])]
    text = en.toward(text, names, pronouns=b.pronouns, others=a.pronouns, others_names=a.names)
    if a.pronouns and not (b.pronouns and b.pronouns.subject == a.pronouns.subject):
        text = en.name_for_pronoun(text, a.pronouns, a.call)
    return text


def reason_sentence(reason: Fragment, a: Person, b: Person, *, asking: bool = False) -> str:
    """The reason, said to the person being reached (their name and pronouns turned to "you"); first-person
    reasons stay mine. `asking`: said in the note that asks them first, before any introduction is made."""
    text = toward_reader(reason.text, a, b)
    f, end = reason.form, reason.end
    if end == "?" or re.search(r"[.!?]\s+\S", text):
        # A question, or sentences of one's own: kept as typed, each with its capital.
        return " ".join(en.finish(x) for x in re.split(r"(?<=[.!?])\s+", en.finish(text, end)) if x)
    if f is Form.SENTENCE:
        if en.key(text.split(" ", 1)[0]) == "both":
            return en.finish(f"you and {a.call} {text}", end)
        return en.finish(text, end)
    if f is Form.CAUSE:
        opening = "I thought of you" if asking else "I'm introducing you"
        return en.finish(f"{opening} {text}", end)
    if f is Form.BASE:
        return en.finish(f"I think you two should {text}", end)  # "compare notes on hiring"
    if f is Form.PURPOSE:
        return en.finish(f"I think you two should meet {text}", end)
    if f in (Form.NOUN, Form.OWN) and en.key(en.head_of(reason)) in lx.VALUED:
        return en.finish(f"{a.call} would value your {text}", end)  # "advice on fundraising"
    if f in (Form.NOUN, Form.OWN, Form.SUPERLATIVE):
        obj = text if f is not Form.NOUN else _topic(reason, text)
        return en.finish(f"I think you two should talk about {obj}", end)
    if f is Form.PLACE:
        verb = "talk" if reason.keys[0] in ("about", "on", "over") else "meet"
        return en.finish(f"I think you two should {verb} {text}", end)
    if f in (Form.VERB, Form.PAST):
        return en.finish(f"{a.call} {en.singular(text)}", end)
    return en.finish(f"{a.call} is {text}", end)  # a state or a gerund: "Leonard is looking for a CTO"


def _topic(reason: Fragment, text: str) -> str:
    """A noun phrase as what to talk about: "the staff physician role", "your mutual interest in sailing"."""
    if reason.keys[0] in ("shared", "mutual", "common"):
        return "your " + text
    head = en.head_of(reason)
    if (
        en._proper(text)
        or en.is_plural_noun(head)
        or en.key(head) in lx.MASS_HEADS
        or en.key(head).endswith(("ics", "ing", "ism"))
    ):
        return text
    return "the " + text


_HIRING = frozenset({"hiring", "hire", "role", "opening", "position", "vacancy", "posting", "recruiting", "job"})


def _hiring_for_reader(reason: Fragment, a: Person, b: Person) -> bool:
    """Whether the reason says the reader is hiring ("Jim's posting for a staff physician", "you're hiring"):
    said to them, it speaks of their posting, role or team."""
    keys = {en.key(w) for w in toward_reader(reason.text, a, b).split()}
    return bool(keys & _HIRING) and bool(keys & {"you", "your", "you're", "yours"})


def closing(a: Person, b: Person, reason: Fragment | None) -> str:
    """The last paragraph, to the person being reached: the reason, why I feel they should meet, the hand-off."""
    parts: list[str] = []
    if reason is not None:
        parts.append(reason_sentence(reason, a, b))
    suggests = reason is not None and reason.form in (
        Form.PURPOSE,
        Form.BASE,
        Form.NOUN,
        Form.OWN,
        Form.SUPERLATIVE,
        Form.PLACE,
    )
    # Why I feel they should meet, from what the policy made sure of: I know both, and vouch for them.
    mine = reason is not None and reason.form is Form.SENTENCE and reason.keys[0] in ("i", "i'm", "i've", "i'd")
    if reason is not None and _hiring_for_reader(reason, a, b):
        # The reader is hiring and the other is who I would send: the seed's "an ideal addition to your team".
        them = a.pronouns.object if a.pronouns else "that"  # no pronouns: I vouch for what I just said
        parts.append(f"I feel {a.call} would be an ideal addition to your team, and I can vouch for {them}.")
    else:
        # Named in the sentence before: "Bones would value your advice …. I can vouch for him."
        opens = en.key(parts[0].split(" ", 1)[0]) if parts else ""
        named = a.pronouns is not None and opens in {en.key(n) for n in (a.call, a.first, *a.names)}
        whom = a.pronouns.object if named and a.pronouns else a.call
        if suggests or mine:
            parts.append(f"I can vouch for {whom}.")
        else:
            parts.append(f"I feel the two of you should meet, and I can vouch for {whom}.")
    if a.location and b.location and a.location.casefold() == b.location.casefold():
        parts.append(f"You're both in {a.location}, so meeting in person should be easy.")
    parts.append("I'll leave it to you to connect and arrange next steps.")
    # After the name and dash the note runs on, as after a comma: "Jim – you're hiring …" ("I" and names keep
    # their capital: "Jim – I feel …", "Jim – Leonard wants …").
    body = " ".join(parts)
    names = {en.key(n) for n in (*a.names, a.call, a.first, *b.names, b.call, b.first)}
    return f"{b.call} – " + (body if en.key(body.split(" ", 1)[0]) in names else en.uncapitalise(body))
