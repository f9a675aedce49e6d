"""The rule registry: every rule, in catalogue order. Grep here to find a rule's module."""

from __future__ import annotations

from .base import Rule
from .fg01_parts_exceed_whole import PartsExceedWhole
from .fg02_rate_mismatch import RateMismatch
from .fg03_impossible import Impossible
from .fg04_conflict import Conflict
from .fg05_year_over_year import YearOverYear
from .fm01_page import Page
from .fm02_grid import Grid
from .fm03_title import Title
from .fm04_body import Body
from .fm05_headings import Headings
from .fm06_indent import Indent
from .fm07_color import Color
from .fm08_page_number import PageNumber
from .fm09_page_number_style import PageNumberStyle
from .fm10_frame_layout import FrameLayout
from .st01_missing_part import MissingPart
from .st02_part_not_headed import PartNotHeaded
from .st03_part_order import PartOrder
from .st04_numbering import Numbering
from .st05_thin_part import ThinPart
from .st06_frame import Frame
from .wd01_stale import Stale
from .wd02_year import Year
from .wd03_foreign_region import ForeignRegion
from .wd04_placeholder import Placeholder
from .wd05_date import Date
from .wd06_formulation import Formulation
from .wd07_copied import Copied

RULES: list[type[Rule]] = [
    MissingPart,
    PartNotHeaded,
    PartOrder,
    Numbering,
    ThinPart,
    Frame,
    PartsExceedWhole,
    RateMismatch,
    Impossible,
    Conflict,
    YearOverYear,
    Stale,
    Year,
    ForeignRegion,
    Placeholder,
    Date,
    Formulation,
    Copied,
    Page,
    Grid,
    Title,
    Body,
    Headings,
    Indent,
    Color,
    PageNumber,
    PageNumberStyle,
    FrameLayout,
]

BY_CODE: dict[str, type[Rule]] = {r.code: r for r in RULES}

__all__ = ["RULES", "BY_CODE", "Rule"]
