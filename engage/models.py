"""Imports every feature's models, so the metadata (for migrations and the tests'
create_all) is complete however the app was started."""

from engage.accounts import models as accounts  # noqa: F401
from engage.accounts import notifications as email_preferences  # noqa: F401
from engage.consultations import models as consultations  # noqa: F401
from engage.consultations.materials import models as consultation_materials  # noqa: F401
from engage.consultations.outcome import models as consultation_outcomes  # noqa: F401
from engage.core import audit, count_snapshots, email, theme_models  # noqa: F401
from engage.directory import models as directory  # noqa: F401
from engage.directory.importing import models as directory_imports  # noqa: F401
from engage.directory.opportunities import models as opportunities  # noqa: F401
from engage.monitoring import models as monitoring  # noqa: F401
from engage.panels import models as panels  # noqa: F401
from engage.policies import models as policies  # noqa: F401
from engage.recruitment import models as recruitment  # noqa: F401
from engage.reference import models as reference  # noqa: F401
from engage.rights.erasure import models as erasure_requests  # noqa: F401
from engage.stories import models as stories  # noqa: F401
from engage.strategy import models as strategy  # noqa: F401
