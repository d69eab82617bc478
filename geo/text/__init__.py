"""Text in: reading files, records and feeds; cleaning; names, tokens and folding."""
