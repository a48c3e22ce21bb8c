"""``python -m app`` behaves like the ``motcua`` command."""

import sys

from app.main import main

sys.exit(main())
