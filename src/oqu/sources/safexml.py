"""Untrusted XML from packages made elsewhere (manifests, tools' data files): parsed hardened.

Shared by the SCORM reader and the readers of other tools' formats, which import it rather
than each other.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

__all__ = ["XMLRefused", "parse_xml"]

_XML_PARSER_ARGS: dict[str, Any] = dict(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, dtd_validation=False
)


class XMLRefused(ValueError):
    """The XML declares a DTD (and so could declare entities): refused, never parsed further."""


def parse_xml(data: bytes) -> etree._Element:
    """Hardened lxml parse; a DOCTYPE (and so any entity declaration) is refused."""
    head = data[:4096]
    for probe in (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be")):
        if probe in head:
            raise XMLRefused("DOCTYPE / entity declarations are not allowed")
    parser = etree.XMLParser(**_XML_PARSER_ARGS)
    root = etree.fromstring(data, parser)
    if getattr(root.getroottree().docinfo, "doctype", ""):
        raise XMLRefused("DOCTYPE / entity declarations are not allowed")
    return root
