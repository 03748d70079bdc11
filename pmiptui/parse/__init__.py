"""Router output to typed records: cleaning, TTP runs, record building, unparsed lines."""

from pmiptui.parse.engine import ParseResult, parse
from pmiptui.parse.kinds import KINDS

__all__ = ["KINDS", "ParseResult", "parse"]
