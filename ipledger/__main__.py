"""``python -m ipledger`` runs the command line."""

from ipledger.cli import main

main()
