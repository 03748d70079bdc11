"""Router output to typed records: cleaning, TTP templates, record building, unparsed-line report."""

from pmiptui.parse.engine import KINDS, ParseResult, parse

__all__ = ["KINDS", "ParseResult", "parse"]
