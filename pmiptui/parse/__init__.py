"""Router output to typed records: cleaning, TTP runs, record building, unparsed lines."""

from pmiptui.parse.engine import KINDS, ParseResult, parse

__all__ = ["KINDS", "ParseResult", "parse"]
