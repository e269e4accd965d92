"""Rendering drafts from templates: the shipped defaults, or the user's own, always in Jinja2's sandbox."""

from __future__ import annotations

import os
import re
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid
from pathlib import Path

from ..errors import BadInput

PACKAGE_DIR = Path(__file__).with_name("templates")
# User-facing names and the files behind them.
TEMPLATES = {
    "intro": "intro.txt.j2",
    "intro-markdown": "intro.md.j2",
    "describe": "_describe.j2",
    "ask": "ask.txt.j2",
    "decline-intro": "decline-intro.txt.j2",
    "decline-connect": "decline-connect.txt.j2",
    "recommendation": "recommendation.txt.j2",
}


def user_dir() -> Path:
    env = os.environ.get("CNET_TEMPLATES")
    if env:
        return Path(env).expanduser()
    from ..paths import config_dir

    return config_dir() / "templates"


def template_file(name: str) -> str:
    if name not in TEMPLATES:
        raise BadInput(f"no template called '{name}'; templates: {', '.join(TEMPLATES)}")
    return TEMPLATES[name]


def template_source(name: str) -> tuple[str, Path, bool]:
    """(text, path, is_user_override) of a template."""
    from ..paths import existing_kind, read_input

    file = template_file(name)
    user = user_dir() / file
    if existing_kind(user, what=f"template '{name}'") is not None:
        try:
            return read_input(user, what=f"template '{name}'", stdin=False).decode("utf-8"), user, True
        except UnicodeDecodeError as exc:
            raise BadInput(
                f"template '{name}' ({user}) is not UTF-8 text (byte {exc.start})",
                hint=f"Go back to the default with: cnet template reset {name}",
            ) from None
    path = PACKAGE_DIR / file
    return path.read_text(encoding="utf-8"), path, False


# What one draft may cost: a template is the user's own code, run in the sandbox, and bounded.
MAX_OUTPUT = 1_000_000  # characters
MAX_SECONDS = 2.0
MAX_INT_BITS = 4096  # numbers a template computes stay this small
_SEQUENCES = (str, list, tuple)


