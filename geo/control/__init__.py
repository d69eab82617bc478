"""Control as of a date, computed from the claims frame: timeline, state of control, areas.

``from geo import control`` gives the whole stage: ``control.prepare_claims``,
``control.control_as_of``, ``control.events_in_window``, ``control.control_areas``...
"""

from geo.control.areas import control_areas
from geo.control.asof import CONTESTED, CONTROL_STATUSES, ControlIndex
from geo.control.state import (
    CRS,
    EVENT_STATUSES,
    control_as_of,
    events_in_window,
    shown_control,
)
from geo.control.timeline import (
    PLACE_COLUMNS,
    PLAUSIBLE,
    WINDOWS,
    ClaimFilter,
    clamp_date,
    clamp_range,
    data_span,
    filter_claims,
    prepare_claims,
    step_date,
    window_bounds,
)

__all__ = [
    "CONTESTED",
    "CONTROL_STATUSES",
    "CRS",
    "EVENT_STATUSES",
    "PLACE_COLUMNS",
    "PLAUSIBLE",
    "WINDOWS",
    "ClaimFilter",
    "ControlIndex",
    "clamp_date",
    "clamp_range",
    "control_areas",
    "control_as_of",
    "data_span",
    "events_in_window",
    "filter_claims",
    "prepare_claims",
    "shown_control",
    "step_date",
    "window_bounds",
]
