"""Answers remembered by argument and read in C: ``answers[x]`` (a dict look-up, also inside
``map``) works the answer out on the first asking only."""

from __future__ import annotations

from typing import Callable, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Remembered(dict, Generic[K, V]):
    """``fn``'s answers by argument, emptied when it holds ``size`` of them."""

    def __init__(self, fn: Callable[[K], V], size: int):
        super().__init__()
        self.fn, self.size = fn, size

    def __missing__(self, key: K) -> V:
        if len(self) >= self.size:
            self.clear()
        value = self[key] = self.fn(key)
        return value
