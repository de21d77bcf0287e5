"""The directory as an Open Referral UK (HSDS-UK 3.0) API, at /api/oruk: read only, open to
anyone without a key (any web page may call it: CORS allows every origin), limited per address
by ORUK_RATE_LIMIT. Every answer, errors included, is JSON."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, current_app, request, url_for
from werkzeug.exceptions import HTTPException

from engage.core.access import PUBLIC, access
from engage.core.rate_limits import limit_gets
from engage.directory.oruk import documents, queries
from engage.directory.oruk.documents import TAXONOMIES, TAXONOMY_BY_ID, TERM_BY_ID

bp = Blueprint("oruk", __name__, url_prefix="/api/oruk")

VERSION = "HSDS-UK-3.0"
PROFILE = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
OPENAPI_FILE = Path(__file__).with_name("openapi.json")
# The parameters the standard's openapi.json lists for each list.
SERVICE_FILTERS = frozenset(
    {"search", "format", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after"}
)
PLACE_FILTERS = SERVICE_FILTERS | {"postcode", "proximity"}
PLAIN = frozenset({"search", "format"})
TERM_FILTERS = PLAIN | {"taxonomy_id", "parent_id"}

# Every view here: anyone, and one shared count of GETs per address.
limited = limit_gets("ORUK_RATE_LIMIT", scope="oruk-api")


def _json(document: Any, status: int = 200) -> Response:
    response = current_app.json.response(document)
    response.status_code = status
    return response


@bp.after_request
def allow_any_origin(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    if request.method == "OPTIONS":  # a browser's preflight: no content, only the headers
        response.status_code = 204
        response.set_data(b"")
        response.mimetype = "text/plain"
        response.headers["Access-Control-Allow-Methods"] = "GET, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


@bp.errorhandler(HTTPException)
def json_error(error: HTTPException) -> Response:
    code = error.code or 500
    return _json({"status": code, "error": error.name, "message": error.description}, code)


@bp.errorhandler(queries.BadParameter)
def bad_parameter(error: queries.BadParameter) -> Response:
    return _json({"status": 400, "error": "Bad Request", "message": str(error)}, 400)


@bp.route("/")
@access(PUBLIC)
@limited
def api_details() -> Response:
    return _json(
        {
            "version": VERSION,
            "profile": PROFILE,
            "openapi_url": current_app.config["BASE_URL"].rstrip("/") + url_for(".openapi"),
        }
    )


@cache
def _standard_openapi() -> dict[str, Any]:
    return json.loads(OPENAPI_FILE.read_text())


@bp.route("/openapi.json")
@access(PUBLIC)
@limited
def openapi() -> Response:
    """The standard's OpenAPI document (its credit and licence kept), pointed at this API."""
    document = copy.deepcopy(_standard_openapi())
    base = current_app.config["BASE_URL"].rstrip("/") + url_for(".api_details").rstrip("/")
    document["servers"] = [{"url": base, "description": "LCR Engage's VCFSE directory"}]
    info = document["info"]
    info.pop("contact", None)  # the standard's placeholders ("YOUR CONTACT NAME HERE")
    info["summary"] = "The VCFSE directory of LCR Engage, in the Open Referral UK profile"
    info["description"] = (
        f"{info.get('description', '')}. Served by LCR Engage for its directory of voluntary, "
        "community, faith and social enterprise organisations: only listed organisations, "
        "their services and venues. A postcode is placed at the centre of its postcode "
        "district (approximate centres of the Liverpool City Region's districts), so "
        "distances are rough. Human Services Data Specification UK: an Open Referral UK "
        "resource (https://openreferraluk.org/)."
    )
    return _json(document)


@bp.route("/services")
@access(PUBLIC)
@limited
def services() -> Response:
    args = queries.parse_list_args(request.args, SERVICE_FILTERS)
    paged = queries.services_page(args)
    contents = [documents.service(service, organisation) for service, organisation in paged.items]
    return _json(queries.page_document(paged, contents))


