"""Reference data: local authorities."""

from __future__ import annotations

import factory

from engage.reference.models import LocalAuthority
from tests.factories.base import ModelFactory


class LocalAuthorityFactory(ModelFactory):
    """A made-up authority. Its E99 code is one no real authority has, so it never clashes
    with the six that load_reference_data() adds."""

    class Meta:
        model = LocalAuthority

    code = factory.Sequence(lambda n: f"E99{n:06d}")
    name = factory.Sequence(lambda n: f"Test Borough {n}")


__all__ = ["LocalAuthorityFactory"]
