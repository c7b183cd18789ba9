"""The review player: a version's package served from a capability URL into a sandboxed frame,
with the preview LMS (:mod:`oqu.portal.workflow.lms_preview`) put into every page."""

from __future__ import annotations

import mimetypes
import posixpath

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from oqu.portal.workflow import lms_preview
from oqu.portal.workflow.models import Version
from oqu.sources.safezip import ZipRefused, open_zip

PLAY_SALT = "oqu.portal.play"
PLAY_MAX_AGE = 6 * 3600
PLAY_MAX_ENTRY = 200 * 1024 * 1024
# Served into <iframe sandbox="allow-scripts"> (no allow-same-origin): the package runs in an
# opaque origin, cannot read the portal's cookies, DOM or storage; the CSP repeats the sandbox
# for a direct visit and keeps the package from loading anything from elsewhere.
# The CSP repeats the sandbox for a direct visit and lets the package load only from its own
# capability prefix (/play/<token>/), nothing from elsewhere, and connect nowhere.
PLAY_CSP = (
    "sandbox allow-scripts; default-src {src} data: blob:; "
    "script-src {src} 'unsafe-inline' 'unsafe-eval'; style-src {src} 'unsafe-inline'; "
    "connect-src 'none'; form-action 'none'; frame-src {src}"
)
# Only the portal frames the launch page. A page the package frames itself has the launch page
# (an opaque origin) as an ancestor, which no frame-ancestors source and no X-Frame-Options
# value matches: it goes without them, sandboxed wherever it is shown.
PLAY_FRAMED_BY_PORTAL = "; frame-ancestors 'self'"


def play_url(version: Version) -> str:
    """A capability URL for the package: the sandboxed frame sends no cookies, so the signed
    token (version id, expires after :data:`PLAY_MAX_AGE`) is the authorisation. It also names
    the SCORM edition the preview LMS offers, so serving a file never reads the report."""
    edition = lms_preview.edition(version.kind, version.report)
    token = signing.dumps({"v": version.pk, "s": edition}, salt=PLAY_SALT, compress=True)
    return reverse("portal:play", args=[token, version.launch or "index.html"])


def play(request: HttpRequest, token: str, path: str) -> HttpResponse:
    try:
        data = signing.loads(token, salt=PLAY_SALT, max_age=PLAY_MAX_AGE)
    except signing.BadSignature:
        raise Http404(_("This link has expired; reload the review page.")) from None
    version = Version.objects.only("package", "launch").filter(pk=data.get("v")).first()
    if version is None or not version.package:
        raise Http404
    clean = posixpath.normpath(path)
    if clean != path or path.startswith(("/", "../")) or "\\" in path or "\x00" in path:
        raise Http404(_("No such file in the package."))
    max_age = 300
    if lms_preview.is_reserved(path):  # the portal's preview LMS: a package's own never shadow it
        if path != lms_preview.SCRIPT:
            raise Http404(_("No such file in the package."))
        body, ctype, max_age = lms_preview.script(), "text/javascript; charset=utf-8", PLAY_MAX_AGE
    else:
        # Through the one judge of zips, so names are decoded as the checker decoded them
        # (a Kazakh launch file zipped without the UTF-8 flag is found here too).
        with version.package.open("rb") as fh:
            try:
                safe = open_zip(fh)
            except ZipRefused:
                raise Http404(_("No such file in the package.")) from None
            with safe:
                info = safe.entries.get(path)
                if info is None or info.file_size > PLAY_MAX_ENTRY:
                    raise Http404(_("No such file in the package."))
                body = safe.zf.read(info)
        ctype = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if ctype in lms_preview.HTML_TYPES:  # every page: an SCO may sit in a frame of its own
            src = reverse("portal:play", args=[token, lms_preview.SCRIPT])
            body = lms_preview.inject(body, lms_preview.tag(src, str(data.get("s", ""))))
    response = HttpResponse(body, content_type=ctype)
    prefix = request.build_absolute_uri(reverse("portal:play", args=[token, "x"]))[:-1]
    csp = PLAY_CSP.format(src=prefix)
    if ctype in lms_preview.HTML_TYPES and path != (version.launch or "index.html"):
        response.xframe_options_exempt = True
    else:
        csp += PLAY_FRAMED_BY_PORTAL
        response["X-Frame-Options"] = "SAMEORIGIN"
    response["Content-Security-Policy"] = csp
    response["Cache-Control"] = f"private, max-age={max_age}"
    return response
