"""Pure presentation of records as rows: shared by the CLI (Rich, CSV) and the console."""
