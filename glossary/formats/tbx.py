"""TBX: TBX-Basic v3 (ISO 30042:2019, DCA style) out; TBX v3 and TBX 2008 (martif) in.

One conceptEntry per entry, with an Arabic and a French langSec. The Arabic termSec
carries the context sentence and its document; variants are more Arabic termSecs
(termType variant); the acronym is its own French termSec (termType acronym). What
TBX-Basic has no data category for travels in notes that the importer reads back:
"kind: …" on the concept, "origin: …; confidence: …" on the French term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import TextIO
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from glossary.equivalents import ORIGINS
from glossary.export import ExportRow
from glossary.formats.safexml import ParsedXML, parse_xml
from glossary.formats.terms import (
    ImportedTerm,
    ImportFileError,
    ParsedFile,
    Problem,
    clean,
    has_arabic,
)
from glossary.lexicon import KINDS

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TITLE = "Glossaire arabe-français (ar-fr-glossary)"

ADMINISTRATIVE_STATUS = {
    "approved": "preferredTerm-admn-sts",
    "proposed": "admittedTerm-admn-sts",
    "candidate": "admittedTerm-admn-sts",
    "rejected": "deprecatedTerm-admn-sts",
}
_STATUS_FROM_TBX = {
    "preferredTerm-admn-sts": "approved",
    "admittedTerm-admn-sts": "proposed",
    "deprecatedTerm-admn-sts": "rejected",
    "supersededTerm-admn-sts": "rejected",
}
_ACRONYM_TYPES = ("acronym", "abbreviation", "shortForm")
# XML 1.0 cannot carry these characters at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_KIND_NOTE = re.compile(r"kind: (\w+)")
_ORIGIN_NOTE = re.compile(r"origin: (\w+); confidence: ([0-9.]+)")


# --- writing ---------------------------------------------------------------------------


def write_tbx(rows: Iterable[ExportRow], out: TextIO) -> int:
    """Write a TBX-Basic v3 document; returns the number of conceptEntries."""
    root = Element(
        "tbx", {"xmlns": TBX_NAMESPACE, "type": "TBX-Basic", "style": "dca", XML_LANG: "fr"}
    )
    header = SubElement(SubElement(root, "tbxHeader"), "fileDesc")
    SubElement(SubElement(header, "sourceDesc"), "p").text = TITLE
    text = SubElement(root, "text")
    body = Element("body")
    count = 0
    for count, row in enumerate(rows, start=1):
        body.append(_concept(row, f"c{count}"))
    if count:  # a body needs at least one conceptEntry; an empty glossary has none
        text.append(body)
    indent(root, space="  ")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(tostring(root, encoding="unicode"))
    out.write("\n")
    return count


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _add(parent: Element, tag: str, value: str, **attrs: str) -> Element:
    element = SubElement(parent, tag, attrs)
    element.text = _text(value)
    return element


def _concept(row: ExportRow, concept_id: str) -> Element:
    concept = Element("conceptEntry", {"id": concept_id})
    if row.domain:
        _add(concept, "descrip", row.domain, type="subjectField")
    _add(concept, "note", f"kind: {row.kind}")
    if row.note:
        _add(concept, "note", row.note)
    for transaction, date in (("origination", row.created_at), ("modification", row.updated_at)):
        if _is_date(date):
            group = SubElement(concept, "transacGrp")
            _add(group, "transac", transaction, type="transactionType")
            _add(group, "date", date)
    status = ADMINISTRATIVE_STATUS.get(row.status, "admittedTerm-admn-sts")
    arabic = SubElement(concept, "langSec", {XML_LANG: "ar"})
    term = _term(arabic, row.ar, "fullForm", status)
    if row.context:
        group = SubElement(term, "descripGrp")
        _add(group, "descrip", row.context, type="context")
        if row.context_document:
            _add(group, "admin", row.context_document, type="source")
    for variant in row.variants:
        _term(arabic, variant, "variant", None)
    if row.fr or row.acronym:
        french = SubElement(concept, "langSec", {XML_LANG: "fr"})
        terms = []
        if row.fr:
            terms.append(_term(french, row.fr, "fullForm", status))
        if row.acronym:
            terms.append(_term(french, row.acronym, "acronym", status))
        if row.origin:
            _add(terms[0], "note", f"origin: {row.origin}; confidence: {row.confidence:.2f}")
    return concept


def _term(lang_sec: Element, value: str, term_type: str, status: str | None) -> Element:
    term_sec = SubElement(lang_sec, "termSec")
    _add(term_sec, "term", value)
    _add(term_sec, "termNote", term_type, type="termType")
    if status:
        _add(term_sec, "termNote", status, type="administrativeStatus")
    _add(term_sec, "termNote", "noun", type="partOfSpeech")
    return term_sec


def _is_date(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


# --- reading ---------------------------------------------------------------------------


def read_tbx(data: bytes, name: str) -> ParsedFile:
    """Terms and bad entries of a TBX v3 (`<tbx>`) or TBX 2008 (`<martif>`) file."""
    xml = parse_xml(data, name)
    root_name = _local(xml.root.tag)
    if root_name not in ("tbx", "martif"):
        raise ImportFileError(f"{name}: not TBX (the root element is <{root_name}>)")
    parsed = ParsedFile()
    concepts = ("conceptEntry", "termEntry")
    for concept in (e for e in xml.root.iter() if _local(e.tag) in concepts):
        item = _read_concept(concept, xml)
        if isinstance(item, Problem):
            parsed.problems.append(item)
        else:
            parsed.terms.append(item)
    return parsed


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Element, *names: str) -> list[Element]:
    return [c for c in element if _local(c.tag) in names]


def _value(element: Element) -> str:
    return "".join(element.itertext()).strip()


def _typed(element: Element, tag: str, kind: str) -> list[Element]:
    return [c for c in _children(element, tag) if c.get("type") == kind]


class _Term:
    """One term of a langSec, whatever the TBX version wraps it in."""

    def __init__(self, holder: Element) -> None:
        # v3: termSec; 2008: tig, or ntig > termGrp (notes there, descrips on ntig).
        groups = _children(holder, "termGrp")
        inner = groups[0] if groups else holder
        term = _children(inner, "term")
        self.text = clean(_value(term[0])) if term else ""
        grouped = [n for g in _children(inner, "termNoteGrp") for n in _children(g, "termNote")]
        notes = {c.get("type"): _value(c) for c in _children(inner, "termNote") + grouped}
        self.type = notes.get("termType", "")
        self.status = _STATUS_FROM_TBX.get(notes.get("administrativeStatus", ""))
        places = (inner, holder) if groups else (holder,)
        self.notes = [_value(c) for place in places for c in _children(place, "note")]
        self.context, self.source = "", ""
        for place in (holder, *_children(holder, "descripGrp")):
            for descrip in _typed(place, "descrip", "context"):
                if not self.context:
                    self.context = _value(descrip)
                    sources = _typed(place, "admin", "source")
                    self.source = _value(sources[0]) if sources else ""


def _read_concept(concept: Element, xml: ParsedXML) -> ImportedTerm | Problem:
    line = xml.line(concept)
    arabic: list[_Term] = []
    french: list[_Term] = []
    for lang_sec in _children(concept, "langSec", "langSet"):
        lang = (lang_sec.get(XML_LANG) or lang_sec.get("lang") or "").lower()
        holders = _children(lang_sec, "termSec", "tig", "ntig")
        terms = [t for t in (_Term(h) for h in holders) if t.text]
        if lang == "ar" or lang.startswith("ar-"):
            arabic.extend(t for t in terms if has_arabic(t.text))
        elif lang == "fr" or lang.startswith("fr-"):
            french.extend(terms)
    if not arabic:
        return Problem(line, "no Arabic term in this entry")
    main = next((t for t in arabic if t.type in ("", "fullForm")), arabic[0])
    result = ImportedTerm(line, main.text, context=main.context, context_document=main.source)
    result.variants = [t.text for t in arabic if t is not main]
    full = [t for t in french if t.type not in _ACRONYM_TYPES]
    short = [t for t in french if t.type in _ACRONYM_TYPES]
    full.sort(key=lambda t: t.status != "approved")  # a preferred term first
    result.fr = full[0].text if full else ""
    result.alternatives = [t.text for t in full[1:]]
    result.acronym = short[0].text if short else ""
    status = main.status or next((t.status for t in french if t.status), None)
    if status == "proposed" and not (result.fr or result.acronym):
        status = "candidate"  # admitted, but nothing to translate it with yet
    result.status = status
    for note in [n for t in french for n in t.notes]:
        match = _ORIGIN_NOTE.fullmatch(note)
        if match and match[1] in ORIGINS and float(match[2]) <= 1:
            result.origin, result.confidence = match[1], float(match[2])
    _read_concept_level(concept, result)
    return result


def _read_concept_level(concept: Element, result: ImportedTerm) -> None:
    fields = _typed(concept, "descrip", "subjectField")
    for group in _children(concept, "descripGrp"):
        fields += _typed(group, "descrip", "subjectField")
    result.domain = _value(fields[0]) if fields else ""
    notes = []
    for note in (_value(n) for n in _children(concept, "note")):
        match = _KIND_NOTE.fullmatch(note)
        if match and match[1] in KINDS and result.kind is None:
            result.kind = match[1]
        elif note:
            notes.append(note)
    result.note = "\n".join(notes)
    for group in _children(concept, "transacGrp"):
        kinds = [_value(t) for t in _children(group, "transac")]
        dates = [_value(d) for d in _children(group, "date") if _is_date(_value(d))]
        if dates and "origination" in kinds:
            result.created_at = dates[0]
        elif dates and "modification" in kinds:
            result.updated_at = dates[0]
