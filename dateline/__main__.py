"""``python -m dateline``: the command line."""

from .cli import main

main()
