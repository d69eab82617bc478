"""The user's actor file ($TIDEMARK_ACTORS): seen at once when named, an edit seen after a
short while, and no system call on every look-up in between."""

from __future__ import annotations

import os

from geo.parse import actors
from geo.parse.actors import actor_name, find_actors

ROW = "id,name,kind,colour,aliases\nzulu_brigade,{name},non-state,#123456,Zulu Brigade|ZB\n"


def test_an_edit_is_seen_once_the_time_is_up(tmp_path, monkeypatch):
    extra = tmp_path / "more.csv"
    extra.write_text(ROW.format(name="Zulu Brigade"), encoding="utf-8")
    monkeypatch.setenv("TIDEMARK_ACTORS", str(extra))
    assert actor_name("zulu_brigade") == "Zulu Brigade"
    extra.write_text(ROW.format(name="Brigade of Zulu"), encoding="utf-8")
    stat = os.stat(extra)
    os.utime(extra, (stat.st_atime, stat.st_mtime + 10))  # a later edit, whatever the clock's grain
    monkeypatch.setattr(actors, "MTIME_TTL_S", 0.0)
    assert actor_name("zulu_brigade") == "Brigade of Zulu"


def test_no_stat_per_look_up_within_the_time(tmp_path, monkeypatch):
    extra = tmp_path / "more.csv"
    extra.write_text(ROW.format(name="Zulu Brigade"), encoding="utf-8")
    monkeypatch.setenv("TIDEMARK_ACTORS", str(extra))
    monkeypatch.setattr(actors, "MTIME_TTL_S", 3600.0)
    assert [m.actor for m in find_actors("Fighters of the Zulu Brigade entered the town.")] == [
        "zulu_brigade"
    ]
    looks = []
    real = os.path.getmtime
    monkeypatch.setattr(os.path, "getmtime", lambda p: looks.append(p) or real(p))
    for _ in range(100):
        find_actors("The ZB held the bridge.")
        actor_name("zulu_brigade")
    assert looks == []
