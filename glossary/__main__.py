"""`python -m glossary`: the `glossary` command."""

from glossary.cli import main

main()
