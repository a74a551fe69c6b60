"""Date indexes: a period per year, month and day that has articles."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable

from ..article import Article, pickled_as_tuple


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Period:
    year: int
    month: int | None
    day: int | None
    url: str
    permalink: str
    count: int | None                # None on numbered listing pages (model.uncounted)
    articles: tuple[Article, ...] = ()   # newest first; pages get periods without them

    @property
    def level(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def path(self) -> str:
        return period_path(self.year, self.month, self.day)



def period_path(year: int, month: int | None = None, day: int | None = None) -> str:
    parts = [f"{year:04d}"] + ([f"{month:02d}"] if month else []) + ([f"{day:02d}"] if day else [])
    return "/" + "/".join(parts) + "/"


def group_periods(articles: Iterable[Article], url_of: Callable[[str], str],
                  permalink_of: Callable[[str], str]) -> tuple[Period, ...]:
    """Every year, month and day with articles, newest first within each level.
    A period's dates are the article's own (as written, with its offset)."""
    groups: dict[tuple, list[Article]] = defaultdict(list)
    for article in articles:
        d = article.date
        for key in ((d.year, None, None), (d.year, d.month, None), (d.year, d.month, d.day)):
            groups[key].append(article)
    periods = []
    for (year, month, day), members in groups.items():
        path = period_path(year, month, day)
        periods.append(Period(year, month, day, url_of(path), permalink_of(path), len(members), tuple(members)))
    return tuple(sorted(periods, key=lambda p: (p.year, p.month or 0, p.day or 0), reverse=True))


def neighbours(periods: tuple[Period, ...]) -> dict[str, tuple[Period | None, Period | None]]:
    """For each period's path: the (newer, older) period of the same level that has articles."""
    by_level: dict[str, list[Period]] = defaultdict(list)
    for period in periods:
        by_level[period.level].append(period)  # already newest first
    result = {}
    for level_periods in by_level.values():
        for index, period in enumerate(level_periods):
            newer = level_periods[index - 1] if index > 0 else None
            older = level_periods[index + 1] if index + 1 < len(level_periods) else None
            result[period.path] = (newer, older)
    return result
