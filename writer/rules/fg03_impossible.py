"""FG03 figures.impossible: a rate above 100%, or more successes than cases.

Wrong::

    共排查矛盾纠纷1200件，成功化解1260件，化解成功率达105%。

Right::

    共排查矛盾纠纷1260件，成功化解1200件，化解成功率达95.2%。
"""

from __future__ import annotations

from . import _figures
from .base import Rule


class Impossible(Rule):
    code = "FG03"
    name = "figures.impossible"
    severity = "error"
    summary = "不可能的数字：比率超过100%、成功数多于总数"

    def check(self, report):
        yield from _figures.findings(self, report, "核对数字：比率不会超过100%，部分不会多于总数。")
