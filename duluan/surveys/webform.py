"""What a page needs to embed ODK's web form engine (duluan/surveys/webform/entry.js).

The engine is bundled at install time into build/webform/ and served as
/static/webform/webform.js. A page that embeds it renders ``surveys/_webform.html``
with :func:`engine_context` and passes its response through :func:`allow_engine`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse

from duluan.core.middleware import CSP

from .models import Survey, SurveyVersion

# Only the pages that embed the engine get this policy, because the engine needs:
# - 'wasm-unsafe-eval': its XPath parser (tree-sitter) is WebAssembly, bundled in the
#   script; this allows compiling Wasm only, JavaScript eval() stays refused;
# - style-src 'unsafe-inline': its component library (PrimeVue) and its bundled
#   stylesheet inject <style> elements at run time;
# - img-src blob:: pictures from the form's attachments are shown from blob: URLs;
# - font-src data:: its stylesheet carries its fonts (Roboto) inline as data: URLs.
# Scripts still load from 'self' only.
ENGINE_CSP = (
    CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("img-src 'self' data:", "img-src 'self' data: blob:")
    .replace("font-src 'self'", "font-src 'self' data:")
)

BUNDLE = "webform/webform.js"


def map_tile_origin() -> str:
    """The origin of ``DULUAN_SURVEY_MAP_TILES``, or "" when none is set (or it is not
    an http(s) URL)."""
    parts = urlsplit(settings.SURVEY_MAP_TILES)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def engine_csp() -> str:
    """ENGINE_CSP, with the map tiles' origin in img-src when one is set."""
    origin = map_tile_origin()
    if not origin:
        return ENGINE_CSP
    return ENGINE_CSP.replace("img-src 'self' data: blob:", f"img-src 'self' data: blob: {origin}")


def bundle_built() -> bool:
    return (settings.BASE_DIR / "build" / "webform" / "webform.js").is_file()


def media_url(survey: Survey) -> str:
    """Prefix of the form's attachments: ``<prefix><filename>``."""
    try:
        return reverse("surveys:public_media", args=[survey.public_key, "x"])[:-1]
    except NoReverseMatch:  # the attachments view arrives with another change
        return f"/ks/{survey.public_key}/tep/"


def engine_context(
    survey: Survey,
    version: SurveyVersion,
    *,
    mode: str,
    submit_url: str = "",
    unit_id: int | None = None,
) -> dict[str, Any]:
    return {
        "webform": {
            "mode": mode,
            "xform": version.xform,
            "submit_url": submit_url,
            "media_url": media_url(survey),
            "unit_id": unit_id or "",
            # The half-filled form, kept in the browser (localStorage) across a reload.
            "draft_key": (
                f"duluan-ks-{survey.public_key}-{unit_id or ''}-v{version.number}"
                if mode != "preview"
                else ""
            ),
            "bundle": BUNDLE,
            "built": bundle_built(),
        }
    }


def allow_engine(response: HttpResponse) -> HttpResponse:
    response.headers["Content-Security-Policy"] = engine_csp()
    return response
