"""IMS QTI 2.1: a content package (zip) with one ``assessmentItem`` per question, the media
files beside them, and ``imsmanifest.xml`` listing both.

Types: single/multiple/truefalse → choiceInteraction, short → textEntryInteraction with a
mapping, numeric (one exact value or ±tolerance) → textEntryInteraction (float) with a
tolerance check, sequence → orderInteraction, matching → matchInteraction, essay →
extendedTextInteraction. The rest is reported (OQ400). Export only: QTI import is not offered.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from oqu.assess.banks.common import Bank, approx, body_html, cannot, text_of
from oqu.assess.banks.source import safe_media_name
from oqu.assess.interactions import option_id
from oqu.diagnostics import Diagnostics
from oqu.model.content import Question

FMT = "qti21"
NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
LOC = NS + " http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
MATCH_CORRECT = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"
MAP_RESPONSE = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response"
STAMP = (1980, 1, 1, 0, 0, 0)


def _e(
    parent: etree._Element | None, tag: str, text: str | None = None, **attrs: str
) -> etree._Element:
    el = (
        etree.Element(f"{{{NS}}}{tag}", attrs)
        if parent is None
        else etree.SubElement(parent, f"{{{NS}}}{tag}", attrs)
    )
    if text is not None:
        el.text = text
    return el


def _xhtml(parent: etree._Element, fragment: str, *, inline: bool = False) -> None:
    """Put an HTML fragment (ours, sanitised) into the QTI body as XHTML elements; block
    context wraps loose text in ``<p>``, inline context (a choice) keeps it as text."""
    fragment = re.sub(r"<(img|br|hr)\b([^>]*?)/?>", r"<\1\2/>", fragment)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    wrapper = etree.fromstring(f'<div xmlns="{NS}">{fragment}</div>'.encode(), parser)
    if inline:
        parent.text = wrapper.text
    elif wrapper.text and wrapper.text.strip():
        _e(parent, "p", wrapper.text.strip())
    for child in wrapper:
        parent.append(child)


def _ids(n: int) -> list[str]:
    return [option_id(i).upper() if option_id(i).isalpha() else f"C{i}" for i in range(n)]


def item(q: Question, media: dict[str, str], diags: Diagnostics) -> bytes | None:
    if q.type not in (
        "single",
        "multiple",
        "truefalse",
        "short",
        "numeric",
        "sequence",
        "matching",
        "essay",
    ):
        cannot(diags, q, FMT)
        return None
    if q.type == "numeric" and len(q.numeric) > 1:
        approx(diags, q, FMT, "only the first numeric answer is kept")
    ident = re.sub(r"[^A-Za-z0-9_.-]", "_", q.id) or "item"
    title = text_of(q.prompt)[:200] or q.id
    root = _e(None, "assessmentItem", identifier=ident, title=title, adaptive="false")
    root.set("timeDependent", "false")
    root.set(f"{{{XSI}}}schemaLocation", LOC)
    card = {"multiple": "multiple", "sequence": "ordered", "matching": "multiple"}.get(
        q.type, "single"
    )
    base = {
        "short": "string",
        "numeric": "float",
        "matching": "directedPair",
        "essay": "string",
    }.get(q.type, "identifier")
    decl = _e(root, "responseDeclaration", identifier="RESPONSE", cardinality=card, baseType=base)
    n = len(q.choices)
    ids = _ids(n)
    if q.type in ("single", "multiple"):
        cr = _e(decl, "correctResponse")
        for i, c in enumerate(q.choices):
            if c.correct:
                _e(cr, "value", ids[i])
    elif q.type == "truefalse":
        ids = ["TRUE", "FALSE"]
        _e(_e(decl, "correctResponse"), "value", "TRUE" if q.truth else "FALSE")
    elif q.type == "short":
        cr = _e(decl, "correctResponse")
        _e(cr, "value", q.accepted[0])
        mapping = _e(decl, "mapping", defaultValue="0")
        for ans in q.accepted:
            _e(
                mapping,
                "mapEntry",
                mapKey=ans,
                mappedValue="1",
                caseSensitive="true" if q.case_sensitive else "false",
            )
    elif q.type == "numeric":
        a = q.numeric[0]
        mid = (a.low + a.high) / 2
        _e(_e(decl, "correctResponse"), "value", repr(mid))
    elif q.type == "sequence":
        cr = _e(decl, "correctResponse")
        for ident in ids:
            _e(cr, "value", ident)
    elif q.type == "matching":
        lefts = [left for left, _ in q.pairs if left]
        rights = list(dict.fromkeys(r for _, r in q.pairs))
        cr = _e(decl, "correctResponse")
        for i, (_left, right) in enumerate(p for p in q.pairs if p[0]):
            _e(cr, "value", f"L{i} R{rights.index(right)}")
    outcome = _e(
        root, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float"
    )
    _e(_e(outcome, "defaultValue"), "value", "0")
    body = _e(root, "itemBody")
    text, _images = body_html(q, media)
    _xhtml(body, text)
    if q.type in ("single", "multiple", "truefalse"):
        inter = _e(body, "choiceInteraction", responseIdentifier="RESPONSE", shuffle="true",
                   maxChoices="1" if q.type != "multiple" else "0")  # fmt: skip
        options = q.choices if q.type != "truefalse" else []
        if q.type == "truefalse":
            for ident, word in zip(ids, ("True", "False"), strict=True):
                _e(inter, "simpleChoice", word, identifier=ident)
        for ident, c in zip(ids, options, strict=False):
            _xhtml(_e(inter, "simpleChoice", identifier=ident), c.text, inline=True)
    elif q.type in ("short", "numeric"):
        p = _e(body, "p")
        _e(p, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength="20")
    elif q.type == "sequence":
        inter = _e(body, "orderInteraction", responseIdentifier="RESPONSE", shuffle="true")
        for ident, c in zip(ids, q.choices, strict=True):
            _xhtml(_e(inter, "simpleChoice", identifier=ident), c.text, inline=True)
    elif q.type == "matching":
        inter = _e(
            body,
            "matchInteraction",
            responseIdentifier="RESPONSE",
            shuffle="true",
            maxAssociations=str(len(lefts)),
        )
        src = _e(inter, "simpleMatchSet")
        for i, left in enumerate(lefts):
            _xhtml(
                _e(src, "simpleAssociableChoice", identifier=f"L{i}", matchMax="1"),
                left,
                inline=True,
            )
        dst = _e(inter, "simpleMatchSet")
        for i, right in enumerate(rights):
            _xhtml(
                _e(dst, "simpleAssociableChoice", identifier=f"R{i}", matchMax=str(len(lefts))),
                right,
                inline=True,
            )
    else:
        _e(body, "extendedTextInteraction", responseIdentifier="RESPONSE", expectedLines="10")
    if q.type == "short":
        _e(root, "responseProcessing", template=MAP_RESPONSE)
    elif q.type == "numeric":
        a = q.numeric[0]
        mid = (a.low + a.high) / 2
        rp = _e(root, "responseProcessing")
        cond = _e(rp, "responseCondition")
        rif = _e(cond, "responseIf")
        eq = _e(
            rif,
            "equal",
            toleranceMode="absolute",
            tolerance=f"{(a.high - a.low) / 2!r} {(a.high - a.low) / 2!r}",
        )
        _e(eq, "variable", identifier="RESPONSE")
        _e(eq, "baseValue", repr(mid), baseType="float")
        _e(_e(rif, "setOutcomeValue", identifier="SCORE"), "baseValue", "1", baseType="float")
    elif q.type != "essay":
        _e(root, "responseProcessing", template=MATCH_CORRECT)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export(bank: Bank, diags: Diagnostics) -> bytes:
    buf = io.BytesIO()
    manifest = etree.Element(
        f"{{{CP}}}manifest",
        identifier="oqu-" + re.sub(r"\W", "_", bank.title)[:40],
        nsmap={None: CP},  # type: ignore[dict-item]
    )
    meta = etree.SubElement(manifest, f"{{{CP}}}metadata")
    etree.SubElement(meta, f"{{{CP}}}schema").text = "QTIv2.1 Package"
    etree.SubElement(meta, f"{{{CP}}}schemaversion").text = "1.0.0"
    etree.SubElement(manifest, f"{{{CP}}}organizations")
    resources = etree.SubElement(manifest, f"{{{CP}}}resources")
    files: dict[str, bytes] = {}
    for q in bank.questions():
        from oqu.model.content import Image

        media = {b.src: "media/" + safe_media_name(b.src) for b in q.body if isinstance(b, Image)}
        data = item(q, media, diags)
        if data is None:
            continue
        name = "items/" + re.sub(r"[^A-Za-z0-9_.-]", "_", q.id) + ".xml"
        files[name] = data
        res = etree.SubElement(
            resources,
            f"{{{CP}}}resource",
            identifier="R_" + re.sub(r"[^A-Za-z0-9_]", "_", q.id),
            type="imsqti_item_xmlv2p1",
            href=name,
        )
        etree.SubElement(res, f"{{{CP}}}file", href=name)
        for src, target in media.items():
            path = bank.root / src if bank.root else None
            blob = bank.media.get(src) or (path.read_bytes() if path and path.is_file() else None)
            if blob is not None:
                files["items/" + target] = blob
                etree.SubElement(res, f"{{{CP}}}file", href="items/" + target)
    etree.indent(manifest, space="  ")
    files["imsmanifest.xml"] = etree.tostring(
        manifest, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files, key=lambda n: (n != "imsmanifest.xml", n)):
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, files[name])
    return buf.getvalue()
