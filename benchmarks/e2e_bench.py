"""`make bench`: the end-to-end benchmark (the package benchmarks/e2e describes it).

    .venv/bin/python -m benchmarks.e2e_bench            # or: make bench
    .venv/bin/python -m benchmarks.e2e_bench --rates 50,100 --step-s 5 --sustain-s 10
    .venv/bin/python -m benchmarks.e2e_bench --preset crews-sqlite-200
"""

from __future__ import annotations

import sys

from benchmarks.e2e.cli import main
from benchmarks.e2e.floor import measure_floor, warm_up_broker
from benchmarks.e2e.keepalive import _HttpClient
from benchmarks.e2e.presets import PRESETS, parse_args

__all__ = ["PRESETS", "_HttpClient", "main", "measure_floor", "parse_args", "warm_up_broker"]

if __name__ == "__main__":
    sys.exit(main())
