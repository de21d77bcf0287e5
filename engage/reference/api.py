"""What other packages may use of the reference data: the six local authorities."""

from engage.reference.models import LocalAuthority
from engage.reference.services import local_authorities, upsert_local_authority

__all__ = ["LocalAuthority", "local_authorities", "upsert_local_authority"]
