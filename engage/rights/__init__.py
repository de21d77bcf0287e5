"""People's data rights: download everything held about you, and ask for it to be erased;
staff see and carry out erasure requests. Records are gathered and erased through each
feature's ``api``, which answers for an ``engage.core.data_subject.DataSubject``."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from engage.rights.blueprint import bp
    from engage.rights.download.routes import bp as download
    from engage.rights.download.routes import register as register_download
    from engage.rights.erasure.routes import bp as erasure
    from engage.rights.erasure.routes import register as register_erasure

    # The stages are registered under the parent once, whichever app comes first (tests
    # make several apps in one process, and a blueprint cannot change once registered).
    if not bp._got_registered_once:
        bp.register_blueprint(download)
        bp.register_blueprint(erasure)
    app.register_blueprint(bp)
    register_download(app)  # "Your data" on "Your account"
    register_erasure(app)  # "Delete your data" on "Your account", after it
