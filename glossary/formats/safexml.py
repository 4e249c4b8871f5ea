"""Parsing untrusted XML: through defusedxml, keeping each element's line number.

Entity declarations (billion laughs, external entities, parameter entities) and
references to external resources are refused before anything is read from the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

import defusedxml
import defusedxml.ElementTree

from glossary.formats.terms import ImportFileError


class UnsafeXMLError(ImportFileError):
    """The file tries something an XML parser must not do; nothing was imported."""


@dataclass(slots=True)
class ParsedXML:
    root: Element
    lines: dict[int, int]  # id(element) → line where it starts

    def line(self, element: Element) -> int:
        return self.lines.get(id(element), 0)


class _LineBuilder:
    """A tree builder that notes the parser's line at each start tag."""

    def __init__(self) -> None:
        self.builder = TreeBuilder()
        self.lines: dict[int, int] = {}
        self.parser: Any = None

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = self.builder.start(tag, attrs)
        self.lines[id(element)] = int(self.parser.parser.CurrentLineNumber) if self.parser else 0
        return element

    def end(self, tag: str) -> Element:
        return self.builder.end(tag)

    def data(self, data: str) -> None:
        self.builder.data(data)

    def close(self) -> Element:
        return self.builder.close()


def parse_xml(data: bytes, name: str) -> ParsedXML:
    """The element tree of `data`, or UnsafeXMLError / ImportFileError with one line."""
    builder = _LineBuilder()
    parser = defusedxml.ElementTree.DefusedXMLParser(
        target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    builder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except defusedxml.EntitiesForbidden:
        raise UnsafeXMLError(
            f"{name}: refused: the XML declares entities (used for entity-expansion "
            "'billion laughs' and external-entity attacks); nothing imported"
        ) from None
    except defusedxml.ExternalReferenceForbidden:
        raise UnsafeXMLError(
            f"{name}: refused: the XML refers to an external resource; nothing imported"
        ) from None
    except defusedxml.DefusedXmlException as exc:
        raise UnsafeXMLError(f"{name}: refused: {exc}; nothing imported") from None
    except ParseError as exc:
        line, column = exc.position
        raise ImportFileError(
            f"{name}: not well-formed XML (line {line}, column {column + 1}); nothing imported"
        ) from None
    return ParsedXML(root, builder.lines)
