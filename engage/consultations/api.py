"""What other packages may use of consultations: the demo and scale data. Everything else in
engage/consultations is its own."""

from engage.consultations.demo import create_demo_consultations
from engage.consultations.demo_responses import (
    add_scale_consultation,
    create_demo_consultation_responses,
)

__all__ = [
    "add_scale_consultation",
    "create_demo_consultation_responses",
    "create_demo_consultations",
]
