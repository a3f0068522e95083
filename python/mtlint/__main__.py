"""``python -m mtlint …`` runs the mtlint command line (the same program as the ``mtlint`` binary)."""

import sys

from mtlint._mtlint import main

if __name__ == "__main__":
    sys.exit(main(["mtlint", *sys.argv[1:]]))
