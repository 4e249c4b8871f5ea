"""The terminal UI (`glossary tui`): the only package that imports Textual."""