@bp.route("/services/<service_uuid>")
@access(PUBLIC)
@limited
def service(service_uuid: str) -> Response:
    found = queries.listed_service(queries.parse_uuid(service_uuid, "id")) or abort(404)
    record, organisation = found
    places = queries.places_of(record.id)
    return _json(documents.service_full(record, organisation, places))


@bp.route("/organizations")
@access(PUBLIC)
@limited
def organizations() -> Response:
    args = queries.parse_list_args(request.args, PLAIN)
    paged = queries.organisations_page(args)
    return _json(
        queries.page_document(paged, [documents.organization(row[0]) for row in paged.items])
    )


@bp.route("/organizations/<organization_uuid>")
@access(PUBLIC)
@limited
def organization(organization_uuid: str) -> Response:
    found = queries.listed_organisation(queries.parse_uuid(organization_uuid, "id"))
    organisation, services_, places = found or abort(404)
    return _json(documents.organization_full(organisation, services_, places))


@bp.route("/service_at_locations")
@access(PUBLIC)
@limited
def service_at_locations() -> Response:
    args = queries.parse_list_args(request.args, PLACE_FILTERS)
    paged = queries.service_at_locations_page(args)
    contents = [
        documents.service_at_location(link, record, place, organisation, full=False)
        for link, record, organisation, place in paged.items
    ]
    return _json(queries.page_document(paged, contents))


@bp.route("/service_at_locations/<service_at_location_uuid>")
@access(PUBLIC)
@limited
def service_at_location(service_at_location_uuid: str) -> Response:
    found = queries.listed_service_at_location(queries.parse_uuid(service_at_location_uuid, "id"))
    link, record, organisation, place = found or abort(404)
    return _json(documents.service_at_location(link, record, place, organisation))


def _matches(words: list[str], *texts: str) -> bool:
    folded = " ".join(texts).casefold()
    return all(word in folded for word in words)


@bp.route("/taxonomies")
@access(PUBLIC)
@limited
def taxonomies() -> Response:
    args = queries.parse_list_args(request.args, PLAIN)
    found = [t for t in TAXONOMIES if _matches(args.words, t.name, t.description)]
    paged = queries.page_of_list([] if args.nothing else found, args)
    contents = [documents.taxonomy(t, with_terms=False) for t in paged.items]
    return _json(queries.page_document(paged, contents))


@bp.route("/taxonomies/<taxonomy_uuid>")
@access(PUBLIC)
@limited
def taxonomy(taxonomy_uuid: str) -> Response:
    found = TAXONOMY_BY_ID.get(queries.parse_uuid(taxonomy_uuid, "id")) or abort(404)
    return _json(documents.taxonomy(found, with_terms=True))


@bp.route("/taxonomy_terms")
@access(PUBLIC)
@limited
def taxonomy_terms() -> Response:
    """Every term of our four taxonomies (categories, kinds, communities, led by); all are
    top-level terms, so ``top_only`` changes nothing and ``parent_id`` finds none."""
    args = queries.parse_list_args(request.args, TERM_FILTERS)
    found = [
        (t, term)
        for t in TAXONOMIES
        for term in t.terms
        if (args.taxonomy is None or t.key == args.taxonomy)
        and _matches(args.words, term.label, t.name)
    ]
    paged = queries.page_of_list([] if args.nothing else found, args)
    contents = [documents.taxonomy_term(t, term) for t, term in paged.items]
    return _json(queries.page_document(paged, contents))


@bp.route("/taxonomy_terms/<taxonomy_term_uuid>")
@access(PUBLIC)
@limited
def taxonomy_term(taxonomy_term_uuid: str) -> Response:
    found = TERM_BY_ID.get(queries.parse_uuid(taxonomy_term_uuid, "id")) or abort(404)
    return _json(documents.taxonomy_term(*found))