def _environment():
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class Bounded(SandboxedEnvironment):
        """The sandbox, with arithmetic that cannot build a giant number or string."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context, operator, left, right):
            ints = isinstance(left, int) and isinstance(right, int)
            if operator == "**" and ints and abs(left) > 1 and abs(left).bit_length() * right > MAX_INT_BITS:
                raise SecurityError(f"{left} ** {right} is too large a number for a draft")
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if isinstance(seq, _SEQUENCES) and isinstance(n, int) and len(seq) * n > MAX_OUTPUT:
                        raise SecurityError("repeating text that many times is too long for a draft")
                if ints and abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS:
                    raise SecurityError("too large a number for a draft")
            return super().call_binop(context, operator, left, right)

    env = Bounded(
        loader=ChoiceLoader([FileSystemLoader(str(user_dir())), FileSystemLoader(str(PACKAGE_DIR))]),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )
    env.filters.update(helpers())
    return env


_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def markdown_text(text: str) -> str:
    """Text made literal in Markdown: a name like "*Star* [Click](…)" shows as typed, never as a link."""
    return str(text).translate(_MARKDOWN)


def helpers() -> dict:
    """The drafter's grammar, as filters every template (the shipped ones and yours) may use:
    `sentence` (a capital and one stop), `a` (the article: "an MBA"), `plural`, `join_and` ("a, b and c";
    of highlights, their text), `since` and `at` (a stored date as "since May 2019", "in 1998"),
    `toward(person)` (text about a person made to speak to them: "Jim's posting" → "your posting") and
    `md` (text made literal in Markdown)."""
    from ..dates import load_partial_date
    from . import english as en
    from .context import today

    def date_phrase(part: str):
        def phrase(stored: str | None) -> str:
            d = load_partial_date(stored) if isinstance(stored, str) and stored else None
            return getattr(en.when(d, today()), part) if d else ""

        return phrase

    def toward(text: str, person: dict) -> str:
        return en.toward(str(text), [person.get("name") or "", person.get("first") or "", person.get("nickname") or ""])

    return {
        "sentence": lambda text: en.finish(str(text)),
        "a": lambda text: en.with_article(str(text)) if str(text).strip() else "",
        "plural": lambda text: en.plural(str(text)) if str(text).strip() else "",
        "join_and": lambda items: en.join([str(i.get("text", "")) if isinstance(i, dict) else str(i) for i in items]),
        "md": markdown_text,
        "since": date_phrase("since"),
        "at": date_phrase("at"),
        "toward": toward,
    }


class _TooSlow(Exception):
    pass


def _bounded(chunks, name: str) -> str:
    """Join a template's output, stopping it past MAX_OUTPUT characters or MAX_SECONDS (on the main thread,
    where a timer can interrupt it)."""
    import signal
    import threading

    def stop(_signum, _frame):
        raise _TooSlow

    timed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if timed:
        previous = signal.signal(signal.SIGALRM, stop)
        signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    try:
        out: list[str] = []
        size = 0
        for chunk in chunks:
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise BadInput(
                    f"template '{name}' wrote more than {MAX_OUTPUT:,} characters; stopped",
                    hint=f"Go back to the default with: cnet template reset {name}",
                )
            out.append(chunk)
        return "".join(out)
    except _TooSlow:
        raise BadInput(
            f"template '{name}' ran longer than {MAX_SECONDS:g} s; stopped",
            hint=f"Go back to the default with: cnet template reset {name}",
        ) from None
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def render(name: str, context: dict) -> str:
    """Render a template and tidy its spacing; a broken template is a clear error naming it."""
    from jinja2 import TemplateError, TemplateSyntaxError
    from jinja2.exceptions import SecurityError, UndefinedError

    file = template_file(name)
    env = _environment()
    try:
        text = _bounded(env.get_template(file).generate(**context), name)
    except TemplateSyntaxError as exc:
        where = exc.filename or file
        raise BadInput(
            f"template '{name}' ({where}) line {exc.lineno}: {exc.message}",
            hint=f"Fix it with: cnet template edit {name}, or go back with: cnet template reset {name}",
        ) from exc
    except SecurityError as exc:
        raise BadInput(
            f"template '{name}' tried something the sandbox does not allow: {exc}",
            hint=f"Go back to the default with: cnet template reset {name}",
        ) from exc
    except UndefinedError as exc:
        raise BadInput(
            f"template '{name}' uses something that is not there: {exc.message}",
            hint=f"See the names it can use with: cnet template show {name} --default",
        ) from exc
    except TemplateError as exc:
        raise BadInput(f"template '{name}' failed: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise BadInput(
            f"template '{name}' is not UTF-8 text (byte {exc.start})",
            hint=f"Go back to the default with: cnet template reset {name}",
        ) from None
    except RecursionError:
        raise BadInput(
            f"template '{name}' calls itself without end (a macro or include that never stops)",
            hint=f"Go back to the default with: cnet template reset {name}",
        ) from None
    except (ArithmeticError, TypeError, ValueError, LookupError, AttributeError, MemoryError) as exc:
        raise BadInput(
            f"template '{name}' failed: {type(exc).__name__}: {exc}",
            hint=f"Fix it with: cnet template edit {name}, or go back with: cnet template reset {name}",
        ) from None
    return tidy(text)


def edit_template(name: str) -> Path:
    """Edit the user's version of a template in $EDITOR; save it (0600) only when it compiles."""
    from jinja2 import TemplateSyntaxError

    from ..paths import edit_in_editor, write_private

    text, _path, _mine = template_source(name)
    new = edit_in_editor(text, suffix=".j2", what=f"template '{name}'")
    try:
        _environment().parse(new)
    except TemplateSyntaxError as exc:
        raise BadInput(f"template '{name}' line {exc.lineno}: {exc.message}; not saved") from exc
    return write_private(user_dir() / template_file(name), new, what="template", make_folder=True, allow_stdout=False)


def tidy(text: str) -> str:
    """Fold spaces, drop spaces before punctuation and doubled full stops, keep one blank line between paragraphs."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = re.sub(r"[ \t]+", " ", raw).strip()
        line = re.sub(r" +([.,;:!?])(?=\s|$)", r"\1", line)
        line = re.sub(r"(?<!\.)\.\.(?!\.)", ".", line)
        line = re.sub(r"([!?:;,])\.", r"\1", line)
        if not line and (not lines or not lines[-1]):
            continue
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def split_subject(text: str) -> tuple[str | None, str]:
    first, _, rest = text.partition("\n")
    if first.startswith("Subject: "):
        return first[len("Subject: ") :].strip(), rest.lstrip("\n")
    return None, text


def as_eml(text: str, *, me: dict, to: list[dict]) -> tuple[str, list[str]]:
    """An RFC 5322 message from a text draft; returns it and warnings about missing addresses."""
    subject, body = split_subject(text)
    msg = EmailMessage()
    warnings = []
    msg["From"] = formataddr((me["name"], me["email"])) if me.get("email") else formataddr((me["name"], "me@localhost"))
    if not me.get("email"):
        warnings.append("you have no e-mail address: add one with cnet edit me --email ...")
    addresses = []
    for p in to:
        if p.get("email"):
            addresses.append(formataddr((p["name"], p["email"])))
        else:
            warnings.append(f"{p['name']} has no e-mail address: add one with cnet edit {p['handle']} --email ...")
    msg["To"] = ", ".join(addresses) if addresses else "undisclosed-recipients:;"
    msg["Subject"] = subject or "Introduction"
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="cnet.local")
    msg.set_content(body)
    return msg.as_string(), warnings
