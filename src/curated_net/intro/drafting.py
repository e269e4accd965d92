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
    file = template_file(name)
    user = user_dir() / file
    if user.exists():
        return user.read_text(encoding="utf-8"), user, True
    path = PACKAGE_DIR / file
    return path.read_text(encoding="utf-8"), path, False


def _environment():
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader(str(user_dir())), FileSystemLoader(str(PACKAGE_DIR))]),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )


def render(name: str, context: dict) -> str:
    """Render a template and tidy its spacing; a broken template is a clear error naming it."""
    from jinja2 import TemplateError, TemplateSyntaxError
    from jinja2.exceptions import SecurityError, UndefinedError

    file = template_file(name)
    env = _environment()
    try:
        text = env.get_template(file).render(**context)
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
    return tidy(text)


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
