#!/usr/bin/env python3
"""Python `jsonschema` baseline for `loanstream bench schemas`.

Validates the same payloads against the same schema as the Swift benchmark and prints one
JSON line: {"rate": validations per wall-clock second, "cpu_rate": per CPU second,
"validations": n, "seconds": s, "cpu_seconds": c, "valid": k, "jsonschema": version}. Formats are asserted (FORMAT_CHECKER), as the Swift validator does.
Usage: jsonschema_baseline.py --schema schema.json --payloads payloads.json --iterations N
"""
import argparse
import json
import sys
import time
from importlib import metadata

import jsonschema


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", required=True, help="schema JSON file")
    parser.add_argument("--payloads", required=True, help="JSON file holding an array of payloads")
    parser.add_argument("--iterations", type=int, default=10, help="passes over the payloads")
    args = parser.parse_args()
    with open(args.schema, encoding="utf-8") as handle:
        schema = json.load(handle)
    with open(args.payloads, encoding="utf-8") as handle:
        payloads = json.load(handle)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    valid = sum(1 for payload in payloads if validator.is_valid(payload))
    iterations = max(1, args.iterations)
    start = time.perf_counter()
    cpu_start = time.thread_time()
    for _ in range(iterations):
        for payload in payloads:
            # Full error collection, as the Swift side does.
            for _error in validator.iter_errors(payload):
                pass
    seconds = time.perf_counter() - start
    cpu_seconds = time.thread_time() - cpu_start
    validations = len(payloads) * iterations
    print(json.dumps({
        "rate": validations / seconds if seconds > 0 else 0.0,
        "validations": validations,
        "seconds": seconds,
        "cpu_rate": validations / cpu_seconds if cpu_seconds > 0 else 0.0,
        "cpu_seconds": cpu_seconds,
        "valid": valid,
        "jsonschema": metadata.version("jsonschema"),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
