from flask import Blueprint

# Registered under engage/rights' blueprint: endpoints are "rights.erasure.<view>". The views
# are in routes.py (signed in, and staff) and by_reference.py (without an account).
bp = Blueprint("erasure", __name__)
