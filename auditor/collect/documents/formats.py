"""Text, headings and front matter out of Markdown, DOCX and PDF files."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any
from xml.etree import ElementTree

import yaml

from auditor.collect.documents.records import normalise
from auditor.collect.documents.sections import markdown_headings
from auditor.errors import CollectorError
from auditor.models import ErrorKind

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FRONT = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.DOTALL)
SUFFIXES = (".md", ".markdown", ".docx", ".pdf")


@dataclass
class DocText:
    text: str
    headings: list[str]
    meta: dict[str, Any] = field(default_factory=dict)


def _front_matter(text: str, origin: str) -> tuple[dict[str, Any], str]:
    m = _FRONT.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        raise CollectorError(ErrorKind.parse, f"{origin}: invalid YAML front matter") from None
    if not isinstance(meta, dict):
        raise CollectorError(ErrorKind.parse, f"{origin}: front matter must be a mapping")
    return normalise(meta), text[m.end() :]


def markdown(raw: bytes, origin: str) -> DocText:
    meta, body = _front_matter(raw.decode("utf-8-sig", errors="replace"), origin)
    return DocText(body, markdown_headings(body), meta)


def docx(raw: bytes, origin: str) -> DocText:
    """Paragraph text and Heading-styled paragraphs from word/document.xml."""
    try:
        with zipfile.ZipFile(BytesIO(raw)) as zf:
            root = ElementTree.fromstring(zf.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        raise CollectorError(ErrorKind.parse, f"{origin}: not a readable DOCX file") from None
    lines: list[str] = []
    headings: list[str] = []
    for para in root.iter(f"{_W}p"):
        text = "".join(t.text or "" for t in para.iter(f"{_W}t"))
        style = para.find(f"{_W}pPr/{_W}pStyle")
        if style is not None and style.get(f"{_W}val", "").lower().startswith(("heading", "title")):
            headings.append(text)
        lines.append(text)
    return DocText("\n".join(lines), headings)


def pdf(raw: bytes, origin: str) -> DocText:
    """Text through poppler's pdftotext when present; sections then come from the sidecar."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return DocText("", [])
    proc = subprocess.run([exe, "-q", "-", "-"], input=raw, capture_output=True, timeout=30, check=False)
    if proc.returncode != 0:
        raise CollectorError(ErrorKind.parse, f"{origin}: pdftotext could not read the PDF")
    return DocText(proc.stdout.decode("utf-8", errors="replace"), [])


def extract(raw: bytes, suffix: str, origin: str) -> DocText:
    if suffix in (".md", ".markdown"):
        return markdown(raw, origin)
    if suffix == ".docx":
        return docx(raw, origin)
    return pdf(raw, origin)
