"""Great-circle distance: the one formula and Earth radius every stage uses."""

from __future__ import annotations

import math

import numpy as np

#: Mean Earth radius (IUGG), km.
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def km_between(a, b) -> float:
    """``haversine_km`` between two things with ``lat`` and ``lon`` (places)."""
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def haversine_km_many(lat: float, lon: float, lats_rad: np.ndarray, lons_rad: np.ndarray) -> np.ndarray:
    """Distances in km from one point (degrees) to many (radians, as arrays)."""
    p1, l1 = math.radians(lat), math.radians(lon)
    a = np.sin((lats_rad - p1) / 2) ** 2 + np.cos(p1) * np.cos(lats_rad) * np.sin((lons_rad - l1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def haversine_km_matrix(
    lats1: np.ndarray, lons1: np.ndarray, lats2: np.ndarray, lons2: np.ndarray
) -> np.ndarray:
    """Distances in km between every point of one set and every point of another (degrees, as
    arrays): an ``(n1, n2)`` matrix, the same formula as ``haversine_km``."""
    p1, p2 = np.radians(lats1), np.radians(lats2)
    return haversine_km_halves(
        p1 / 2, np.radians(lons1) / 2, np.cos(p1), p2 / 2, np.radians(lons2) / 2, np.cos(p2)
    )


def halves(lats: np.ndarray, lons: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What ``haversine_km_halves`` takes of points given in degrees: half their latitudes and
    longitudes in radians, and the cosines of their latitudes."""
    p = np.radians(lats)
    return p / 2, np.radians(lons) / 2, np.cos(p)


def haversine_km_halves(
    half_lats1: np.ndarray,
    half_lons1: np.ndarray,
    cos1: np.ndarray,
    half_lats2: np.ndarray,
    half_lons2: np.ndarray,
    cos2: np.ndarray,
) -> np.ndarray:
    """``haversine_km_matrix`` of points given as ``halves`` (worked out once per place by a
    caller that measures the same places again and again). Halving is exact in binary, so
    ``sin(p2 / 2 - p1 / 2)`` is ``sin((p2 - p1) / 2)`` to the bit."""
    a = (
        np.sin(half_lats2[None, :] - half_lats1[:, None]) ** 2
        + (cos1[:, None] * cos2[None, :]) * np.sin(half_lons2[None, :] - half_lons1[:, None]) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))  # a >= 0: cos(latitude) >= 0


def closeness(
    points: tuple[np.ndarray, np.ndarray, np.ndarray],
    owners: np.ndarray,
    anchors: tuple[np.ndarray, np.ndarray, np.ndarray],
    anchor_owners: np.ndarray,
    weights: np.ndarray,
    scale_km: float,
) -> np.ndarray:
    """For each point, the largest ``weight * exp(-km / scale_km)`` over the anchors of another
    owner (0 where there is none): how near a place is to the others a text names, for all of a
    text's candidates in one distance matrix. Points and anchors as ``halves``."""
    if not len(owners) or not len(anchor_owners):
        return np.zeros(len(owners))
    km = haversine_km_halves(*points, *anchors)
    votes = np.where(owners[:, None] == anchor_owners[None, :], 0.0, weights * np.exp(km / -scale_km))
    return np.maximum(np.maximum.reduce(votes, axis=1), 0.0)  # ``votes.max(axis=1)``, without its wrapper
