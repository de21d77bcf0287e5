from flask import Blueprint

# Stage blueprints (download, erasure) are registered under this one: endpoints are
# "rights.download.<view>" and "rights.erasure.<view>".
bp = Blueprint("rights", __name__)
