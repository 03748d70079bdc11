"""The Textual console. Only this package imports Textual; it never does IO itself."""
