"""The bundled sample through the real pipeline, store and control logic: who held what, when.

This is what the page shows as the slider moves from June 2014 to March 2019.
"""

from datetime import date

import pytest

from geo import control
from geo.store import Store
from geo.store.sample import load_sample

MOSUL, RAQQA, TIKRIT, RAMADI, FALLUJAH = 99072, 172955, 90150, 98717, 99454
AL_QAIM, MANBIJ = 92138, 167357


@pytest.fixture(scope="module")
def claims(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('sample') / 'sample.sqlite'}")
    summary = load_sample(store)
    assert summary.new >= 300 and not summary.failed, summary
    return control.prepare_claims(store.claims_frame())


def controller(claims, geonameid: int, day: date) -> str | None:
    ctl = control.control_as_of(claims, day)
    row = ctl[ctl.geonameid == geonameid]
    return None if row.empty else row.iloc[0].controller


@pytest.mark.parametrize(
    "geonameid, day, actor",
    [
        (MOSUL, date(2015, 1, 1), "islamic_state"),
        (MOSUL, date(2017, 8, 1), "iraqi_forces"),
        (RAQQA, date(2016, 1, 1), "islamic_state"),
        (
            RAQQA,
            date(2017, 11, 1),
            "sdf",
        ),  # the seed's "pasukan AS" (us_coalition) in the same week: partners, not contest
        (TIKRIT, date(2014, 12, 1), "islamic_state"),
        (TIKRIT, date(2015, 6, 1), "iraqi_forces"),
        (RAMADI, date(2016, 3, 1), "iraqi_forces"),
        (FALLUJAH, date(2015, 6, 1), "islamic_state"),
        (FALLUJAH, date(2016, 8, 1), "iraqi_forces"),
        (AL_QAIM, date(2017, 8, 1), "islamic_state"),
        (AL_QAIM, date(2017, 12, 1), "iraqi_forces"),
        (MANBIJ, date(2016, 10, 1), "sdf"),
    ],
)
def test_control_follows_the_public_record(claims, geonameid, day, actor):
    assert controller(claims, geonameid, day) == actor


def test_islamic_state_ground_grows_then_shrinks(claims):
    def held(day):
        ctl = control.control_as_of(claims, day)
        return int((ctl.controller == "islamic_state").sum())

    counts = [held(date(y, m, 1)) for y, m in [(2014, 6), (2015, 6), (2016, 6), (2017, 12), (2019, 4)]]
    assert counts[0] < counts[1] and counts[1] >= counts[2] > counts[3] >= counts[4], counts
