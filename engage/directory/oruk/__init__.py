"""The Open Referral UK (HSDS-UK 3.0) API of the directory: routes.py (the views), queries.py
(the filtered, paged queries), documents.py (our records as ORUK objects), postcodes.py
(postcode districts placed without the internet). openapi.json is the standard's own OpenAPI
document, copied unmodified from https://openreferraluk.org/specifications/3.0/openapi.json
(tpximpact/oruk-standard-and-website at 5826f64b0f4b; BSD-3-Clause, its info.license naming
CC BY-SA 4.0); the API serves it with ``servers`` pointing here."""
